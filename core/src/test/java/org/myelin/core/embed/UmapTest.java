package org.myelin.core.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.myelin.core.graph.ExactKnn;
import org.myelin.core.graph.KnnResult;
import org.myelin.core.graph.UmapGraph;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

class UmapTest {

  @Test
  void curveParametersAreUmapLearns() {
    // umap-learn's find_ab_params(1.0, 0.5) (scipy curve_fit): a = 0.5830300, b = 1.3341669.
    double[] ab = Umap.fitAb(1.0, 0.5);
    assertEquals(0.58303, ab[0], 1e-4);
    assertEquals(1.33417, ab[1], 1e-4);
    // min_dist 0.1: a = 1.5769, b = 0.8951 (umap-learn's documented defaults).
    double[] ab01 = Umap.fitAb(1.0, 0.1);
    assertEquals(1.5769, ab01[0], 2e-3);
    assertEquals(0.8951, ab01[1], 2e-3);
  }

  @Test
  void sameLayoutForOneAndTwoThreadsAndClustersStaySeparate() {
    Random rnd = new Random(2);
    int n = 600;
    int d = 5;
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i * d + c] = rnd.nextGaussian() + (c == 0 ? 12 * (i % 3) : 0);
      }
    }
    KnnResult knn = ExactKnn.search(x, n, d, 15, ExactKnn.Metric.EUCLIDEAN, new Parallel(1));
    CsrMatrix g = UmapGraph.connectivities(knn, n, new Parallel(1));
    Umap.Options o = new Umap.Options(0.5, 1.0, 100, 1.0, 5, 7);
    double[] one = Umap.layout(g, o, new Parallel(1));
    double[] two = Umap.layout(g, o, new Parallel(2));
    assertArrayEquals(one, two, 0);
    // Three blobs in, three blobs out: every cell nearer its own blob's centre than the others'.
    double[][] centre = new double[3][2];
    for (int i = 0; i < n; i++) {
      centre[i % 3][0] += one[2 * i] / (n / 3.0);
      centre[i % 3][1] += one[2 * i + 1] / (n / 3.0);
    }
    int wrong = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int c = 0; c < 3; c++) {
        double dd = Math.hypot(one[2 * i] - centre[c][0], one[2 * i + 1] - centre[c][1]);
        if (dd < bestD) {
          bestD = dd;
          best = c;
        }
      }
      wrong += best == i % 3 ? 0 : 1;
    }
    assertEquals(0, wrong);
    double[] other = Umap.layout(g, new Umap.Options(0.5, 1.0, 100, 1.0, 5, 8), new Parallel(2));
    assertTrue(!java.util.Arrays.equals(one, other), "another seed, another layout");
  }

  @Test
  void cellsSteppedInPairsMoveAsCellsSteppedOneAtATime() {
    // 1,301 cells: two full tasks of 512 and an odd last one, so lanes run out at different times.
    Random rnd = new Random(4);
    int n = 1301;
    int d = 4;
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian() + (i % d == 0 ? 6 * (i / d % 4) : 0);
    }
    KnnResult knn = ExactKnn.search(x, n, d, 10, ExactKnn.Metric.EUCLIDEAN, new Parallel(1));
    CsrMatrix g = UmapGraph.connectivities(knn, n, new Parallel(1));
    Umap.Options o = new Umap.Options(0.5, 1.0, 60, 1.0, 5, 3);
    double[] paired = Umap.layout(g, o, new Parallel(2), org.myelin.core.tool.Progress.NONE, true);
    double[] single = Umap.layout(g, o, new Parallel(1), org.myelin.core.tool.Progress.NONE, false);
    assertArrayEquals(single, paired, 0);
  }

  @Test
  void refusesBadOptions() {
    assertThrows(IllegalArgumentException.class, () -> new Umap.Options(2, 1, 0, 1, 5, 0));
    assertThrows(IllegalArgumentException.class, () -> new Umap.Options(0.5, 1, -1, 1, 5, 0));
    assertThrows(IllegalArgumentException.class, () -> new Umap.Options(0.5, 0, 0, 1, 5, 0));
  }
}
