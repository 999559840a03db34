package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stderr as engines want it: silent with --quiet, one JSON object per event with --log-format json. */
class LogTest {

  @TempDir
  Path tmp;

  @Test
  void quietPrintsNothingButErrors() {
    CliRunner.Result r = CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", tmp.resolve("q.h5ad").toString(),
        "--steps", "qc,normalize", "--quiet");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    r = CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", tmp.resolve("q.h5ad").toString(), "--quiet");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("myelin: error: ") && r.err().contains("already exists"), r.err());
  }

  @Test
  void jsonLogsOneObjectPerEventErrorsToo() throws Exception {
    CliRunner.Result r = CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", tmp.resolve("j.h5ad").toString(),
        "--steps", "qc,normalize", "--log-format", "json");
    assertEquals(0, r.code(), r.err());
    ObjectMapper json = new ObjectMapper();
    String[] lines = r.err().strip().split("\n");
    assertTrue(lines.length >= 4, r.err());
    for (String line : lines) {
      JsonNode e = json.readTree(line);
      assertEquals("info", e.get("level").asText(), line);
      assertTrue(e.has("time") && e.has("source") && e.has("message"), line);
    }
    r = CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", tmp.resolve("j.h5ad").toString(), "--log-format",
        "json");
    assertEquals(2, r.code());
    JsonNode error = json.readTree(r.err().strip());
    assertEquals("error", error.get("level").asText());
    assertTrue(error.get("message").asText().contains("already exists"), r.err());
    r = CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", tmp.resolve("x.h5ad").toString(), "--log-format",
        "xml");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Invalid --log-format: xml"), r.err());
  }

  @Test
  void longStepsReportProgressAsLinesOrJsonWhenStderrIsNoTerminal() throws Exception {
    System.setProperty("myelin.progress.seconds", "0");
    try {
      Path out = tmp.resolve("p.h5ad");
      String[] steps = {"--steps", "qc,normalize,hvg,pca,neighbors,umap", "--n-epochs", "40"};
      CliRunner.Result r = CliRunner.run(concat(new String[] {"run", DemoOutputsTest.demo().toString(), "-o",
          out.toString()}, steps));
      assertEquals(0, r.code(), r.err());
      assertTrue(r.err().contains("myelin umap: umap epochs 100% (40/40) after"), r.err());
      assertTrue(r.err().lines().filter(l -> l.startsWith("myelin umap: umap epochs ")).count() >= 2, r.err());
      assertTrue(r.err().contains("myelin run: reading X, cells 100% ("), r.err());
      // X is written beside the steps, without progress lines among theirs; the write line says so.
      assertTrue(r.err().contains("% of X and layers written beside the steps)"), r.err());
      r = CliRunner.run(concat(new String[] {"run", DemoOutputsTest.demo().toString(), "-o", out.toString(), "--force",
          "--log-format", "json"}, steps));
      assertEquals(0, r.code(), r.err());
      ObjectMapper json = new ObjectMapper();
      long progress = 0;
      for (String line : r.err().strip().split("\n")) {
        JsonNode e = json.readTree(line);
        if (e.get("level").asText().equals("progress") && e.get("task").asText().equals("umap epochs")) {
          progress++;
          assertEquals(40, e.get("total").asLong(), line);
        }
      }
      assertTrue(progress >= 2, r.err());
      r = CliRunner.run(concat(new String[] {"run", DemoOutputsTest.demo().toString(), "-o", out.toString(), "--force",
          "--quiet"}, steps));
      assertEquals("", r.err());
    } finally {
      System.clearProperty("myelin.progress.seconds");
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
