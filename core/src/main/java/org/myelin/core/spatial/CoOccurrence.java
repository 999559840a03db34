package org.myelin.core.spatial;

import org.myelin.core.parallel.Parallel;

/**
 * The co-occurrence ratio of categories across distance bins, as squidpy's {@code co_occurrence}
 * (Palla et al., Nat Methods 2022): for the pairs of cells at a distance in (t_k, t_k+1], the
 * probability that a cell of category a has a partner of category b, over the probability of b among
 * all such pairs; NaN where a bin holds no pair of a. Pairs are counted exactly, without a distance
 * matrix: cells are bucketed on a grid of the largest threshold ({@link PairGrid}), so each cell
 * meets only the cells of its own and the eight surrounding buckets (every cell when the thresholds
 * span the section, as squidpy's defaults do). Counts are whole numbers summed per thread, so results do not depend on
 * the threads.
 */
public final class CoOccurrence {

  private CoOccurrence() {}

  /**
   * squidpy's default thresholds: {@code n} points from the distance between the two cells of
   * smallest x + y to half the distance between the smallest and the largest x + y.
   */
  public static double[] defaultInterval(double[] x, double[] y, int n) {
    int min = -1;
    int min2 = -1;
    int max = -1;
    for (int i = 0; i < x.length; i++) {
      double s = x[i] + y[i];
      if (min < 0 || s < x[min] + y[min]) {
        min2 = min;
        min = i;
      } else if (min2 < 0 || s < x[min2] + y[min2]) {
        min2 = i;
      }
      if (max < 0 || s > x[max] + y[max]) {
        max = i;
      }
    }
    if (x.length < 2) {
      throw new IllegalArgumentException("co-occurrence needs at least 2 cells");
    }
    double hi = Math.hypot(x[min] - x[max], y[min] - y[max]) / 2;
    double lo = Math.hypot(x[min] - x[min2], y[min] - y[min2]);
    return linspace(lo, hi, n);
  }

  /** numpy's linspace. */
  public static double[] linspace(double lo, double hi, int n) {
    if (n < 2 || !(hi > lo)) {
      throw new IllegalArgumentException("Invalid distance interval: " + n + " thresholds from " + lo + " to " + hi);
    }
    double[] t = new double[n];
    double step = (hi - lo) / (n - 1);
    for (int k = 0; k < n; k++) {
      t[k] = lo + k * step;
    }
    t[n - 1] = hi;
    return t;
  }

  /** Pair counts per bin: count[bin][a][b], both orders of each pair. */
  public static long[][][] counts(double[] x, double[] y, int[] codes, int nCategories, double[] interval,
      Parallel parallel) {
    int n = x.length;
    int bins = interval.length - 1;
    double lo2 = interval[0] * interval[0];
    double hi2 = interval[bins] * interval[bins];
    PairGrid grid = new PairGrid(x, y, interval[bins]);
    int k = nCategories;
    int tasks = Math.max(1, Math.min(n, 64 * parallel.threads()));
    long[][] perTask = new long[tasks][];
    parallel.forEach(tasks, t -> {
      long[] c = new long[bins * k * k];
      for (int i = t; i < n; i += tasks) {
        int a = codes[i];
        if (a < 0) {
          continue;
        }
        // Each unordered pair once (j > i), counted in both orders.
        grid.forEachNearAbove(i, (p, j, d2) -> {
          if (d2 > lo2 && d2 <= hi2 && codes[j] >= 0) {
            int bin = bin(Math.sqrt(d2), interval);
            c[(bin * k + a) * k + codes[j]]++;
            c[(bin * k + codes[j]) * k + a]++;
          }
        });
      }
      perTask[t] = c;
    });
    long[][][] out = new long[bins][k][k];
    for (long[] c : perTask) {
      for (int b = 0; b < bins; b++) {
        for (int a = 0; a < k; a++) {
          for (int bb = 0; bb < k; bb++) {
            out[b][a][bb] += c[(b * k + a) * k + bb];
          }
        }
      }
    }
    return out;
  }

  /** The bin (interval[b], interval[b + 1]] holding d, for lo &lt; d &lt;= hi. */
  private static int bin(double d, double[] interval) {
    // A guess from even spacing, checked against the thresholds themselves.
    int last = interval.length - 2;
    int guess = (int) ((d - interval[0]) / (interval[last + 1] - interval[0]) * (last + 1));
    guess = Math.max(0, Math.min(last, guess));
    if (interval[guess] < d && d <= interval[guess + 1]) {
      return guess;
    }
    int lo = 0;
    int hi = interval.length - 1;
    // The first threshold at or above d, minus one.
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (interval[mid] < d) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** ratio[a][b][bin] from the counts, as squidpy computes it. */
  public static double[][][] ratio(long[][][] counts) {
    int bins = counts.length;
    int k = bins == 0 ? 0 : counts[0].length;
    double[][][] out = new double[k][k][bins];
    for (int b = 0; b < bins; b++) {
      double total = 0;
      double[] row = new double[k];
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < k; c++) {
          row[a] += counts[b][a][c];
        }
        total += row[a];
      }
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < k; c++) {
          // 0 / 0 where a has no partner in the bin: NaN, as squidpy leaves it.
          out[a][c][b] = (counts[b][a][c] / row[a]) / (row[c] / total);
        }
      }
    }
    return out;
  }
}
