package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

class RunCommandTest {

  @TempDir
  Path tmp;

  @Test
  void runEqualsTheStepsOneByOne() throws Exception {
    Path in = SharedData.data("seurat");
    Path out = tmp.resolve("run.h5ad");
    Path tables = tmp.resolve("tables");
    CliRunner.Result r = CliRunner.run("run", in.toString(), "-o", out.toString(), "--tables", tables.toString(),
        "--min-genes", "10", "--n-top-genes", "60", "--n-pcs", "8", "--threads", "2");
    assertEquals(0, r.code(), r.err());
    for (String step : List.of("qc", "normalize", "hvg", "pca", "neighbors", "leiden", "umap", "markers")) {
      assertTrue(r.err().contains("myelin run: " + step + " done"), r.err());
    }
    // The same four steps as separate commands give the same embedding, bit for bit.
    Path a = tmp.resolve("a.h5ad");
    Path b = tmp.resolve("b.h5ad");
    Path c = tmp.resolve("c.h5ad");
    Path d = tmp.resolve("d.h5ad");
    assertEquals(0, CliRunner.run("qc", in.toString(), "-o", a.toString(), "--min-genes", "10").code());
    assertEquals(0, CliRunner.run("normalize", a.toString(), "-o", b.toString()).code());
    assertEquals(0, CliRunner.run("hvg", b.toString(), "-o", c.toString(), "--n-top-genes", "60").code());
    assertEquals(0, CliRunner.run("pca", c.toString(), "-o", d.toString(), "--n-pcs", "8").code());
    CellData whole = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    CellData stepwise = CellDataIO.read(d, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertArrayEquals(((DenseFloatMatrix) stepwise.obsm().get("X_pca")).data(),
        ((DenseFloatMatrix) whole.obsm().get("X_pca")).data());
    assertTrue(whole.layers().containsKey("counts") && whole.var().has("highly_variable"));
    // Tables: obs and var with their index, and the PCA variances; all listed in the provenance.
    List<String> pcs = Files.readAllLines(tables.resolve("pca_variance.tsv"));
    assertEquals("component\tpc\tvariance\tvariance_ratio", pcs.get(0));
    assertEquals(9, pcs.size());
    assertTrue(Files.readAllLines(tables.resolve("obs.tsv")).get(0).startsWith("cell\t"));
    String provenance = Files.readString(Path.of(out + ".provenance.json"));
    assertTrue(provenance.contains("var.tsv") && provenance.contains("pca_variance.tsv")
        && provenance.contains("markers.tsv"), provenance);
  }

  @Test
  void compactCountsGiveTheSameFileAsFloatCounts() throws Exception {
    // Compact counts make X from the counts when read: every step downstream sees the same numbers.
    Path in = SharedData.data("seurat");
    byte[][] files = new byte[2][];
    String[] encodings = {"float", "compact"};
    for (int e = 0; e < 2; e++) {
      Path out = tmp.resolve(encodings[e] + ".h5ad");
      CliRunner.Result r = CliRunner.run("run", in.toString(), "-o", out.toString(), "--min-genes", "10",
          "--n-top-genes", "60", "--n-pcs", "8", "--threads", "2", "--counts-in-memory", encodings[e]);
      assertEquals(0, r.code(), r.err());
      assertEquals(e == 1, r.err().contains("counts held compactly"), r.err());
      files[e] = Files.readAllBytes(out);
    }
    assertArrayEquals(files[0], files[1]);
    CliRunner.Result bad = CliRunner.run("run", in.toString(), "-o", tmp.resolve("x.h5ad").toString(),
        "--counts-in-memory", "half");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("Invalid --counts-in-memory: half (auto, float or compact)"), bad.err());
  }

  @Test
  void stepsPickASubsetAndBadOnesAreRefusedBeforeWork() {
    Path in = SharedData.data("seurat");
    Path out = tmp.resolve("qc.h5ad");
    CliRunner.Result r = CliRunner.run("run", in.toString(), "-o", out.toString(), "--steps", "normalize,qc",
        "--min-genes", "10");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("hvg done"), r.err());
    assertTrue(r.err().indexOf("qc done") < r.err().indexOf("normalize done"), "pipeline order: " + r.err());
    Path bad = tmp.resolve("bad.h5ad");
    String[][] cases = {
        {"--steps", "qc,tsne", "Invalid --steps: tsne"},
        {"--hvg-flavor", "pearson", "Invalid --hvg-flavor: pearson"},
        {"--target-sum", "-1", "Invalid --target-sum"},
        {"--compression", "gzip:12", "Invalid --compression: gzip:12"},
        {"--compression", "zstd", "Invalid --compression: zstd"}};
    for (String[] c : cases) {
      r = CliRunner.run("run", in.toString(), "-o", bad.toString(), c[0], c[1], "--min-genes", "10");
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains(c[2]), r.err());
      assertTrue(Files.notExists(bad));
    }
    // Tables already there are not overwritten without --force, and nothing else is written.
    Path tables = tmp.resolve("t");
    assertEquals(0, CliRunner.run("run", in.toString(), "-o", tmp.resolve("x.h5ad").toString(), "--tables",
        tables.toString(), "--min-genes", "10", "--steps", "qc").code());
    r = CliRunner.run("run", in.toString(), "-o", bad.toString(), "--tables", tables.toString(), "--min-genes", "10");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("obs.tsv") && r.err().contains("already exists"), r.err());
    assertTrue(Files.notExists(bad));
  }

  @Test
  void everyCheckFailsBeforeAnyStepRuns() throws Exception {
    Path demo = DemoOutputsTest.demo();
    Path out = tmp.resolve("out.h5ad");
    Path readOnly = tmp.resolve("read-only");
    Files.createDirectories(readOnly);
    readOnly.toFile().setWritable(false);
    String[][] cases = {
        {demo.toString(), out.toString(), "--nhood-perms", "0", "Invalid --nhood-perms: 0"},
        {demo.toString(), out.toString(), "--spatial-weights", "gaussian", "Invalid --spatial-weights: gaussian"},
        {demo.toString(), out.toString(), "--bands", "0,50,20", "Invalid --bands"},
        {tmp.resolve("missing.h5ad").toString(), out.toString(), "--seed", "1", "missing.h5ad: no such file"},
        {demo.toString(), tmp.resolve("out.csv").toString(), "--seed", "1", "myelin run writes h5ad"},
        {demo.toString(), tmp.resolve("bare").toString(), "--seed", "1", "myelin run writes h5ad"},
        {demo.toString(), tmp.resolve("file.txt").resolve("x.h5ad").toString(), "--seed", "1", "is not a folder"},
        {demo.toString(), out.toString(), "--preset", "slideseq", "Invalid --preset: slideseq"},
        {demo.toString(), out.toString(), "--microns-per-unit", "-2", "Invalid --microns-per-unit: -2.0"}};
    Files.writeString(tmp.resolve("file.txt"), "x");
    for (String[] c : cases) {
      long t0 = System.nanoTime();
      CliRunner.Result r = CliRunner.run("run", c[0], "-o", c[1], c[2], c[3]);
      assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
      assertTrue(r.err().contains(c[4]), r.err());
      assertFalse(r.err().contains("done in"), "no step ran: " + r.err());
      assertTrue(Files.notExists(Path.of(c[1])));
    }
    if (!"root".equals(System.getProperty("user.name"))) { // root writes anywhere
      CliRunner.Result r = CliRunner.run("run", demo.toString(), "-o", readOnly.resolve("x.h5ad").toString());
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("is not writable"), r.err());
    }
  }

  @Test
  void aQcRuleThatLeavesTooFewCellsStopsTheRunNamingItAndWritesNothing() {
    Path out = tmp.resolve("none.h5ad");
    CliRunner.Result r = CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", out.toString(), "--min-genes",
        "5000");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("QC left 0 of 5000 cells, too few to go on: --min-genes removed 5000 of 5000 cells "
        + "with fewer than 5000 genes (median genes per cell is"), r.err());
    assertFalse(r.err().contains("hvg done"), r.err());
    assertTrue(Files.notExists(out) && Files.notExists(Path.of(out + ".provenance.json")));
  }

  @Test
  void aStepFailingWhileXIsWrittenInTheBackgroundLeavesNoFile() throws Exception {
    // X and layers begin to be written once normalize is done; the niche step fails afterwards.
    Path out = tmp.resolve("late.h5ad");
    CliRunner.Result r = CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", out.toString(), "--steps",
        "qc,normalize,hvg,pca,neighbors,spatial", "--niche-reference", "nosuch>0.3");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--niche-reference nosuch>0.3: obs has no column 'nosuch'"), r.err());
    assertTrue(Files.notExists(out) && Files.notExists(Path.of(out + ".provenance.json")));
    try (var files = Files.list(tmp)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "temporary file left");
    }
  }

  @Test
  void helpGroupsOptionsByStepAndSuggestsTheClosestOption() {
    CliRunner.Result help = CliRunner.run("run", "--help");
    assertEquals(0, help.code());
    String text = help.out();
    int qc = text.indexOf("\nqc:\n");
    int umap = text.indexOf("\numap:\n");
    int niche = text.indexOf("\nniche:\n");
    assertTrue(qc > 0 && umap > qc && niche > umap, text);
    assertTrue(text.indexOf("--min-genes") > qc && text.indexOf("--min-genes") < umap, "--min-genes under qc");
    assertTrue(text.contains("Examples:"), text);
    assertFalse(help.err().contains("%"), help.err());
    CliRunner.Result typo = CliRunner.run("run", "in.h5ad", "-o", "o.h5ad", "--min-gene", "3");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("did you mean --min-genes?"), typo.err());
    CliRunner.Result two = CliRunner.run("run", "a.h5ad", "b.h5ad", "-o", "o.h5ad");
    assertEquals(2, two.code());
    assertTrue(two.err().contains("takes one INPUT; 'b.h5ad' is one more"), two.err());
  }

  @Test
  void provenanceWritesArraysAsTheirValues() throws Exception {
    Path out = tmp.resolve("qc.h5ad");
    CliRunner.Result r = CliRunner.run("qc", SharedData.data("seurat").toString(), "-o", out.toString(),
        "--min-genes", "10", "--percent-top", "5,10");
    assertEquals(0, r.code(), r.err());
    String provenance = Files.readString(Path.of(out + ".provenance.json"));
    assertTrue(provenance.contains("\"--percent-top\":\"5,10\""), provenance);
    assertFalse(provenance.contains("[I@"), provenance);
  }
}
