package org.myelin.core.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

class SpatialAutocorrelationTest {

  @Test
  void cellMajorPassesGiveTheGeneMajorStatistics() {
    // 3000 cells, 40 genes of varied sparsity, one constant; a spatial pattern in half of them.
    SplittableRandom rnd = new SplittableRandom(2);
    int n = 3000;
    int g = 40;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextDouble() * 100;
      y[i] = rnd.nextDouble() * 100;
    }
    long[] ptr = new long[n + 1];
    java.util.List<Integer> idx = new java.util.ArrayList<>();
    java.util.List<Float> val = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < g; j++) {
        double p = j == 0 ? 0 : 0.05 + 0.02 * j;
        if (j % 2 == 1) {
          p *= x[i] < 50 ? 1.8 : 0.2;
        }
        if (rnd.nextDouble() < p) {
          idx.add(j);
          val.add((float) (1 + rnd.nextDouble() * 3));
        }
      }
      ptr[i + 1] = idx.size();
    }
    float[] v = new float[val.size()];
    int[] ix = new int[idx.size()];
    for (int e = 0; e < v.length; e++) {
      v[e] = val.get(e);
      ix[e] = idx.get(e);
    }
    // Small blocks, so neighbours' rows are often in other blocks.
    CsrMatrix m = CsrMatrix.fromCsr(g, ptr, ix, v);
    int[] genes = new int[g];
    for (int j = 0; j < g; j++) {
      genes[j] = j;
    }
    SpatialAutocorrelation.Weights w = new SpatialAutocorrelation.Weights(
        SpatialGraph.knn(x, y, 6, new Parallel(1)).connectivities(), true);
    for (SpatialAutocorrelation.Mode mode : SpatialAutocorrelation.Mode.values()) {
      double[] byGene = SpatialAutocorrelation.compute(w, m.transpose(), mode, 0, 0, new Parallel(1)).stat();
      double[] byCell = SpatialAutocorrelation.statisticsOfColumns(w, m, genes, mode, new Parallel(2));
      double[] byCellOne = SpatialAutocorrelation.statisticsOfColumns(w, m, genes, mode, new Parallel(1));
      assertTrue(Double.isNaN(byCell[0]), "an unexpressed gene has no statistic");
      for (int j = 1; j < g; j++) {
        assertEquals(byGene[j], byCell[j], 1e-12 * Math.abs(byGene[j]), mode + " gene " + j);
        assertEquals(byCellOne[j], byCell[j], 0, "the same bits for any thread count");
      }
      // The planted pattern: odd genes autocorrelated, even ones not.
      double odd = mode == SpatialAutocorrelation.Mode.MORAN ? byCell[1] : -byCell[1];
      double even = mode == SpatialAutocorrelation.Mode.MORAN ? byCell[2] : -byCell[2];
      assertTrue(odd > even + 0.02, mode + ": " + byCell[1] + " vs " + byCell[2]);
    }
  }
}
