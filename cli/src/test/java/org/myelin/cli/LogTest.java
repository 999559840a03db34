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
}
