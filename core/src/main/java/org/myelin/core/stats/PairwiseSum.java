package org.myelin.core.stats;

/**
 * numpy's pairwise summation ({@code pairwise_sum} in numpy's {@code loops_utils}, Higham 1993), the
 * order {@code np.sum} adds a contiguous run of doubles in: eight running sums over blocks of up to
 * 128 values, halves above that. Following its order makes totals equal numpy's to the last bit.
 */
public final class PairwiseSum {

  private static final int BLOCK = 128;
  /** numpy's default ufunc buffer: a reduction hands its inner loop at most this many values at once. */
  private static final int BUFFER = 8192;

  private PairwiseSum() {}

  /** The sum of {@code a[from..from+n)}. */
  public static double sum(double[] a, int from, int n) {
    double s = 0;
    for (int i = 0; i < n; i += BUFFER) {
      s += pairwise(a, from + i, Math.min(BUFFER, n - i));
    }
    return s;
  }

  private static double pairwise(double[] a, int from, int n) {
    if (n < 8) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += a[from + i];
      }
      return s;
    }
    if (n <= BLOCK) {
      double r0 = a[from];
      double r1 = a[from + 1];
      double r2 = a[from + 2];
      double r3 = a[from + 3];
      double r4 = a[from + 4];
      double r5 = a[from + 5];
      double r6 = a[from + 6];
      double r7 = a[from + 7];
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        r0 += a[from + i];
        r1 += a[from + i + 1];
        r2 += a[from + i + 2];
        r3 += a[from + i + 3];
        r4 += a[from + i + 4];
        r5 += a[from + i + 5];
        r6 += a[from + i + 6];
        r7 += a[from + i + 7];
      }
      double s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        s += a[from + i];
      }
      return s;
    }
    int half = n / 2;
    half -= half % 8;
    return pairwise(a, from, half) + pairwise(a, from + half, n - half);
  }

  /** The sum of the whole array. */
  public static double sum(double[] a) {
    return sum(a, 0, a.length);
  }
}
