package org.myelin.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.myelin.cli.Main;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** What the Spark tests share: running myelin and myelin-spark in this JVM, reading Parquet with hyparquet. */
final class SparkJobs {

  /** Exit code and stderr of one command. */
  record Ran(int code, String err) {}

  private SparkJobs() {}

  static Ran myelin(String... args) {
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err)).execute(args);
    return new Ran(code, err.toString());
  }

  static Ran spark(String... args) {
    StringWriter err = new StringWriter();
    int code = MyelinSpark.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    return new Ran(code, err.toString());
  }

  static void ok(Ran r) {
    assertEquals(0, r.code(), r.err());
  }

  /** The Parquet files of a dataset (its partitions' included), in name order. */
  static List<Path> parts(Path dataset) throws Exception {
    try (var s = Files.walk(dataset)) {
      return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".parquet")).sorted()
          .toList();
    }
  }

  /**
   * One Parquet file as read by hyparquet (spark/src/test/node, installed by scripts/test): the
   * column names, then the rows.
   */
  static List<JsonNode> readWithHyparquet(Path file) throws Exception {
    Path dir = Path.of("src", "test", "node").toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("node_modules", "hyparquet"))) {
      fail("hyparquet is not installed in " + dir + "; run scripts/test (or npm ci there) first");
    }
    Process p = new ProcessBuilder("node", dir.resolve("read_parquet.mjs").toString(), file.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "node failed reading " + file);
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        lines.add(m.readTree(line));
      }
    }
    return lines;
  }
}
