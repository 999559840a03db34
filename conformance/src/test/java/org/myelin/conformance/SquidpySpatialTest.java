package org.myelin.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.spatial.SpatialAutocorrelation;
import org.myelin.core.spatial.SpatialGraph;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

/**
 * Spatial graphs and autocorrelation against squidpy 1.2.3 on the three spatial references, from
 * the reference h5ad (scanpy's log-normalised X, squidpy's own graph in obsp). The graph: 6 nearest
 * other spots or cells, squidpy's {@code coord_type="generic"}, must have exactly squidpy's edges.
 * Moran's I and Geary's C on the genes of {@code moran_i.csv} and {@code geary_c.csv}, on squidpy's
 * graph row-standardised (transformation=True): Moran's I within 1e-8 (the CSV prints 8 significant
 * digits; observed 4.8e-9). Geary's C within 1e-7 relative: squidpy's numba
 * kernel differs from the exact double-precision value by up to 5e-8 (numpy in float64 on the same
 * graph and values lands where myelin does, and no float32 ordering of squidpy's steps tried
 * reproduced its digits). Analytic p-values, their variance and the FDRs within 1e-6 relative.
 */
class SquidpySpatialTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"scanpy_visium_1.0.0", "seurat_visium", "squidpy_test_data"})
  void graphAndAutocorrelationMatchSquidpy(String ref) {
    Parallel p = new Parallel(2);
    CellData d = CellDataIO.read(SharedData.ref(ref + "/scanpy/reference.h5ad"), CellDataIO.ReadOptions.DEFAULT, p);
    DenseMatrix xy = d.obsm().get("spatial");
    int n = d.nObs();
    org.myelin.core.spatial.Coordinates pos = org.myelin.core.spatial.Coordinates.of(xy);
    double[] x = pos.x();
    double[] y = pos.y();
    CsrMatrix theirs = d.obsp().get("spatial_connectivities");
    SpatialGraph.Graph ours = SpatialGraph.knn(x, y, 6, p);
    // Column i holds cell i's neighbours in both. Where they differ, it must be a tie at the k-th
    // distance (sklearn and myelin order equal distances differently): the distances are the same.
    java.util.Set<Long> a = edges(theirs.transpose());
    java.util.Set<Long> b = edges(ours.connectivities().transpose());
    int differing = 0;
    for (int i = 0; i < n; i++) {
      double[] da = distances(a, i, x, y);
      double[] db = distances(b, i, x, y);
      if (!neighbours(a, i).equals(neighbours(b, i))) {
        differing++;
        assertTrue(java.util.Arrays.equals(da, db), ref + ": cell " + i + " has other neighbours at other distances");
      }
    }
    System.out.printf("%s: %d cells, %d with a tie at the 6th neighbour resolved otherwise than sklearn%n", ref, n,
        differing);
    SpatialAutocorrelation.Weights w = new SpatialAutocorrelation.Weights(theirs, true);
    Map<String, Integer> gene = new HashMap<>();
    for (int j = 0; j < d.nVars(); j++) {
      gene.put(d.var().index()[j], j);
    }
    for (String[] run : new String[][] {{"moran_i.csv", "MORAN"}, {"geary_c.csv", "GEARY"}}) {
      List<String[]> rows = SharedData.csv(SharedData.ref(ref + "/scanpy/" + run[0]));
      int[] genes = new int[rows.size() - 1];
      for (int r = 1; r < rows.size(); r++) {
        genes[r - 1] = gene.get(rows.get(r)[0]);
      }
      CsrMatrix byGene = d.x().selectColumns(genes).transpose();
      SpatialAutocorrelation.Result res = SpatialAutocorrelation.compute(w, byGene,
          SpatialAutocorrelation.Mode.valueOf(run[1]), 0, 0, p);
      double worst = 0;
      for (int r = 1; r < rows.size(); r++) {
        String[] f = rows.get(r);
        int k = r - 1;
        double stat = num(f[1]);
        if (Double.isNaN(stat)) {
          // A gene constant over these cells: no statistic, in both.
          assertTrue(Double.isNaN(res.stat()[k]) && Double.isNaN(res.pNorm()[k]), ref + " " + f[0] + " is constant");
          continue;
        }
        worst = Math.max(worst, Math.abs(stat - res.stat()[k]) / Math.abs(stat));
        assertEquals(stat, res.stat()[k], run[1].equals("MORAN") ? 1e-8 : 1e-7 * Math.abs(stat),
            ref + " " + run[1] + " " + f[0]);
        assertEquals(num(f[2]), res.pNorm()[k], 1e-6 * num(f[2]) + 1e-12, f[0] + " p");
        assertEquals(num(f[3]), res.varNorm(), 1e-6 * res.varNorm(), "var_norm");
        if (!f[4].isEmpty()) {
          // statsmodels' multipletests gives NaN for every gene once one p-value is NaN (a constant
          // gene); myelin leaves such genes out of the count, as R's p.adjust does.
          assertEquals(num(f[4]), res.pNormFdr()[k], 1e-6 * num(f[4]) + 1e-12, f[0] + " fdr");
        }
      }
      System.out.printf("%s %s: %d genes, worst relative difference %.1e%n", ref, run[1], genes.length, worst);
    }
  }

  /**
   * Neighbourhood enrichment, interaction matrix and centrality on squidpy's graph and scanpy's
   * leiden labels: the counts must be squidpy's exactly, the z-scores (1000 permutations each, other
   * random draws) correlate at least 0.99, the centrality scores equal to the printed 8 digits.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"scanpy_visium_1.0.0", "seurat_visium"})
  void clusterStatisticsMatchSquidpy(String ref) {
    Parallel p = new Parallel(2);
    CellData d = CellDataIO.read(SharedData.ref(ref + "/scanpy/reference.h5ad"), CellDataIO.ReadOptions.DEFAULT, p);
    org.myelin.core.table.Groups g = org.myelin.core.table.Groups.of(d.obs(), "leiden", "test");
    CsrMatrix graph = d.obsp().get("spatial_connectivities");
    int k = g.nGroups();
    org.myelin.core.spatial.NeighborhoodEnrichment.Result ne =
        org.myelin.core.spatial.NeighborhoodEnrichment.compute(graph, g.codes(), k, 1000, 0, p);
    List<String[]> count = SharedData.csv(SharedData.ref(ref + "/scanpy/nhood_enrichment_count.csv"));
    List<String[]> inter = SharedData.csv(SharedData.ref(ref + "/scanpy/interaction_matrix.csv"));
    List<String[]> zs = SharedData.csv(SharedData.ref(ref + "/scanpy/nhood_enrichment_zscore.csv"));
    double[] theirs = new double[k * k];
    double[] ours = new double[k * k];
    for (int a = 0; a < k; a++) {
      assertEquals(g.labels()[a], count.get(a + 1)[0]);
      for (int b = 0; b < k; b++) {
        assertEquals(Long.parseLong(count.get(a + 1)[b + 1]), ne.count()[a][b], ref + " count " + a + "," + b);
        assertEquals(Double.parseDouble(inter.get(a + 1)[b + 1]), ne.count()[a][b], 0, ref + " interactions");
        theirs[a * k + b] = Double.parseDouble(zs.get(a + 1)[b + 1]);
        ours[a * k + b] = ne.zscore()[a][b];
      }
    }
    double r = org.myelin.core.stats.Correlation.pearson(theirs, ours);
    assertTrue(r >= 0.99, ref + ": z-scores r = " + r);
    org.myelin.core.spatial.CentralityScores.Result c =
        org.myelin.core.spatial.CentralityScores.compute(graph, g.codes(), k);
    List<String[]> cs = SharedData.csv(SharedData.ref(ref + "/scanpy/centrality_scores.csv"));
    for (int a = 0; a < k; a++) {
      String[] f = cs.get(a + 1);
      assertEquals(Double.parseDouble(f[1]), c.degree()[a], 1e-8, ref + " degree " + a);
      assertEquals(Double.parseDouble(f[2]), c.clustering()[a], 1e-8, ref + " clustering " + a);
      assertEquals(Double.parseDouble(f[3]), c.closeness()[a], 1e-8, ref + " closeness " + a);
    }
    System.out.printf("%s: %d clusters, counts equal, z-score r %.4f, centrality equal%n", ref, k, r);
  }

  /**
   * Co-occurrence against squidpy's on the same coordinates and leiden labels: squidpy's default 50
   * thresholds (their ends printed to 6 digits) and every ratio within 1e-5 relative (6 printed
   * digits, and squidpy divides in float32), NaN where squidpy has no pair.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"scanpy_visium_1.0.0", "seurat_visium"})
  void coOccurrenceMatchesSquidpy(String ref) {
    Parallel p = new Parallel(2);
    CellData d = CellDataIO.read(SharedData.ref(ref + "/scanpy/reference.h5ad"), CellDataIO.ReadOptions.DEFAULT, p);
    org.myelin.core.table.Groups g = org.myelin.core.table.Groups.of(d.obs(), "leiden", "test");
    DenseMatrix xy = d.obsm().get("spatial");
    org.myelin.core.spatial.Coordinates pos = org.myelin.core.spatial.Coordinates.of(xy);
    double[] x = pos.x();
    double[] y = pos.y();
    double[] interval = org.myelin.core.spatial.CoOccurrence.defaultInterval(x, y, 50);
    double[][][] ratio = org.myelin.core.spatial.CoOccurrence.ratio(
        org.myelin.core.spatial.CoOccurrence.counts(x, y, g.codes(), g.nGroups(), interval, p));
    List<String[]> rows = SharedData.csv(SharedData.ref(ref + "/scanpy/co_occurrence.csv.gz"));
    double worst = 0;
    for (String[] f : rows.subList(1, rows.size())) {
      // The bin whose upper threshold prints as squidpy's (6 significant digits).
      double end = Double.parseDouble(f[2]);
      Integer b = null;
      for (int t = 1; t < interval.length; t++) {
        if (Math.abs(interval[t] - end) <= 5e-6 * end) {
          b = t - 1;
        }
      }
      assertTrue(b != null, ref + ": threshold " + f[2] + " is not one of myelin's");
      int a = java.util.Arrays.asList(g.labels()).indexOf(f[0]);
      int c = java.util.Arrays.asList(g.labels()).indexOf(f[1]);
      double theirs = num(f[3]);
      if (Double.isNaN(theirs)) {
        assertTrue(Double.isNaN(ratio[a][c][b]), ref + " " + f[0] + "," + f[1] + " at " + f[2] + ": no pair in squidpy");
        continue;
      }
      worst = Math.max(worst, Math.abs(theirs - ratio[a][c][b]));
      assertEquals(theirs, ratio[a][c][b], 1e-5 * Math.abs(theirs) + 1e-9, ref + " " + f[0] + "," + f[1] + " at " + f[2]);
    }
    System.out.printf("%s: co-occurrence, %d ratios, worst difference %.1e%n", ref, rows.size() - 1, worst);
  }

  /**
   * Ripley's L: squidpy 1.2.3 divides by all N cells, not the category's m, so its L is myelin's
   * scaled: L_squidpy = sqrt(K m (m - 1) / N^2 / pi). Converted so, the observed curves (support,
   * hull area and pair counts) must equal squidpy's to its 8 printed digits.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"scanpy_visium_1.0.0", "seurat_visium"})
  void ripleyMatchesSquidpyUpToItsNormalisation(String ref) {
    Parallel p = new Parallel(2);
    CellData d = CellDataIO.read(SharedData.ref(ref + "/scanpy/reference.h5ad"), CellDataIO.ReadOptions.DEFAULT, p);
    org.myelin.core.table.Groups g = org.myelin.core.table.Groups.of(d.obs(), "leiden", "test");
    DenseMatrix xy = d.obsm().get("spatial");
    int n = d.nObs();
    org.myelin.core.spatial.Coordinates pos = org.myelin.core.spatial.Coordinates.of(xy);
    double[] x = pos.x();
    double[] y = pos.y();
    org.myelin.core.spatial.Ripley.Setup s = org.myelin.core.spatial.Ripley.setup(x, y, Double.NaN, 50);
    org.myelin.core.spatial.Ripley.Curve[] curves = org.myelin.core.spatial.Ripley.compute(
        org.myelin.core.spatial.Ripley.Mode.K, x, y, g.codes(), g.nGroups(), s, 0, 1000, 0, p);
    int[] size = g.sizes();
    List<String[]> rows = SharedData.csv(SharedData.ref(ref + "/scanpy/ripley_L.csv.gz"));
    double worst = 0;
    for (String[] f : rows.subList(1, rows.size())) {
      double bin = Double.parseDouble(f[0]);
      int c = java.util.Arrays.asList(g.labels()).indexOf(f[1]);
      int k = (int) Math.round(bin / s.support()[1]);
      assertEquals(bin, s.support()[k], 1e-7 * bin + 1e-9, ref + ": support");
      double kk = curves[c].stat()[k];
      double m = size[c];
      double ours = Double.isNaN(kk) ? 0 : Math.sqrt(kk * m * (m - 1) / ((double) n * n) / Math.PI);
      double theirs = Double.parseDouble(f[2]);
      worst = Math.max(worst, Math.abs(ours - theirs));
      assertEquals(theirs, ours, 1e-7 * Math.abs(theirs) + 1e-9, ref + " cluster " + f[1] + " at " + f[0]);
    }
    System.out.printf("%s: Ripley's L, %d values, worst difference %.1e%n", ref, rows.size() - 1, worst);
  }

  private static double num(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  private static java.util.Set<Integer> neighbours(java.util.Set<Long> edges, int i) {
    java.util.Set<Integer> out = new java.util.TreeSet<>();
    for (long e : edges) {
      if ((int) (e >>> 32) == i) {
        out.add((int) e);
      }
    }
    return out;
  }

  private static double[] distances(java.util.Set<Long> edges, int i, double[] x, double[] y) {
    return neighbours(edges, i).stream().mapToDouble(j -> Math.hypot(x[j] - x[i], y[j] - y[i])).sorted().toArray();
  }

  private static java.util.Set<Long> edges(CsrMatrix m) {
    java.util.Set<Long> out = new java.util.HashSet<>();
    for (int b = 0; b < m.nBlocks(); b++) {
      CsrBlock block = m.block(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          if (block.value(e) != 0) {
            out.add(((long) (m.rowOffset(b) + r) << 32) | block.index(e));
          }
        }
      }
    }
    assertTrue(!out.isEmpty());
    return out;
  }
}
