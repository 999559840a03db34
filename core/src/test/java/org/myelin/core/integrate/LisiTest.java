package org.myelin.core.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.stats.Quantiles;

class LisiTest {

  /** Two far-apart clouds: labelled by cloud, every cell sees one label; labelled alternately, two. */
  @Test
  void separatedLabelsScoreOneAndMixedLabelsTwo() {
    int n = 600;
    SplittableRandom rnd = new SplittableRandom(1);
    double[] x = new double[n * 2];
    int[] byCloud = new int[n];
    int[] alternating = new int[n];
    for (int i = 0; i < n; i++) {
      byCloud[i] = i < n / 2 ? 0 : 1;
      alternating[i] = i % 2;
      x[i * 2] = rnd.nextGaussian() + (byCloud[i] == 0 ? 0 : 100);
      x[i * 2 + 1] = rnd.nextGaussian();
    }
    try (Parallel p = new Parallel(2)) {
      double[] apart = Lisi.compute(x, n, 2, byCloud, 2, 30, p);
      double[] mixed = Lisi.compute(x, n, 2, alternating, 2, 30, p);
      assertEquals(1.0, Quantiles.percentile(apart, 50), 1e-9);
      assertEquals(2.0, Quantiles.percentile(mixed, 50), 0.15);
      try (Parallel one = new Parallel(1)) {
        assertArrayEquals(mixed, Lisi.compute(x, n, 2, alternating, 2, 30, one), "the same for any threads");
      }
    }
  }
}
