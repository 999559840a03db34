package org.myelin.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** numpy 1.24's histogram and percentile, the values it printed. */
class HistogramTest {

  @Test
  void equalBinsAsNumpy() {
    Histogram h = Histogram.of(new double[] {0.1, 0.5, 0.5, 0.3, 0.9, 1.0, 0.2, 0.7, 0.30000000000000004}, 4);
    assertArrayEquals(new long[] {4, 2, 1, 2}, h.counts());
    assertArrayEquals(new double[] {0.1, 0.325, 0.55, 0.775, 1.0}, h.edges());
  }

  @Test
  void percentileAsNumpy() {
    assertEquals(5.9, Quantiles.percentile(new double[] {3, 1, 4, 1, 5, 9, 2, 6, 5.5}, 85));
    assertEquals(0.10020000000000001, Quantiles.percentile(new double[] {0.1, 0.2, 0.7}, 0.1));
  }
}
