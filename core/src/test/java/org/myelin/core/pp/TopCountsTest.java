package org.myelin.core.pp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopCountsTest {

  private static final int[] TOP = {1, 5, 50, 50, 200};

  @Test
  void wholeCountsGiveTheBitsOfTheSort() {
    SplittableRandom random = new SplittableRandom(11);
    int[] histogram = new int[TopCounts.LARGEST + 1];
    for (int cell = 0; cell < 2000; cell++) {
      // From empty cells to cells with more values than the largest n; skewed counts with ties,
      // zeros and negative zeros, and now and then the largest count the histogram holds.
      int m = random.nextInt(cell % 7 == 0 ? 4 : 400);
      double[] values = new double[m];
      double sum = 0;
      for (int k = 0; k < m; k++) {
        int r = random.nextInt(100);
        values[k] = r < 5 ? -0.0 : r < 8 ? TopCounts.LARGEST : Math.floor(Math.exp(random.nextDouble(0, 6)));
        sum += values[k];
      }
      double[][] byHistogram = new double[TOP.length][1];
      double[][] bySort = new double[TOP.length][1];
      assertTrue(TopCounts.sumTop(values.clone(), m, sum, TOP, byHistogram, 0, histogram));
      TopCounts.sumTopSorted(values.clone(), m, sum, TOP, bySort, 0);
      for (int t = 0; t < TOP.length; t++) {
        assertEquals(Double.doubleToRawLongBits(bySort[t][0]), Double.doubleToRawLongBits(byHistogram[t][0]),
            "cell " + cell + ", top " + TOP[t]);
      }
      assertArrayEquals(new int[TopCounts.LARGEST + 1], histogram, "the histogram is left empty");
    }
  }

  @Test
  void otherValuesAreLeftToTheSort() {
    int[] histogram = new int[TopCounts.LARGEST + 1];
    double[][] pct = new double[TOP.length][1];
    for (double odd : new double[] {2.5, -1, TopCounts.LARGEST + 1, Double.NaN, 1e12}) {
      double[] values = {3, 7, odd, 1};
      assertFalse(TopCounts.sumTop(values, 4, 11 + odd, TOP, pct, 0, histogram), "value " + odd);
      assertArrayEquals(new int[TopCounts.LARGEST + 1], histogram, "the histogram is left empty");
      assertArrayEquals(new double[1], pct[0], 0.0, "nothing written");
    }
  }
}
