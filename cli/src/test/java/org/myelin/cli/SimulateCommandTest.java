package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  @TempDir
  Path tmp;

  private JsonNode info(Path file) throws Exception {
    CliRunner.Result r = CliRunner.run("info", "--json", file.toString());
    assertEquals(0, r.code(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void writesTheTruthBesideTheCounts() throws Exception {
    Path out = tmp.resolve("sim.h5ad");
    CliRunner.Result r = CliRunner.run("simulate", "--cells", "800", "--genes", "1200", "--seed", "4", "-o", out.toString(),
        "--threads", "2");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains("800 cells x 1200 genes"), r.err());
    JsonNode j = info(out);
    assertEquals(800, j.get("n_obs").asInt());
    assertTrue(j.get("integer_counts").asBoolean());
    for (String col : new String[] {"cell_type", "cell_state", "nerve_id", "nerve_invaded", "nerve_injured",
        "distance_to_nerve_um", "distance_to_injured_nerve_um"}) {
      assertTrue(j.get("obs").has(col), col);
    }
    assertEquals(2, j.get("obsm").get("spatial").get(1).asInt());
    assertTrue(j.get("uns").toString().contains("simulation") && j.get("uns").toString().contains("nerves"));
    JsonNode prov = new ObjectMapper().readTree(Provenance.pathFor(out).toFile());
    assertEquals("4", prov.get("parameters").get("--seed").asText());
    assertEquals("0.5", prov.get("parameters").get("--invaded-fraction").asText(), "defaults are recorded too");
  }

  @Test
  void sameSeedSameFileContentWhateverTheThreads() throws Exception {
    Path a = tmp.resolve("a_mtx");
    Path b = tmp.resolve("b_mtx");
    assertEquals(0, CliRunner.run("simulate", "--cells", "5000", "--genes", "700", "-o", a.toString(), "--threads", "1").code());
    assertEquals(0, CliRunner.run("simulate", "--cells", "5000", "--genes", "700", "-o", b.toString(), "--threads", "2").code());
    // gzip streams embed no time here, so equal content means equal bytes of the decompressed matrix.
    assertEquals(new String(new java.util.zip.GZIPInputStream(Files.newInputStream(a.resolve("matrix.mtx.gz"))).readAllBytes()),
        new String(new java.util.zip.GZIPInputStream(Files.newInputStream(b.resolve("matrix.mtx.gz"))).readAllBytes()));
  }

  @Test
  void streamedH5adIsByteIdenticalForAnyThreadCount() throws Exception {
    // Blocks are made and compressed in parallel but laid out in block order: the same bytes.
    Path a = tmp.resolve("a.h5ad");
    Path b = tmp.resolve("b.h5ad");
    assertEquals(0, CliRunner.run("simulate", "--cells", "9000", "--genes", "700", "-o", a.toString(), "--threads", "1").code());
    assertEquals(0, CliRunner.run("simulate", "--cells", "9000", "--genes", "700", "-o", b.toString(), "--threads", "2").code());
    assertEquals(-1L, Files.mismatch(a, b));
  }

  @Test
  void mouseAndTenxOutputs() throws Exception {
    Path out = tmp.resolve("mouse.h5");
    CliRunner.Result r = CliRunner.run("simulate", "--cells", "300", "--genes", "1000", "--species", "mouse", "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(300, info(out).get("n_obs").asInt());
    Path genes = tmp.resolve("genes.tsv");
    Files.writeString(genes, "ENSG1\tREALGENE1\nENSG2\tREALGENE2\n");
    Path named = tmp.resolve("named.h5ad");
    assertEquals(0, CliRunner.run("simulate", "--cells", "200", "--genes", "1000", "--gene-names", genes.toString(),
        "-o", named.toString()).code());
    r = CliRunner.run("convert", named.toString(), tmp.resolve("named.tsv").toString());
    assertEquals(0, r.code(), r.err());
    String header = Files.readAllLines(tmp.resolve("named.tsv")).get(0);
    assertTrue(header.contains("REALGENE1") && header.contains("REALGENE2") && header.contains("SIM00001"), header);
  }

  @Test
  void badParametersExitTwoAndWriteNothing() {
    Path out = tmp.resolve("bad.h5ad");
    String[][] bad = {
        {"--tumour-fraction", "1.5", "Invalid tumourFraction: 1.5"},
        {"--genes", "10", "Invalid number of genes: 10"},
        {"--species", "dog", "Invalid --species: dog"},
        {"--cells", "0", "Invalid number of cells: 0"},
        {"--injury-fold", "0.5", "Invalid fold change: 0.5"}};
    for (String[] b : bad) {
      String[] args = b[0].equals("--cells")
          ? new String[] {"simulate", b[0], b[1], "-o", out.toString()}
          : new String[] {"simulate", "--cells", "100", b[0], b[1], "-o", out.toString()};
      CliRunner.Result r = CliRunner.run(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().contains(b[2]), r.err());
      assertTrue(Files.notExists(out));
    }
    assertEquals(2, CliRunner.run("simulate", "-o", out.toString()).code(), "--cells is required");
  }
}
