package org.myelin.core.pp;

import java.util.Arrays;

/**
 * The share of a cell's counts in its n largest values, {@code pct_counts_in_top_n_genes} of
 * scanpy's {@code calculate_qc_metrics} (McCarthy et al., Bioinformatics 2017): the values summed
 * from the largest down. Raw counts are small whole numbers, so a histogram of them gives the
 * order a sort would (the same additions in the same order, hence the same bits) at a fraction of
 * the cost: sorting each cell's ~2,000 values took most of the QC step at 100k cells.
 */
final class TopCounts {

  /** The largest whole count the histogram holds; a cell with a larger or fractional value is sorted. */
  static final int LARGEST = 4095;

  private TopCounts() {}

  /**
   * Writes {@code topPct[t][cell]} for each n in {@code top} (ascending) from the {@code m} values
   * of a cell and their sum, by a histogram of whole counts; false, with nothing written, when a
   * value is not a whole number in [0, {@link #LARGEST}]. {@code histogram} is all zeros on entry
   * and on return.
   */
  static boolean sumTop(double[] values, int m, double sum, int[] top, double[][] topPct, int cell,
      int[] histogram) {
    int largest = 0;
    for (int k = 0; k < m; k++) {
      double v = values[k];
      int count = (int) v;
      if (count != v || count < 0 || count > LARGEST) {
        Arrays.fill(histogram, 0, largest + 1, 0);
        return false;
      }
      histogram[count]++;
      largest = Math.max(largest, count);
    }
    double acc = 0;
    int t = 0;
    int rank = 0;
    int last = top[top.length - 1];
    // Largest values first: each whole count as many times as the cell holds it.
    for (int count = largest; count >= 0 && rank < last; count--) {
      double v = count;
      for (int times = histogram[count]; times > 0 && rank < last; times--) {
        acc += v;
        rank++;
        while (t < top.length && rank == top[t]) {
          topPct[t][cell] = sum == 0 ? Double.NaN : acc / sum * 100;
          t++;
        }
      }
    }
    Arrays.fill(histogram, 0, largest + 1, 0);
    // A cell with fewer values than n: its top n are all of them.
    for (; t < top.length; t++) {
      topPct[t][cell] = sum == 0 ? Double.NaN : acc / sum * 100;
    }
    return true;
  }

  /** As {@link #sumTop}, for any values: sorted, then summed from the largest down. */
  static void sumTopSorted(double[] values, int m, double sum, int[] top, double[][] topPct, int cell) {
    Arrays.sort(values, 0, m);
    double acc = 0;
    int t = 0;
    for (int rank = 0; rank < top[top.length - 1] && t < top.length; rank++) {
      if (rank < m) {
        acc += values[m - 1 - rank];
      }
      while (t < top.length && rank + 1 == top[t]) {
        topPct[t][cell] = sum == 0 ? Double.NaN : acc / sum * 100;
        t++;
      }
    }
  }
}
