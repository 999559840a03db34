package org.myelin.core.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.parallel.Parallel;

class RipleyTest {

  @Test
  void randomPointsFollowTheTheoryAndClustersLeaveTheEnvelope() {
    // Category 0: 800 uniform points in a 1000 x 1000 square; category 1: 800 points in 8 tight clumps.
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 1600;
    double[] x = new double[n];
    double[] y = new double[n];
    int[] codes = new int[n];
    for (int i = 0; i < 800; i++) {
      x[i] = rnd.nextDouble() * 1000;
      y[i] = rnd.nextDouble() * 1000;
    }
    for (int i = 800; i < n; i++) {
      int clump = (i - 800) % 8;
      x[i] = 150 + 100 * clump + rnd.nextGaussian() * 10;
      y[i] = 500 + (clump % 2) * 200 + rnd.nextGaussian() * 10;
      codes[i] = 1;
    }
    Ripley.Setup s = Ripley.setup(x, y, 200, 21);
    Ripley.Curve[] l = Ripley.compute(Ripley.Mode.L, x, y, codes, 2, s, 39, 1000, 3, new Parallel(2));
    Ripley.Curve[] again = Ripley.compute(Ripley.Mode.L, x, y, codes, 2, s, 39, 1000, 3, new Parallel(1));
    int inside = 0;
    for (int k = 1; k < s.support().length; k++) {
      double d = s.support()[k];
      // Random: L(d) close to d (no edge correction lowers it near the border), and mostly inside the
      // pointwise envelope of 39 simulations (each point leaves it with probability 2 / 40).
      assertEquals(d, l[0].stat()[k], 0.12 * d, "L of random points at " + d);
      inside += l[0].stat()[k] >= l[0].low()[k] && l[0].stat()[k] <= l[0].high()[k] ? 1 : 0;
      assertEquals(l[0].stat()[k], again[0].stat()[k], 0);
      assertEquals(l[0].high()[k], again[0].high()[k], 0, "the same simulations for any thread count");
    }
    assertTrue(inside >= 16, inside + " of 20 support points inside the envelope");
    // Clumped: far above the envelope at the clump scale, p at its floor 1 / 40.
    int k = 5; // d = 50
    assertTrue(l[1].stat()[k] > l[1].high()[k] * 1.5, "clustered L at 50");
    assertEquals(1 / 40.0, l[1].pValue()[k], 1e-12);
    // G of the clumps rises at once; F (empty space) stays low.
    Ripley.Curve[] g = Ripley.compute(Ripley.Mode.G, x, y, codes, 2, s, 19, 500, 3, new Parallel(1));
    Ripley.Curve[] f = Ripley.compute(Ripley.Mode.F, x, y, codes, 2, s, 19, 500, 3, new Parallel(1));
    assertTrue(g[1].stat()[2] > 0.95 && f[1].stat()[2] < 0.2, "G " + g[1].stat()[2] + ", F " + f[1].stat()[2]);
  }
}
