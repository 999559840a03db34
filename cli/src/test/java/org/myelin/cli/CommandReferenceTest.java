package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The docs/reference.md is picocli's own help, word for word. */
class CommandReferenceTest {

  private static final String BEGIN = "<!-- BEGIN COMMAND REFERENCE -->";
  private static final String END = "<!-- END COMMAND REFERENCE -->";

  /** The reference as the README should hold it: the help of myelin and of every subcommand. */
  static String reference() {
    CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    StringBuilder sb = new StringBuilder();
    sb.append("```\n$ myelin --help\n").append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF)).append("```\n");
    append(sb, cl);
    return sb.toString();
  }

  /** The help of every subcommand of {@code cl}, nested ones (myelin spatial graph) after their parent. */
  private static void append(StringBuilder sb, CommandLine cl) {
    for (var e : cl.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      sb.append("\n```\n$ ").append(e.getValue().getCommandSpec().qualifiedName()).append(" --help\n")
          .append(e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF)).append("```\n");
      append(sb, e.getValue());
    }
  }

  @Test
  void readmeHoldsPicocliHelp() throws Exception {
    Path readme = Path.of("..", "docs", "reference.md");
    String text = Files.readString(readme);
    int b = text.indexOf(BEGIN);
    int e = text.indexOf(END);
    String current = text.substring(b + BEGIN.length(), e).strip();
    String expected = reference().strip();
    if (!current.equals(expected) && "true".equals(System.getProperty("myelin.updateReadme"))) {
      Files.writeString(readme, text.substring(0, b + BEGIN.length()) + "\n" + expected + "\n" + text.substring(e));
      return;
    }
    assertEquals(expected, current,
        "docs/reference.md differs from picocli's help; rerun with -Dmyelin.updateReadme=true");
  }
}
