package org.myelin.core.doublet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.sim.RandomStreams;

class ScrubletTest {

  @Test
  void smoothingIsScipysUniformFilter() {
    assertArrayEquals(new double[] {2.3333333333333335, 2.6666666666666665, 2.0, 3.3333333333333335, 5.0,
        5.333333333333333, 5.666666666666667, 4.666666666666667},
        Scrublet.uniformFilter3(new double[] {3, 1, 4, 1, 5, 9, 2, 6}));
  }

  /** skimage 0.19's threshold_minimum on the same two modes gave 0.27134829106947733. */
  @Test
  void thresholdIsSkimagesMinimumBetweenModes() {
    double[] v = new double[900];
    for (int i = 0; i < 600; i++) {
      v[i] = 0.1 + 0.03 * Math.sin(i * 0.7);
    }
    for (int j = 0; j < 300; j++) {
      v[600 + j] = 0.6 + 0.08 * Math.cos(j * 1.3);
    }
    assertEquals(0.27134829106947733, Scrublet.thresholdMinimum(v));
    assertTrue(Double.isNaN(Scrublet.thresholdMinimum(new double[] {0.5, 0.5, 0.5})), "one mode: no threshold");
  }

  /**
   * Three cell types with their own genes, and 5% of cells made by adding two cells of different
   * types: the doublets score above the singlets and are called, the same for any threads.
   */
  @Test
  void plantedHeterotypicDoubletsAreCalled() {
    int n = 900;
    int genes = 300;
    SplittableRandom rnd = new SplittableRandom(11);
    double[][] cells = new double[n][genes];
    boolean[] doublet = new boolean[n];
    for (int i = 0; i < n; i++) {
      int type = i % 3;
      for (int j = 0; j < genes; j++) {
        double mean = (j / 100 == type ? 6 : 0.3) * (1 + (j % 7) * 0.2);
        cells[i][j] = RandomStreams.poisson(mean, rnd);
      }
    }
    for (int i = 0; i < n; i += 20) {
      doublet[i] = true;
      int other = (i + 1) % n; // the next cell is of another type
      for (int j = 0; j < genes; j++) {
        cells[i][j] += cells[other][j];
      }
    }
    int[] indptr = new int[n + 1];
    java.util.List<Integer> idx = new java.util.ArrayList<>();
    java.util.List<Double> val = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < genes; j++) {
        if (cells[i][j] != 0) {
          idx.add(j);
          val.add(cells[i][j]);
        }
      }
      indptr[i + 1] = idx.size();
    }
    Scrublet.Counts counts = new Scrublet.Counts(n, genes, indptr, idx.stream().mapToInt(Integer::intValue).toArray(),
        val.stream().mapToDouble(Double::doubleValue).toArray());
    Scrublet.Options o = new Scrublet.Options(2.0, 0, 0.05, 0.02, 3, 3, 50, 10, Double.NaN);
    Scrublet.Result one;
    Scrublet.Result three;
    try (Parallel p = new Parallel(1)) {
      one = Scrublet.run(counts, o, 0, p);
    }
    try (Parallel p = new Parallel(3)) {
      three = Scrublet.run(counts, o, 0, p);
    }
    assertArrayEquals(one.scoresObs(), three.scoresObs(), "the same scores for any threads");
    int caught = 0;
    int falseCalls = 0;
    for (int i = 0; i < n; i++) {
      if (doublet[i] && one.predicted()[i]) {
        caught++;
      } else if (!doublet[i] && one.predicted()[i]) {
        falseCalls++;
      }
    }
    assertTrue(caught >= 40, caught + " of 45 planted doublets called");
    assertTrue(falseCalls <= 9, falseCalls + " singlets called");
  }
}
