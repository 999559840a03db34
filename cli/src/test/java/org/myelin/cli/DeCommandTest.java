package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Frame;
import org.myelin.core.table.StringColumn;
import org.myelin.io.CellDataIO;

/** myelin pseudobulk and myelin de on a small simulated cohort, and what they refuse. */
class DeCommandTest {

  @TempDir
  static Path tmp;

  static Path pseudobulk;

  @BeforeAll
  static void cohortToPseudobulk() throws Exception {
    Path sim = tmp.resolve("sim");
    CliRunner.Result r = CliRunner.run("simulate", "--samples", "8", "--cells", "1500", "--genes", "800", "--seed", "4",
        "-o", sim.toString());
    assertEquals(0, r.code(), r.err());
    Path joined = tmp.resolve("cohort.h5ad");
    r = CliRunner.run("concat", "--samples", sim.resolve("samples.csv").toString(), "-o", joined.toString());
    assertEquals(0, r.code(), r.err());
    pseudobulk = tmp.resolve("pb.h5ad");
    Path cells = tmp.resolve("cells.tsv");
    r = CliRunner.run("pseudobulk", joined.toString(), "-o", pseudobulk.toString(), "--min-cells", "20", "--cells",
        cells.toString());
    assertEquals(0, r.code(), r.err());
    List<String> table = Files.readAllLines(cells);
    assertEquals(9, table.size(), "a row per sample");
    assertTrue(table.get(0).startsWith("sample\t") && table.get(0).contains("\tcd8_t"), table.get(0));
    assertTrue(r.err().contains("pseudo-samples of 8 samples by cell_type"), r.err());
    CellData pb = CellDataIO.read(pseudobulk, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertTrue(pb.obs().has("response") && pb.obs().has("batch") && pb.obs().has("n_cells"),
        "sample-level columns carried: " + pb.obs().columns().keySet());
    assertTrue(CsrMatrix.isIntegral(pb.x()));
  }

  @Test
  void testsEachCellTypeAcrossSamples() throws Exception {
    Path out = tmp.resolve("de.tsv");
    CliRunner.Result r = CliRunner.run("de", pseudobulk.toString(), "--design", "~ response", "--contrast",
        "response,NR,R", "--groups", "cd8_t,schwann", "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("gene\tcell_type\tn_samples\tbaseMean\tlog2FoldChange\tlfcSE\tstat\tpvalue\tpadj\tdispersion",
        lines.get(0));
    assertEquals(1 + 2 * 800, lines.size());
    assertTrue(r.err().contains("DE of cd8_t: 8 samples, response NR vs R"), r.err());
  }

  @Test
  void refusesBadDesignsAndCounts() throws Exception {
    bad(List.of("--design", "~ stage", "--contrast", "response,NR,R"), pseudobulk,
        "design column 'stage' is not in the sample sheet");
    bad(List.of("--design", "~ response", "--contrast", "response,PR,R"), pseudobulk,
        "contrast level 'PR' is not a value of column 'response'");
    bad(List.of("--design", "~ response + patient", "--contrast", "response,NR,R"), pseudobulk, "not of full rank");
    bad(List.of("--design", "~ response", "--contrast", "response,NR"), pseudobulk, "Invalid --contrast");

    // Two pseudo-samples with fractional and negative counts, and a group with one sample per level.
    CellData pb = CellDataIO.read(pseudobulk, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    double[] values = {3, 2.5, 1, 4};
    CsrMatrix x = CsrMatrix.fromCsr(2, new long[] {0, 2, 4}, new int[] {0, 1, 0, 1}, values);
    Frame obs = new Frame(new String[] {"a", "b"});
    obs.put("response", new StringColumn(new String[] {"NR", "R"}));
    Frame var = new Frame(new String[] {"G1", "G2"});
    Path fractional = tmp.resolve("fractional.h5ad");
    CellDataIO.write(new CellData(x, obs, var), fractional, CellDataIO.Format.H5AD, true, new Parallel(1));
    bad(List.of("--design", "~ response", "--contrast", "response,NR,R"), fractional,
        "count 2.5 of gene G2 in sample a is not a non-negative whole number");
    values[1] = -2;
    CellDataIO.write(new CellData(CsrMatrix.fromCsr(2, new long[] {0, 2, 4}, new int[] {0, 1, 0, 1}, values), obs, var),
        fractional, CellDataIO.Format.H5AD, true, new Parallel(1));
    bad(List.of("--design", "~ response", "--contrast", "response,NR,R"), fractional, "count -2.0 of gene G2");
    values[1] = 2;
    CellDataIO.write(new CellData(CsrMatrix.fromCsr(2, new long[] {0, 2, 4}, new int[] {0, 1, 0, 1}, values), obs, var),
        fractional, CellDataIO.Format.H5AD, true, new Parallel(1));
    bad(List.of("--design", "~ response", "--contrast", "response,NR,R", "--group-key", "none"), fractional,
        "all has 1 NR and 1 R samples; two of each are needed");
    assertTrue(pb.nObs() > 0);
  }

  private static void bad(List<String> options, Path input, String message) {
    Path out = tmp.resolve("bad.tsv");
    List<String> args = new java.util.ArrayList<>(List.of("de", input.toString(), "-o", out.toString()));
    args.addAll(options);
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(message), "expected '" + message + "' in:\n" + r.err());
    assertTrue(r.err().contains(input.getFileName().toString()) || message.startsWith("Invalid"), "names the file: "
        + r.err());
    assertFalse(Files.exists(out), "nothing written");
  }
}
