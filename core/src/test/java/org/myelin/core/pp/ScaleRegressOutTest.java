package org.myelin.core.pp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.StringColumn;

class ScaleRegressOutTest {

  /** 300 cells x 12 sparse log-like genes; gene 11 is all zeros; obs 'depth' and categorical 'type'. */
  private static CellData data() {
    Random rnd = new Random(3);
    int n = 300;
    int g = 12;
    long[] ptr = new long[n + 1];
    int[] idx = new int[n * g];
    float[] val = new float[n * g];
    double[] depth = new double[n];
    String[] type = new String[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      depth[i] = 1000 + 50 * rnd.nextGaussian();
      type[i] = "t" + (i % 3);
      for (int j = 0; j < g - 1; j++) {
        if (rnd.nextDouble() < 0.6) {
          idx[k] = j;
          val[k] = (float) (0.5 + rnd.nextDouble() * (1 + j % 4) + 0.002 * j * (depth[i] - 1000) + (i % 3) * 0.3);
          k++;
        }
      }
      ptr[i + 1] = k;
    }
    String[] cells = new String[n];
    Arrays.setAll(cells, i -> "c" + i);
    String[] genes = new String[g];
    Arrays.setAll(genes, j -> "g" + j);
    Frame obs = new Frame(cells);
    obs.put("depth", new DoubleColumn(depth));
    obs.put("type", CategoricalColumn.fromValues(type));
    obs.put("label", new StringColumn(type));
    return new CellData(CsrMatrix.fromCsr(g, ptr, Arrays.copyOf(idx, k), Arrays.copyOf(val, k)), obs, new Frame(genes));
  }

  private static double[] column(CsrMatrix x, int j) {
    double[] out = new double[x.nRows()];
    for (int i = 0; i < out.length; i++) {
      out[i] = x.get(i, j);
    }
    return out;
  }

  @Test
  void scaleCentresStandardisesAndClipsAsScanpy() {
    CellData d = data();
    CsrMatrix before = d.x();
    Scale.apply(d, true, 1.5, new Parallel(2));
    assertEquals((long) d.nObs() * d.nVars(), d.x().nnz(), "centred X stores every entry");
    double[] mean = ((DoubleColumn) d.var().get("mean")).values();
    double[] std = ((DoubleColumn) d.var().get("std")).values();
    for (int j = 0; j < d.nVars(); j++) {
      double[] raw = column(before, j);
      double[] scaled = column(d.x(), j);
      for (int i = 0; i < raw.length; i++) {
        // numpy on float32: (x - mean) rounded to float32, divided by std, rounded, clipped above.
        float centred = (float) (raw[i] - mean[j]);
        float expected = Math.min(1.5f, (float) (centred / (std[j] == 0 ? 1 : std[j])));
        assertEquals(expected, (float) scaled[i], 0f, "gene " + j + " cell " + i);
      }
    }
    assertEquals(0, std[11], "an all-zero gene has std 0 (and is divided by 1)");
    CellData sparse = data();
    Scale.apply(sparse, false, Double.NaN, new Parallel(1));
    assertEquals(before.nnz(), sparse.x().nnz(), "without centring X keeps its sparsity");
    assertEquals(before.get(5, 2) / ((DoubleColumn) sparse.var().get("std")).values()[2], sparse.x().get(5, 2), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> Scale.apply(data(), true, -1, new Parallel(1)));
  }

  @Test
  void pcaOnScaledXMatchesPcaThatScalesItself() {
    CellData folded = data();
    Pca.Result a = Pca.fit(folded, 5, false, Double.NaN, new Parallel(1));
    CellData scaled = data();
    Scale.apply(scaled, true, Double.NaN, new Parallel(1));
    Pca.Result b = Pca.fit(scaled, 5, false, Double.NaN, false, new Parallel(1));
    for (int c = 0; c < 5; c++) {
      // Only the float32 rounding of the scaled values separates the two.
      assertEquals(a.varianceRatio()[c], b.varianceRatio()[c], 1e-6, "variance ratio of PC" + (c + 1));
      for (int i = 0; i < folded.nObs(); i++) {
        assertEquals(a.scores()[i * 5 + c], b.scores()[i * 5 + c], 1e-4, "PC" + (c + 1) + " of cell " + i);
      }
    }
  }

  @Test
  void regressOutLeavesResidualsOrthogonalToTheCovariates() {
    CellData d = data();
    CsrMatrix before = d.x();
    double[] depth = ((DoubleColumn) d.obs().get("depth")).values();
    RegressOut.apply(d, List.of("depth"), new Parallel(2));
    int n = d.nObs();
    double dm = Arrays.stream(depth).average().orElseThrow();
    for (int j = 0; j < d.nVars() - 1; j++) {
      double[] y = column(before, j);
      // Simple regression by hand: slope cov(z, y) / var(z), intercept through the means.
      double ym = Arrays.stream(y).average().orElseThrow();
      double sxy = 0;
      double sxx = 0;
      for (int i = 0; i < n; i++) {
        sxy += (depth[i] - dm) * (y[i] - ym);
        sxx += (depth[i] - dm) * (depth[i] - dm);
      }
      double slope = sxy / sxx;
      double[] r = column(d.x(), j);
      for (int i = 0; i < n; i++) {
        double expected = y[i] - (ym + slope * (depth[i] - dm));
        assertEquals(expected, r[i], 2e-6 * Math.max(1, Math.abs(expected)), "gene " + j + " cell " + i);
      }
    }
    // The all-zero gene is constant: left as it is.
    assertTrue(Arrays.stream(column(d.x(), 11)).allMatch(v -> v == 0));
  }

  @Test
  void regressOutOnACategorySubtractsItsMean() {
    CellData d = data();
    CsrMatrix before = d.x();
    RegressOut.apply(d, List.of("type"), new Parallel(1));
    for (int j = 0; j < 3; j++) {
      double[] y = column(before, j);
      double[] mean = new double[3];
      int[] count = new int[3];
      for (int i = 0; i < y.length; i++) {
        mean[i % 3] += y[i];
        count[i % 3]++;
      }
      for (int i = 0; i < y.length; i++) {
        assertEquals(y[i] - mean[i % 3] / count[i % 3], d.x().get(i, j), 1e-6);
      }
    }
  }

  @Test
  void regressOutRefusesWhatItCannotFit() {
    String[][] bad = {{"missing"}, {"label"}, {"type", "depth"}};
    String[] message = {"no obs column 'missing'", "is string", "one categorical column alone"};
    for (int t = 0; t < bad.length; t++) {
      String[] keys = bad[t];
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegressOut.apply(data(), List.of(keys), new Parallel(1)));
      assertTrue(e.getMessage().contains(message[t]), e.getMessage());
    }
  }
}
