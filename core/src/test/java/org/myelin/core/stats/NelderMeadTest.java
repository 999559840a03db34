package org.myelin.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** scipy 1.10's fmin, the minima it printed to the last bit. */
class NelderMeadTest {

  @Test
  void oneDimensionAsScipy() {
    double[] x = NelderMead.minimize(b -> (b[0] - 0.3) * (b[0] - 0.3) + Math.abs(b[0] - 0.31), new double[] {0.1});
    assertEquals(0.3100000000000007, x[0]);
  }

  @Test
  void twoDimensionsAsScipy() {
    double[] x = NelderMead.minimize(b -> Math.pow(b[0] - 1.7, 2) * Math.pow(b[1] + 2, 2) + b[1] * b[1],
        new double[] {0.5, 0.0});
    assertArrayEquals(new double[] {1.6999819969575258, 3.8494797487553074e-05}, x);
  }
}
