package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.DoubleColumn;
import org.myelin.io.CellDataIO;

class ScoreCommandTest {

  @TempDir
  Path tmp;

  private Path normalised() {
    Path norm = tmp.resolve("norm.h5ad");
    CliRunner.Result r = CliRunner.run("normalize", Path.of("..", "testdata", "demo.h5ad").toString(), "-o", norm.toString());
    assertEquals(0, r.code(), r.err());
    return norm;
  }

  @Test
  void scoresTheLibraryAndRecordsWhatItUsed() throws Exception {
    Path norm = normalised();
    Path out = tmp.resolve("scored.h5ad");
    Path table = tmp.resolve("scores.tsv");
    CliRunner.Result r = CliRunner.run("score", norm.toString(), "-o", out.toString(), "--signatures",
        "builtin:SCHWANN_REPAIR_UP,TEX_CORE_CHECKPOINT", "--score-method", "module,mean,zmean,ucell", "--table", table.toString());
    assertEquals(0, r.code(), r.err());
    r = CliRunner.run("score", norm.toString(), "-o", tmp.resolve("auc.h5ad").toString(), "--signatures",
        "builtin:SCHWANN_REPAIR_UP", "--score-method", "aucell");
    assertEquals(0, r.code(), r.err());
    CellData d = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    for (String col : List.of("SCHWANN_REPAIR_UP_module", "SCHWANN_REPAIR_UP_mean", "TEX_CORE_CHECKPOINT_zmean",
        "TEX_CORE_CHECKPOINT_ucell")) {
      assertTrue(d.obs().get(col) instanceof DoubleColumn, col);
    }
    Map<?, ?> scores = (Map<?, ?>) d.uns().get("scores");
    Map<?, ?> repair = (Map<?, ?>) scores.get("SCHWANN_REPAIR_UP");
    assertTrue(((String[]) repair.get("control_genes")).length > 0);
    assertEquals("cell\tSCHWANN_REPAIR_UP_module\tSCHWANN_REPAIR_UP_mean\tSCHWANN_REPAIR_UP_zmean\t"
        + "SCHWANN_REPAIR_UP_ucell\tTEX_CORE_CHECKPOINT_module\tTEX_CORE_CHECKPOINT_mean\tTEX_CORE_CHECKPOINT_zmean\t"
        + "TEX_CORE_CHECKPOINT_ucell", Files.readAllLines(table).get(0));
    // The simulator's planted biology: the repair program is highest in Schwann cells.
    double[] s = ((DoubleColumn) d.obs().get("SCHWANN_REPAIR_UP_module")).values();
    String[] type = new String[d.nObs()];
    for (int i = 0; i < type.length; i++) {
      type[i] = d.obs().get("cell_type").format(i);
    }
    double schwann = 0;
    double other = 0;
    int ns = 0;
    for (int i = 0; i < s.length; i++) {
      if (type[i].equals("schwann")) {
        schwann += s[i];
        ns++;
      } else {
        other += s[i];
      }
    }
    assertTrue(schwann / ns > other / (s.length - ns) + 0.1, "repair score in Schwann cells");
    // The same seed gives the same controls; another seed others.
    Path again = tmp.resolve("again.h5ad");
    assertEquals(0, CliRunner.run("score", norm.toString(), "-o", again.toString(), "--signatures",
        "builtin:SCHWANN_REPAIR_UP", "--seed", "5").code());
    Map<?, ?> other5 = (Map<?, ?>) ((Map<?, ?>) CellDataIO.read(again, CellDataIO.ReadOptions.DEFAULT, new Parallel(1))
        .uns().get("scores")).get("SCHWANN_REPAIR_UP");
    assertTrue(!java.util.Arrays.equals((String[]) repair.get("control_genes"), (String[]) other5.get("control_genes")));
  }

  @Test
  void listsTheLibraryAndRefusesWhatItCannotScore() throws Exception {
    CliRunner.Result r = CliRunner.run("signatures");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("name\tspecies\tgenes\tdescription\n"), r.out());
    assertTrue(r.out().contains("SCHWANN_REPAIR_UP\thuman\t") && r.out().contains("\tmouse\t"), r.out());
    Path norm = normalised();
    Path out = tmp.resolve("bad.h5ad");
    Path gmt = tmp.resolve("sets.gmt");
    Files.writeString(gmt, "FEW\tthree genes of which one is here\tCD3E\tNOTAGENE1\tNOTAGENE2\n");
    String[][] bad = {
        {"--signatures", gmt.toString(), "signature FEW: 1 of 3 genes found"},
        {"--signatures", "builtin:NO_SUCH_SET", "no built-in signature NO_SUCH_SET"},
        {"--signatures", tmp.resolve("missing.gmt").toString(), "no such GMT file"},
        {"--score-method", "gsva", "Invalid --score-method: gsva"},
        {"--max-rank", "0", "Invalid --max-rank: 0"},
        {"--auc-max-rank", "-3", "Invalid --auc-max-rank: -3"},
        {"--species", "fly", "Invalid --species: fly"}};
    for (String[] b : bad) {
      r = CliRunner.run("score", norm.toString(), "-o", out.toString(), b[0], b[1]);
      assertEquals(2, r.code(), String.join(" ", b) + ": " + r.err());
      assertTrue(r.err().contains(b[2]), r.err());
      assertTrue(Files.notExists(out));
    }
    // A pair X_UP / X_DOWN also gives X = UP - DOWN.
    Path pair = tmp.resolve("pair.gmt");
    Files.writeString(pair, "REPAIR_UP\tup\tJUN\tNGFR\tGAP43\nREPAIR_DOWN\tdown\tMPZ\tPMP22\tMBP\n");
    Path paired = tmp.resolve("paired.h5ad");
    r = CliRunner.run("score", norm.toString(), "-o", paired.toString(), "--signatures", pair.toString(),
        "--score-method", "mean");
    assertEquals(0, r.code(), r.err());
    CellData pd = CellDataIO.read(paired, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    double[] up = ((DoubleColumn) pd.obs().get("REPAIR_UP_mean")).values();
    double[] down = ((DoubleColumn) pd.obs().get("REPAIR_DOWN_mean")).values();
    double[] contrast = ((DoubleColumn) pd.obs().get("REPAIR_mean")).values();
    for (int i = 0; i < up.length; i += 101) {
      assertEquals(up[i] - down[i], contrast[i], 0);
    }
    // The same set passes when one gene is enough.
    r = CliRunner.run("score", norm.toString(), "-o", out.toString(), "--signatures", gmt.toString(), "--score-min-genes", "1",
        "--score-method", "mean");
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void seuratControlsSummaryAndBackedScoringAgree() throws Exception {
    Path demo = Path.of("..", "testdata", "demo.h5ad");
    Path out = tmp.resolve("all.h5ad");
    Path table = tmp.resolve("all.tsv");
    Path summary = tmp.resolve("summary.tsv");
    String sets = "builtin:SCHWANN_REPAIR_UP,SCHWANN_MYELIN_DOWN,TEX_CORE_CHECKPOINT";
    String methods = "module,seurat,ucell,aucell,mean,zmean";
    // Counts in, so X is log-normalised for scoring (auto).
    CliRunner.Result r = CliRunner.run("score", demo.toString(), "-o", out.toString(), "--signatures", sets,
        "--score-method", methods, "--table", table.toString(), "--groupby", "cell_type", "--summary", summary.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("X holds counts"), r.err());
    // Backed: the same numbers, streamed from the h5ad and from a 10x HDF5 copy.
    Path backed = tmp.resolve("backed.tsv");
    r = CliRunner.run("score", demo.toString(), "--backed", "-o", backed.toString(), "--signatures", sets,
        "--score-method", methods);
    assertEquals(0, r.code(), r.err());
    assertEquals(Files.readAllLines(table), Files.readAllLines(backed));
    Path h5 = tmp.resolve("demo.h5");
    assertEquals(0, CliRunner.run("convert", demo.toString(), h5.toString()).code());
    Path backedTenx = tmp.resolve("backed10x.tsv");
    r = CliRunner.run("score", h5.toString(), "--backed", "-o", backedTenx.toString(), "--signatures", sets,
        "--score-method", methods);
    assertEquals(0, r.code(), r.err());
    assertEquals(Files.readAllLines(table), Files.readAllLines(backedTenx));
    // The summary: the repair program is highest, and significantly so, in Schwann cells.
    List<String> lines = Files.readAllLines(summary);
    assertEquals("score\tgroup\tn_cells\tmean\tmedian\tfraction_above\tmean_rest\tauc\tz\tpvalue\tfdr", lines.get(0));
    double best = Double.NEGATIVE_INFINITY;
    String bestGroup = null;
    double bestFdr = 1;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      if (f[0].equals("SCHWANN_REPAIR_UP_seurat") && Double.parseDouble(f[3]) > best) {
        best = Double.parseDouble(f[3]);
        bestGroup = f[1];
        bestFdr = Double.parseDouble(f[10]);
      }
    }
    assertEquals("schwann", bestGroup);
    assertTrue(bestFdr < 1e-6, "FDR " + bestFdr);
    // --ctrl-genes: Seurat's recorded controls given to the module method give Seurat's score.
    CellData d = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    Map<?, ?> repair = (Map<?, ?>) ((Map<?, ?>) d.uns().get("scores")).get("SCHWANN_REPAIR_UP");
    String[] ctrl = (String[]) repair.get("control_genes_seurat");
    assertTrue(ctrl.length >= 100, "Seurat draws 100 controls per gene: " + ctrl.length);
    Path gmt = tmp.resolve("ctrl.gmt");
    Files.writeString(gmt, "SCHWANN_REPAIR_UP\tSeurat's controls\t" + String.join("\t", ctrl) + "\n");
    Path given = tmp.resolve("given.h5ad");
    r = CliRunner.run("score", demo.toString(), "-o", given.toString(), "--signatures", "builtin:SCHWANN_REPAIR_UP",
        "--ctrl-genes", gmt.toString());
    assertEquals(0, r.code(), r.err());
    double[] module = ((DoubleColumn) CellDataIO.read(given, CellDataIO.ReadOptions.DEFAULT, new Parallel(1)).obs()
        .get("SCHWANN_REPAIR_UP_module")).values();
    double[] seurat = ((DoubleColumn) d.obs().get("SCHWANN_REPAIR_UP_seurat")).values();
    assertTrue(java.util.Arrays.equals(seurat, module));
    // What cannot be done is refused, naming the problem, and nothing is written.
    Files.writeString(gmt, "SCHWANN_REPAIR_UP\tbad\tJUN\tNOT_A_GENE\n");
    Path mtx = tmp.resolve("mtx");
    assertEquals(0, CliRunner.run("convert", demo.toString(), mtx.toString(), "--to", "mtx").code());
    Path bad = tmp.resolve("bad.tsv");
    String[][] cases = {
        {demo.toString(), "--ctrl-genes", gmt.toString(), "control gene(s) not in the data: NOT_A_GENE"},
        {demo.toString(), "--summary", tmp.resolve("s.tsv").toString(), "no column 'leiden'"},
        {demo.toString(), "--groupby", "no_such_column", "no column 'no_such_column'"},
        {mtx.toString(), "--backed", "", "backed reading takes an h5ad or a 10x HDF5 file"},
        {demo.toString(), "--normalize", "maybe", "Invalid --normalize: maybe"}};
    for (String[] c : cases) {
      List<String> argv = new java.util.ArrayList<>(List.of("score", c[0], "-o", bad.toString(), c[1]));
      if (!c[2].isEmpty()) {
        argv.add(c[2]);
      }
      r = CliRunner.run(argv.toArray(new String[0]));
      assertEquals(2, r.code(), argv + ": " + r.err());
      assertTrue(r.err().contains(c[3]), r.err());
      assertTrue(Files.notExists(bad), String.valueOf(argv));
    }
    r = CliRunner.run("score", demo.toString(), "--backed", "-o", tmp.resolve("b.h5ad").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("OUT must end in .tsv, .csv or .arrow"), r.err());
  }
}
