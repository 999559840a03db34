package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.io.BadInputs;
import org.myelin.io.SharedData;

class CliTest {

  @TempDir
  Path tmp;

  @Test
  void versionIsBareAndExitsZero() {
    CliRunner.Result r = CliRunner.run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().trim().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), r.out());
  }

  @Test
  void infoJsonIsOneObjectForScripts() throws Exception {
    Path input = SharedData.data("scanpy/10x_data/3.0.0/filtered_feature_bc_matrix.h5");
    CliRunner.Result r = CliRunner.run("info", "--json", input.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.out().strip().lines().count(), "one line of JSON");
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(1107, j.get("n_obs").asInt());
    assertEquals(507, j.get("n_vars").asInt());
    assertEquals(23866, j.get("nnz").asLong());
    assertTrue(j.get("integer_counts").asBoolean());
    assertEquals("category", j.get("var").get("feature_types").asText());
  }

  @Test
  void infoTextNamesEverySlot() {
    CliRunner.Result r = CliRunner.run("info", SharedData.data("squidpy/test_data.h5ad").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("49 cells x 1999 genes"), r.out());
    assertTrue(r.out().contains("spatial=[49, 2]"), r.out());
    assertTrue(r.out().contains("non-integer values"), r.out());
  }

  @Test
  void convertRoundTripThroughMtxAndBack() throws Exception {
    Path input = SharedData.data("scanpy/10x_data/3.0.0/filtered_feature_bc_matrix.h5");
    Path mtx = tmp.resolve("mtx");
    Path h5ad = tmp.resolve("back.h5ad");
    Path obs = tmp.resolve("var.arrow");
    CliRunner.Result r = CliRunner.run("convert", input.toString(), mtx.toString(), "--var-table", obs.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out(), "stdout carries data only; convert prints none");
    assertTrue(Files.exists(mtx.resolve("matrix.mtx.gz")) && Files.exists(obs));
    r = CliRunner.run("convert", mtx.toString(), h5ad.toString(), "--threads", "2");
    assertEquals(0, r.code(), r.err());
    // The provenance record beside the output: command, parameters, and each input's checksum.
    JsonNode prov = new ObjectMapper().readTree(Provenance.pathFor(h5ad).toFile());
    assertEquals("convert", prov.get("command").get(1).asText());
    assertEquals("2", prov.get("parameters").get("--threads").asText());
    assertEquals(3, prov.get("inputs").size(), "barcodes, features and matrix of the MTX folder");
    for (JsonNode in : prov.get("inputs")) {
      assertEquals(Provenance.sha256(Path.of(in.get("path").asText())), in.get("sha256").asText());
    }
    JsonNode j = new ObjectMapper().readTree(CliRunner.run("info", "--json", h5ad.toString()).out());
    assertEquals(1107, j.get("n_obs").asInt());
    assertEquals(23866, j.get("nnz").asLong());
    r = CliRunner.run("convert", mtx.toString(), h5ad.toString());
    assertEquals(2, r.code(), "an existing output is kept without --force");
    assertTrue(r.err().contains("already exists"), r.err());
    assertEquals(0, CliRunner.run("convert", mtx.toString(), h5ad.toString(), "--force").code());
  }

  @Test
  void coordinatesJoinFromACellTable() throws Exception {
    Path h5 = SharedData.data("xenium_bone_marrow/cell_feature_matrix.h5");
    Path xy = SharedData.data("xenium_bone_marrow/cells_xy_from_celldega.csv.gz");
    Path out = tmp.resolve("xenium.h5ad");
    CliRunner.Result r = CliRunner.run("convert", h5.toString(), out.toString(), "--coords", xy.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(CliRunner.run("info", "--json", out.toString()).out());
    assertEquals(84518, j.get("obsm").get("spatial").get(0).asInt());
  }

  @Test
  void everyBadInputExitsTwoWithOneLineAndWritesNothing() throws Exception {
    Map<String, BadInputs.Case> cases = BadInputs.create(tmp);
    for (Map.Entry<String, BadInputs.Case> e : cases.entrySet()) {
      Path out = tmp.resolve("out-" + e.getKey().replace(' ', '_') + ".h5ad");
      CliRunner.Result r = CliRunner.run("convert", e.getValue().input().toString(), out.toString());
      assertEquals(2, r.code(), e.getKey() + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), e.getKey() + ": one line: " + r.err());
      assertTrue(r.err().startsWith("myelin: error: "), r.err());
      assertTrue(r.err().contains(e.getValue().input().getFileName().toString()), r.err());
      assertTrue(r.err().contains(e.getValue().expected()), e.getKey() + ": " + r.err());
      assertTrue(Files.notExists(out), e.getKey() + ": output written");
      assertEquals("", r.out());
    }
    try (var files = Files.list(tmp)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "temporary files left");
    }
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, CliRunner.run("info", "--no-such-option", "x").code());
    assertEquals(2, CliRunner.run("frobnicate").code());
    assertEquals(2, CliRunner.run().code());
    CliRunner.Result r = CliRunner.run("info", "--threads", "-1", SharedData.data("seurat").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Invalid --threads: -1"), r.err());
    r = CliRunner.run("info", "--var-names", "symbols", SharedData.data("seurat").toString());
    assertEquals(2, r.code());
    r = CliRunner.run("info", tmp.resolve("missing.h5ad").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("missing.h5ad: no such file"), r.err());
  }

  @Test
  void stacktraceOnlyWhenAsked() {
    Path missing = tmp.resolve("missing.h5ad");
    assertEquals(1, CliRunner.run("info", missing.toString()).err().strip().lines().count());
    assertTrue(CliRunner.run("info", "--stacktrace", missing.toString()).err().contains("\tat "));
  }
}
