package org.myelin.cli;

import java.io.UncheckedIOException;
import org.myelin.io.MyelinFileException;
import picocli.CommandLine;

/**
 * Maps failures to exit codes with one line on stderr: problems with the input or the arguments
 * exit 2, anything else 1. The stack trace is printed only with {@code --stacktrace}.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    boolean trace = parsed.hasMatchedOption("--stacktrace")
        || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--stacktrace"));
    int code;
    String message;
    if (e instanceof MyelinFileException) {
      code = Main.EXIT_BAD_INPUT;
      message = e.getMessage();
    } else if (e instanceof IllegalArgumentException) {
      code = Main.EXIT_BAD_INPUT;
      message = e.getMessage();
    } else if (e instanceof UncheckedIOException io) {
      code = Main.EXIT_FAILURE;
      message = io.getMessage();
    } else {
      code = Main.EXIT_FAILURE;
      message = "internal error: " + e;
    }
    if (jsonLog(parsed)) {
      cl.getErr().println(Log.json("error", cl.getCommandSpec().qualifiedName().replaceFirst("^myelin ?", ""),
          message));
    } else {
      cl.getErr().println("myelin: error: " + message);
    }
    if (trace) {
      e.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    return code;
  }

  /** Whether the command line asked for JSON log lines. */
  private static boolean jsonLog(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--log-format") && "json".equalsIgnoreCase(String.valueOf(
          (Object) p.matchedOptionValue("--log-format", "text")))) {
        return true;
      }
    }
    return false;
  }

  static int onUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    cl.getErr().println("myelin: error: " + usageMessage(e));
    cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    cl.getErr().flush();
    return Main.EXIT_BAD_INPUT;
  }

  /**
   * picocli's message, made specific: an unknown option names the closest one, and a second
   * input where the command takes one says so.
   */
  static String usageMessage(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      String command = e.getCommandLine().getCommandSpec().qualifiedName();
      if (first.startsWith("-")) {
        String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        String closest = closest(option, e.getCommandLine().getCommandSpec());
        return "Unknown option: '" + option + "'" + (closest == null ? "" : " (did you mean " + closest + "?)");
      }
      if (!e.getCommandLine().getCommandSpec().positionalParameters().isEmpty()) {
        return command + " takes one INPUT; '" + first + "' is one more (run it once per input)";
      }
    }
    return e.getMessage();
  }

  /** The option of {@code spec} nearest to {@code given} by edit distance, when near enough to be a typo. */
  private static String closest(String given, CommandLine.Model.CommandSpec spec) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      for (String name : o.names()) {
        int d = editDistance(given, name);
        if (d < bestDistance) {
          bestDistance = d;
          best = name;
        }
      }
    }
    return best != null && bestDistance <= Math.max(2, given.length() / 3) ? best : null;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
