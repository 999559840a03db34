package org.myelin.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docs/spark.md names every option of myelin-spark's own (myelin cohort's and score's have their pages). */
class SparkDocsTest {

  @Test
  void everyOptionOfTheJobsIsDocumented() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "spark.md"));
    CommandLine top = new CommandLine(new MyelinSpark());
    for (String job : new String[] {"cohort", "score"}) {
      CommandLine.Model.CommandSpec spec = top.getSubcommands().get(job).getCommandSpec();
      Set<String> borrowed = new java.util.HashSet<>();
      for (String mixin : new String[] {"cohort", "score"}) {
        if (spec.mixins().containsKey(mixin)) {
          spec.mixins().get(mixin).options().forEach(o -> borrowed.add(o.longestName()));
        }
      }
      for (CommandLine.Model.OptionSpec o : spec.options()) {
        String name = o.longestName();
        if (!borrowed.contains(name) && !name.equals("--help") && !name.equals("--version")) {
          assertTrue(doc.contains("`" + name) || doc.contains(name + " "), job + " " + name + " is not in docs/spark.md");
        }
      }
    }
  }
}
