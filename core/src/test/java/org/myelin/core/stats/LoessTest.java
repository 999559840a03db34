package org.myelin.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LoessTest {

  @Test
  void reproducesAQuadraticExactly() {
    // A local quadratic fits a quadratic without error, and cubic Hermite interpolation of exact
    // values and slopes reproduces it between vertices: any error is in the tree or the weights.
    Random rnd = new Random(1);
    int n = 500;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextDouble() * 4 - 1;
      y[i] = 0.5 - 1.5 * x[i] + 0.25 * x[i] * x[i];
    }
    double[] fit = Loess.fit(x, y, 0.3, 2);
    for (int i = 0; i < n; i++) {
      assertEquals(y[i], fit[i], 1e-11, "point " + i);
    }
  }

  @Test
  void treeSplitsAtMediansAndStepsOffTies() {
    // 20 points, fc = floor(20 * 0.5 * 0.2) = 2: cells split until they hold at most 2 points.
    double[] s = new double[20];
    for (int i = 0; i < 20; i++) {
      s[i] = i;
    }
    double[] v = Loess.vertices(s, 2, 200);
    // Box [-0.095, 19.095]; first split at the 10th value (9), then 4 and 14, ...
    assertEquals(-0.095, v[0], 1e-12);
    assertEquals(19.095, v[v.length - 1], 1e-12);
    assertTrue(java.util.Arrays.binarySearch(v, 9.0) >= 0);
    assertTrue(java.util.Arrays.binarySearch(v, 4.0) >= 0);
    assertTrue(java.util.Arrays.binarySearch(v, 14.0) >= 0);
    // Ties at the median: in 1,1,1,1,1,1,2,3 the median (4th) sits in a run of ones; offsets 0, +1,
    // -1, +2 find the first pair of differing neighbours at the 6th and 7th, so the split is at 1,
    // after the run. The left cell (six ones) cannot split off its own bound and stays a leaf; the
    // right one holds 2 points. Box widened by 0.5% of the range 2.
    double[] tied = {1, 1, 1, 1, 1, 1, 2, 3};
    assertArrayEquals(new double[] {1 - 0.01, 1, 3 + 0.01}, Loess.vertices(tied, 2, 200), 1e-12);
  }

  @Test
  void refusesSpansTooSmallAndNonFiniteValues() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] y = x.clone();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loess.fit(x, y, 0.3, 2));
    assertTrue(e.getMessage().contains("3 of 10 points"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Loess.fit(x, new double[3], 0.5, 2));
    double[] bad = x.clone();
    bad[4] = Double.NaN;
    assertThrows(IllegalArgumentException.class, () -> Loess.fit(bad, y, 0.8, 2));
    assertThrows(IllegalArgumentException.class, () -> Loess.fit(x, y, 1.5, 2));
  }
}
