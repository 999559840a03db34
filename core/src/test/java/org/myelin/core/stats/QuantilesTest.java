package org.myelin.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** numpy's linear quantiles: np.quantile([4, 1, 3, 2, nan], [0, .25, .5, .75, 1]) over the finite values. */
class QuantilesTest {

  @Test
  void evenlySpacedAsNumpyLeavingNonFiniteValuesOut() {
    // np.quantile([1, 2, 3, 4], [0, 0.25, 0.5, 0.75, 1]) = [1, 1.75, 2.5, 3.25, 4]
    assertArrayEquals(new double[] {1, 1.75, 2.5, 3.25, 4},
        Quantiles.evenly(new double[] {4, 1, Double.NaN, 3, 2, Double.POSITIVE_INFINITY}, 5), 0);
    double[] none = Quantiles.evenly(new double[] {Double.NaN}, 3);
    assertTrue(Double.isNaN(none[0]) && Double.isNaN(none[2]));
  }
}
