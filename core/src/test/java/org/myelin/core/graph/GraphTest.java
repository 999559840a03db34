package org.myelin.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

class GraphTest {

  @Test
  void exactKnnOnALineByHand() {
    // Points 0, 1, 3, 7 on a line: neighbours by distance, the point itself first.
    double[] x = {0, 1, 3, 7};
    KnnResult r = ExactKnn.search(x, 4, 1, 3, ExactKnn.Metric.EUCLIDEAN, new Parallel(1));
    assertArrayEquals(new int[] {0, 1, 2, 1, 0, 2, 2, 1, 0, 3, 2, 1}, r.indices());
    assertArrayEquals(new double[] {0, 1, 3, 0, 1, 2, 0, 2, 3, 0, 4, 6}, r.distances(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> ExactKnn.search(x, 4, 1, 5, ExactKnn.Metric.EUCLIDEAN, new Parallel(1)));
  }

  @Test
  void gaussianAndSnnGraphsByHand() {
    // Points 0, 1, 3, 7 with k = 3 (itself and 2 others): neighbours 0:{1,3} 1:{0,3} 3:{1,0} 7:{3,1}.
    double[] x = {0, 1, 3, 7};
    KnnResult r = ExactKnn.search(x, 4, 1, 3, ExactKnn.Metric.EUCLIDEAN, new Parallel(1));
    CsrMatrix g = GaussianGraph.connectivities(r, 4);
    // sigma^2: median of squared distances to the two neighbours: 0: (1+9)/2, 1: (1+4)/2, 3: (4+9)/2, 7: (16+36)/2.
    double[] s2 = {5, 2.5, 6.5, 26};
    double w01 = Math.sqrt(2 * Math.sqrt(s2[0] * s2[1]) / (s2[0] + s2[1])) * Math.exp(-1 / (s2[0] + s2[1]));
    assertEquals(w01, g.get(0, 1), 1e-15);
    assertEquals(w01, g.get(1, 0), 1e-15);
    double w37 = Math.sqrt(2 * Math.sqrt(s2[2] * s2[3]) / (s2[2] + s2[3])) * Math.exp(-16 / (s2[2] + s2[3]));
    assertEquals(w37, g.get(3, 2), 1e-15, "7 lists 3, so 3 and 7 are joined both ways");
    assertEquals(w37, g.get(2, 3), 1e-15);
    // SNN: N(0)={0,1,2} N(1)={1,0,2} N(2)={2,1,0} N(3)={3,2,1} (cell indices): Jaccard 0-1 = 3/3,
    // 0-3 = 2/4, 2-3 = 2/4; with prune 0.6 only the full overlaps stay.
    CsrMatrix snn = SnnGraph.connectivities(r, 4, SnnGraph.PRUNE);
    assertEquals(1.0, snn.get(0, 1), 1e-15);
    assertEquals(0.5, snn.get(0, 3), 1e-15);
    assertEquals(0.5, snn.get(3, 2), 1e-15);
    assertEquals(0, snn.get(0, 0));
    CsrMatrix pruned = SnnGraph.connectivities(r, 4, 0.6);
    assertEquals(0, pruned.get(0, 3));
    assertEquals(1.0, pruned.get(1, 2), 1e-15);
  }

  @Test
  void sameNeighboursForAnyThreadCountAndCosineIgnoresLength() {
    Random rnd = new Random(5);
    int n = 700;
    int d = 13;
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
    }
    KnnResult one = ExactKnn.search(x, n, d, 15, ExactKnn.Metric.EUCLIDEAN, new Parallel(1));
    KnnResult two = ExactKnn.search(x, n, d, 15, ExactKnn.Metric.EUCLIDEAN, new Parallel(2));
    assertArrayEquals(one.indices(), two.indices());
    assertArrayEquals(one.distances(), two.distances(), 0);
    // Brute force check of one cell.
    int q = 123;
    double[] all = new double[n];
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int c = 0; c < d; c++) {
        s += (x[q * d + c] - x[j * d + c]) * (x[q * d + c] - x[j * d + c]);
      }
      all[j] = Math.sqrt(s);
    }
    double[] sorted = all.clone();
    java.util.Arrays.sort(sorted);
    for (int t = 0; t < 15; t++) {
      // The squared distance is rounded to float32 before the root, as sklearn returns it.
      assertEquals(Math.sqrt((float) (sorted[t] * sorted[t])), one.distances()[q * 15 + t], 1e-12);
    }
    // Cosine: scaling a cell's vector changes nothing.
    double[] scaled = x.clone();
    for (int c = 0; c < d; c++) {
      scaled[7 * d + c] *= 9;
    }
    KnnResult a = ExactKnn.search(x, n, d, 10, ExactKnn.Metric.COSINE, new Parallel(2));
    KnnResult b = ExactKnn.search(scaled, n, d, 10, ExactKnn.Metric.COSINE, new Parallel(2));
    assertArrayEquals(a.indices(), b.indices());
  }

  @Test
  void nnDescentFindsTheExactNeighboursAndIsDeterministic() {
    Random rnd = new Random(9);
    int n = 3000;
    int d = 20;
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i * d + c] = rnd.nextGaussian() + (c < 3 ? 6 * ((i % 7) >> c & 1) : 0);
      }
    }
    KnnResult exact = ExactKnn.search(x, n, d, 15, ExactKnn.Metric.EUCLIDEAN, new Parallel(2));
    KnnResult one = NnDescent.search(x, n, d, 15, ExactKnn.Metric.EUCLIDEAN, 0, new Parallel(1));
    KnnResult two = NnDescent.search(x, n, d, 15, ExactKnn.Metric.EUCLIDEAN, 0, new Parallel(2));
    KnnResult three = NnDescent.search(x, n, d, 15, ExactKnn.Metric.EUCLIDEAN, 0, new Parallel(3));
    assertArrayEquals(one.indices(), two.indices(), "the same lists for 1 and 2 threads");
    assertArrayEquals(one.distances(), two.distances(), 0);
    assertArrayEquals(one.indices(), three.indices(), "the same lists for 1 and 3 threads");
    double recall = recall(exact, one);
    assertTrue(recall >= 0.98, "recall@15 " + recall);
  }

  @Test
  void nnDescentFillsTheListsThatTheLeavesLeaveShort() {
    // 200 tight clusters of 15 cells, far apart: every tree's leaves are clusters, so a cell meets
    // 14 others in the leaves and its list of 40 is filled with random cells before the rounds.
    Random rnd = new Random(4);
    int n = 3000;
    int d = 10;
    double[] centre = new double[200 * d];
    for (int c = 0; c < centre.length; c++) {
      centre[c] = 100 * rnd.nextGaussian();
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i * d + c] = centre[(i % 200) * d + c] + 0.01 * rnd.nextGaussian();
      }
    }
    KnnResult exact = ExactKnn.search(x, n, d, 15, ExactKnn.Metric.EUCLIDEAN, new Parallel(2));
    KnnResult one = NnDescent.search(x, n, d, 15, ExactKnn.Metric.EUCLIDEAN, 3, new Parallel(1));
    KnnResult two = NnDescent.search(x, n, d, 15, ExactKnn.Metric.EUCLIDEAN, 3, new Parallel(2));
    assertArrayEquals(one.indices(), two.indices(), "the same lists for 1 and 2 threads");
    assertEquals(1.0, recall(exact, one), "each cell's 14 cluster mates and itself");
  }

  static double recall(KnnResult exact, KnnResult approx) {
    int k = exact.k();
    long hit = 0;
    for (int i = 0; i < exact.nCells(); i++) {
      java.util.Set<Integer> truth = new java.util.HashSet<>();
      for (int t = 0; t < k; t++) {
        truth.add(exact.indices()[i * k + t]);
      }
      for (int t = 0; t < k; t++) {
        hit += truth.contains(approx.indices()[i * k + t]) ? 1 : 0;
      }
    }
    return (double) hit / ((long) exact.nCells() * k);
  }

  @Test
  void umapGraphIsASymmetricFuzzyUnion() {
    Random rnd = new Random(8);
    int n = 300;
    double[] x = new double[n * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
    }
    KnnResult knn = ExactKnn.search(x, n, 4, 10, ExactKnn.Metric.EUCLIDEAN, new Parallel(1));
    CsrMatrix g = UmapGraph.connectivities(knn, n, new Parallel(1));
    CsrMatrix dist = UmapGraph.distances(knn, n, new Parallel(1));
    assertEquals(9L * n, dist.nnz(), "k - 1 neighbours per cell, itself left out");
    // Rows made on three threads, packed in cell order: the same matrices.
    try (Parallel three = new Parallel(3)) {
      assertArrayEquals(dense(g, n), dense(UmapGraph.connectivities(knn, n, three), n));
      assertArrayEquals(dense(dist, n), dense(UmapGraph.distances(knn, n, three), n));
    }
    for (int i = 0; i < n; i++) {
      assertEquals(0, g.get(i, i));
      // The nearest neighbour is at distance rho: membership exactly 1 one way, so 1 in the union,
      // up to scipy's float32 steps (1 + y rounded, then y taken off: 1 - 2^-24 at worst).
      int nearest = knn.indices()[i * 10 + 1];
      assertEquals(1.0, g.get(i, nearest), 6e-8);
      for (int t = 1; t < 10; t++) {
        int j = knn.indices()[i * 10 + t];
        double w = g.get(i, j);
        assertTrue(w > 0 && w <= 1);
        assertEquals(w, g.get(j, i), 0, "symmetric");
      }
    }
    // Each row's directed memberships sum to log2(k) (the bisection's target), so the union's rows
    // sum to at least that.
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        sum += g.get(i, j);
      }
      assertTrue(sum >= Math.log(10) / Math.log(2) - 1e-3, "row " + i + " sums to " + sum);
    }
  }

  private static double[] dense(CsrMatrix m, int n) {
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i * n + j] = m.get(i, j);
      }
    }
    return out;
  }
}
