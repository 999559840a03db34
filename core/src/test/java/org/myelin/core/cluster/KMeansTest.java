package org.myelin.core.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.random.NumpyRandomState;

class KMeansTest {

  /** Three tight, far-apart blobs of 200 points in 5 dimensions; labels[i] is the blob. */
  private static double[] blobs(int[] truth) {
    SplittableRandom rnd = new SplittableRandom(7);
    int d = 5;
    double[] x = new double[truth.length * d];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = i % 3;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = 20.0 * truth[i] * (j == truth[i] ? 1 : 0) + rnd.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void findsSeparatedBlobsTheSameForAnyThreads() {
    int[] truth = new int[600];
    double[] x = blobs(truth);
    KMeans.Result one;
    KMeans.Result three;
    try (Parallel p = new Parallel(1)) {
      one = KMeans.fit(x, 600, 5, 3, 10, 25, 1e-4, new NumpyRandomState(0), p);
    }
    try (Parallel p = new Parallel(3)) {
      three = KMeans.fit(x, 600, 5, 3, 10, 25, 1e-4, new NumpyRandomState(0), p);
    }
    assertTrue(KMeans.sameClustering(truth, one.labels(), 3), "the blobs are the clusters");
    assertArrayEquals(one.centers(), three.centers());
    assertArrayEquals(one.labels(), three.labels());
    assertEquals(one.inertia(), three.inertia());
    // Centres are the blobs' means: the blob at the origin has its centre near 0.
    int origin = one.labels()[0];
    for (int j = 0; j < 5; j++) {
      assertEquals(0, one.centers()[origin * 5 + j], 0.3);
    }
  }

  @Test
  void sameClusteringAllowsRenamedLabelsOnly() {
    assertTrue(KMeans.sameClustering(new int[] {0, 0, 1, 2}, new int[] {2, 2, 0, 1}, 3));
    assertFalse(KMeans.sameClustering(new int[] {0, 0, 1, 2}, new int[] {2, 1, 0, 1}, 3));
  }
}
