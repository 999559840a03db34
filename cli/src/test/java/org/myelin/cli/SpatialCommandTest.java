package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.io.CellDataIO;

class SpatialCommandTest {

  @TempDir
  Path tmp;

  private static CellData read(Path p) {
    return CellDataIO.read(p, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
  }

  private static void ok(String... argv) {
    CliRunner.Result r = CliRunner.run(argv);
    assertEquals(0, r.code(), String.join(" ", argv) + ": " + r.err());
  }

  @Test
  void theNicheRecoversThePlantedExhaustionGradient() throws Exception {
    Path demo = Path.of("..", "testdata", "demo.h5ad");
    Path scored = tmp.resolve("scored.h5ad");
    ok("score", demo.toString(), "-o", scored.toString(), "--signatures", "builtin:TEX_CORE_CHECKPOINT,SCHWANN_REPAIR_UP");
    Path graph = tmp.resolve("graph.h5ad");
    ok("spatial", "graph", scored.toString(), "-o", graph.toString());
    Path auto = tmp.resolve("auto.h5ad");
    Path tables = tmp.resolve("tables");
    ok("spatial", "autocorr", graph.toString(), "-o", auto.toString(), "--autocorr-mode", "moran,geary", "--genes", "none",
        "--tables", tables.toString());
    List<String> moran = Files.readAllLines(tables.resolve("moranI.tsv"));
    assertEquals("feature\tI\tpval_norm\tvar_norm\tpval_norm_fdr_bh", moran.get(0));
    // Both programs are spatially patterned in the section (nerves, and T cells crowding to them).
    // Exhaustion varies only within the CD8 T cells (6% of the cells), so its autocorrelation over
    // all cells is weak (I about 0.015, p about 0.03) though real; Schwann repair is strong.
    for (String line : moran.subList(1, moran.size())) {
      String[] f = line.split("\t");
      double alpha = f[0].startsWith("TEX_") ? 0.05 : 0.01;
      assertTrue(Double.parseDouble(f[1]) > 0 && Double.parseDouble(f[4]) < alpha, line);
    }
    Path nhood = tmp.resolve("nhood.h5ad");
    ok("spatial", "nhood", auto.toString(), "-o", nhood.toString(), "--cluster-key", "cell_type", "--n-perms", "200",
        "--tables", tables.toString());
    // Schwann cells line nerves: their self-enrichment is the strongest of the row.
    Map<String, String[]> z = rows(Files.readAllLines(tables.resolve("nhood_enrichment_zscore.tsv")));
    String[] header = Files.readAllLines(tables.resolve("nhood_enrichment_zscore.tsv")).get(0).split("\t");
    int self = List.of(header).indexOf("schwann");
    assertTrue(Double.parseDouble(z.get("schwann")[self]) > 10, "Schwann cells neighbour Schwann cells");
    Path niche = tmp.resolve("niche.h5ad");
    CliRunner.Result r = CliRunner.run("spatial", "niche", nhood.toString(), "-o", niche.toString(), "--niche-reference",
        "nerve_injured=true", "--niche-cells", "cell_type=cd8_t", "--niche-perms", "200", "--tables", tables.toString());
    assertEquals(0, r.code(), r.err());
    // The planted biology: CD8 exhaustion rises as the distance to an injured nerve falls.
    Map<String, String[]> trend = rows(Files.readAllLines(tables.resolve("niche_trend.tsv")));
    String[] tex = trend.get("TEX_CORE_CHECKPOINT_module");
    double rho = Double.parseDouble(tex[2]);
    double p = Double.parseDouble(tex[3]);
    assertTrue(rho < -0.2 && p < 0.01, "exhaustion falls with distance: rho " + rho + ", p " + p);
    assertTrue(Double.parseDouble(tex[6]) > Double.parseDouble(tex[8]), "the niche is more exhausted than distal tissue");
    // Composition counts every cell but the reference, whatever --niche-cells profiles: the shares of a
    // band sum to 1, and the band next to the nerves holds more types than the CD8 T cells profiled.
    List<String> comp = Files.readAllLines(tables.resolve("niche_composition.tsv"));
    Map<String, Double> sum = new HashMap<>();
    java.util.Set<String> typesNear = new java.util.HashSet<>();
    for (String line : comp.subList(1, comp.size())) {
      String[] f = line.split("\t");
      double share = f[5].isEmpty() ? 0 : Double.parseDouble(f[5]);
      sum.merge(f[1], share, Double::sum);
      if (f[1].equals("0") && share > 0) {
        typesNear.add(f[0]);
      }
    }
    sum.forEach((band, total) -> assertEquals(1.0, total, 1e-9, "shares of band " + band));
    assertTrue(typesNear.size() >= 3 && typesNear.contains("cd8_t"), "types next to injured nerves: " + typesNear);
    CellData d = read(niche);
    double[] dist = ((DoubleColumn) d.obs().get("distance_to_nerve_um")).values();
    double[] truth = ((DoubleColumn) d.obs().get("distance_to_injured_nerve_um")).values();
    // The simulator measures to the nerve's centre line, myelin to its nearest Schwann cell: close.
    double r2 = org.myelin.core.stats.Correlation.pearson(dist, truth);
    assertTrue(r2 > 0.95, "distance to the nearest injured-nerve cell against the truth: r " + r2);
  }

  @Test
  void perineuralInvasionFlagsTheInvadedNerves() throws Exception {
    Path sim = tmp.resolve("sim.h5ad");
    ok("simulate", "--cells", "30000", "--genes", "600", "--seed", "7", "-o", sim.toString());
    Path out = tmp.resolve("pni.h5ad");
    ok("spatial", "niche", sim.toString(), "-o", out.toString(), "--niche-reference", "cell_type=schwann", "--tumour",
        "cell_type=tumour_squamous", "--scores", "none");
    CellData d = read(out);
    boolean[] flag = ((BooleanColumn) d.obs().get("pni_candidate")).values();
    Map<String, Boolean> invaded = new HashMap<>();
    Map<String, Boolean> flagged = new HashMap<>();
    for (int i = 0; i < d.nObs(); i++) {
      String nerve = d.obs().get("nerve_id").format(i);
      if (!d.obs().get("cell_type").format(i).equals("schwann") || nerve.isEmpty()) {
        continue;
      }
      invaded.put(nerve, d.obs().get("nerve_invaded").format(i).equalsIgnoreCase("true"));
      flagged.merge(nerve, flag[i], Boolean::logicalOr);
    }
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (String nerve : invaded.keySet()) {
      boolean f = flagged.get(nerve);
      boolean t = invaded.get(nerve);
      tp += f && t ? 1 : 0;
      fp += f && !t ? 1 : 0;
      fn += !f && t ? 1 : 0;
    }
    double precision = tp / (double) (tp + fp);
    double recall = tp / (double) (tp + fn);
    assertTrue(invaded.size() >= 20, invaded.size() + " nerves");
    assertTrue(precision >= 0.9 && recall >= 0.9, "precision " + precision + ", recall " + recall);
  }

  @Test
  void theSameGraphAndStatisticsForAnyThreadCountAndBadInputsRefused() throws Exception {
    Path demo = Path.of("..", "testdata", "demo.h5ad");
    Path one = tmp.resolve("one.h5ad");
    Path two = tmp.resolve("two.h5ad");
    for (String[] t : new String[][] {{"1", one.toString()}, {"2", two.toString()}}) {
      Path g = tmp.resolve("g" + t[0] + ".h5ad");
      ok("spatial", "graph", demo.toString(), "-o", g.toString(), "--threads", t[0], "--delaunay");
      ok("spatial", "nhood", g.toString(), "-o", t[1], "--cluster-key", "cell_type", "--n-perms", "100", "--threads",
          t[0]);
    }
    CellData a = read(one);
    CellData b = read(two);
    assertEquals(a.obsp().get("spatial_connectivities").nnz(), b.obsp().get("spatial_connectivities").nnz());
    Map<?, ?> za = (Map<?, ?>) a.uns().get("cell_type_nhood_enrichment");
    Map<?, ?> zb = (Map<?, ?>) b.uns().get("cell_type_nhood_enrichment");
    assertArrayEquals(values((org.myelin.core.matrix.DenseMatrix) za.get("zscore")),
        values((org.myelin.core.matrix.DenseMatrix) zb.get("zscore")));
    Path bad = tmp.resolve("bad.h5ad");
    Path noCoords = tmp.resolve("nocoords");
    assertEquals(0, CliRunner.run("convert", demo.toString(), noCoords.toString(), "--to", "mtx").code());
    String[][] cases = {
        {"graph", noCoords.toString(), "no obsm['spatial']"},
        {"autocorr", demo.toString(), "run 'myelin spatial graph' first"},
        {"graph", demo.toString(), "--coord-type", "hex", "Invalid --coord-type: hex"},
        {"niche", demo.toString(), "--niche-reference", "no_such=1", "obs has no column 'no_such'"},
        {"niche", demo.toString(), "--niche-reference", "cell_type=unicorn", "selects no cell"},
        {"niche", demo.toString(), "--niche-reference", "cell_type=schwann", "--bands", "0,50,20", "edges must increase"},
        {"niche", demo.toString(), "the cells whose neighbourhood is profiled"},
        {"nhood", one.toString(), "--cluster-key", "nope", "no column 'nope'"}};
    for (String[] c : cases) {
      List<String> argv = new java.util.ArrayList<>(List.of("spatial", c[0], c[1], "-o", bad.toString()));
      argv.addAll(List.of(c).subList(2, c.length - 1));
      CliRunner.Result r = CliRunner.run(argv.toArray(new String[0]));
      assertEquals(2, r.code(), argv + ": " + r.err());
      assertTrue(r.err().contains(c[c.length - 1]), argv + ": " + r.err());
      assertTrue(Files.notExists(bad));
    }
  }

  @Test
  void coOccurrenceRipleyAndLigandReceptorTables() throws Exception {
    Path demo = Path.of("..", "testdata", "demo.h5ad");
    Path graph = tmp.resolve("g.h5ad");
    ok("spatial", "graph", demo.toString(), "-o", graph.toString());
    Path tables = tmp.resolve("t");
    Path out = tmp.resolve("o.h5ad");
    ok("spatial", "co-occurrence", graph.toString(), "-o", out.toString(), "--cluster-key", "cell_type",
        "--cooc-max-distance", "200", "--tables", tables.toString());
    // Schwann cells line up along nerves: at the shortest distances they meet each other far more
    // often than their share of all cells.
    List<String> co = Files.readAllLines(tables.resolve("co_occurrence.tsv"));
    assertEquals("cluster_a\tcluster_b\tinterval_end\tocc_ratio", co.get(0));
    double first = co.stream().skip(1).map(l -> l.split("\t")).filter(f -> f[0].equals("schwann")
        && f[1].equals("schwann")).mapToDouble(f -> Double.parseDouble(f[3])).findFirst().orElseThrow();
    assertTrue(first > 3, "Schwann-Schwann co-occurrence at the first distance: " + first);
    ok("spatial", "ripley", graph.toString(), "-o", out.toString(), "--force", "--cluster-key", "cell_type",
        "--ripley-simulations", "19", "--tables", tables.toString());
    assertTrue(Files.readAllLines(tables.resolve("ripley_L.tsv")).get(0).startsWith("category\tdistance\tL_stat"));
    Path pairs = tmp.resolve("pairs.tsv");
    Files.writeString(pairs, "# extra pairs\nCXCL13\tCXCR5\n");
    ok("spatial", "ligrec", graph.toString(), "-o", out.toString(), "--force", "--cluster-key", "cell_type",
        "--ligrec-perms", "99", "--ligrec-pairs", pairs.toString(), "--tables", tables.toString());
    List<String> lr = Files.readAllLines(tables.resolve("ligrec.tsv"));
    assertEquals("ligand\treceptor\tsource\ttarget\tligand_mean\treceptor_mean\tscore\tpvalue\tpvalue_fdr_bh",
        lr.get(0));
    assertTrue(lr.stream().anyMatch(l -> l.startsWith("CXCL13\tCXCR5\t")), "the pair from --pairs");
    assertEquals(7, Files.readAllLines(tables.resolve("ligrec_spatial.tsv")).size(), "6 pairs and the header");
    Path bad = tmp.resolve("bad.h5ad");
    Files.writeString(pairs, "CXCL13 CXCR5\n");
    String[][] cases = {
        {"ripley", "--ripley-mode", "Z", "Invalid --ripley-mode: Z"},
        {"co-occurrence", "--cooc-interval", "1", "Invalid --cooc-interval: 1"},
        {"ligrec", "--ligrec-pairs", pairs.toString(), "expected ligand<TAB>receptor"}};
    for (String[] c : cases) {
      CliRunner.Result r = CliRunner.run("spatial", c[0], graph.toString(), "-o", bad.toString(), "--cluster-key",
          "cell_type", c[1], c[2]);
      assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
      assertTrue(r.err().contains(c[3]), r.err());
      assertTrue(Files.notExists(bad));
    }
  }

  /** Table rows by their first field. */
  private static Map<String, String[]> rows(List<String> lines) {
    Map<String, String[]> out = new HashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split("\t", -1);
      out.put(f[0], f);
    }
    return out;
  }

  private static double[] values(org.myelin.core.matrix.DenseMatrix m) {
    double[] v = new double[m.nRows() * m.nCols()];
    for (int i = 0; i < m.nRows(); i++) {
      for (int j = 0; j < m.nCols(); j++) {
        v[i * m.nCols() + j] = m.get(i, j);
      }
    }
    return v;
  }

  @Test
  void visiumDistancesAreMicrometresAndUnscaledCoordinatesSayUnits() throws Exception {
    Path embryo = org.myelin.io.SharedData.data("visium_cytassist_mouse_embryo");
    Path out = tmp.resolve("embryo.h5ad");
    ok("spatial", "niche", embryo.toString(), "-o", out.toString(), "--niche-reference", "array_row<20",
        "--niche-scores", "none");
    CellData d = read(out);
    double[] dist = ((org.myelin.core.table.DoubleColumn) d.obs().get("distance_to_nerve_um")).values();
    org.myelin.core.table.Column row = d.obs().get("array_row");
    // A spot of row 20 has a spot of row 19 among its six neighbours, one 100 um spot pitch away.
    int checked = 0;
    for (int i = 0; i < dist.length; i++) {
      if (row.format(i).equals("20") && dist[i] < 150) {
        assertEquals(100, dist[i], 1.5, "spot " + d.obs().index()[i]);
        checked++;
      }
    }
    assertTrue(checked > 20, "spots of row 20 next to row 19: " + checked);
    // Without a known scale the distance is named in the coordinates' units.
    Path csv = tmp.resolve("cells.csv");
    Path table = tmp.resolve("xy.csv");
    StringBuilder m = new StringBuilder("cell,A,B\n");
    StringBuilder xy = new StringBuilder("cell,x,y,kind\n");
    for (int i = 0; i < 12; i++) {
      m.append("c").append(i).append(",").append(i % 3).append(",1\n");
      xy.append("c").append(i).append(",").append(i * 10).append(",0,").append(i < 2 ? "ref" : "other").append("\n");
    }
    java.nio.file.Files.writeString(csv, m);
    java.nio.file.Files.writeString(table, xy);
    Path plain = tmp.resolve("plain.h5ad");
    ok("spatial", "niche", csv.toString(), "--coords", table.toString(), "-o", plain.toString(), "--niche-reference",
        "kind=ref", "--niche-scores", "none");
    assertTrue(read(plain).obs().has("distance_to_nerve_units"));
    Path scaled = tmp.resolve("scaled.h5ad");
    ok("spatial", "niche", csv.toString(), "--coords", table.toString(), "-o", scaled.toString(), "--niche-reference",
        "kind=ref", "--niche-scores", "none", "--microns-per-unit", "0.5");
    double[] um = ((org.myelin.core.table.DoubleColumn) read(scaled).obs().get("distance_to_nerve_um")).values();
    assertEquals(50 * 0.5, um[6], 1e-9, "cell 6 is 50 units from cell 1");
  }
}
