package org.myelin.core.stats;

import java.util.Arrays;

/** Evenly spaced quantiles with numpy's default linear interpolation ({@code np.quantile}, method "linear"). */
public final class Quantiles {

  private Quantiles() {}

  /**
   * Quantiles 0, 1/(q-1), ..., 1 of the finite values of {@code v} (NaN and infinities left out);
   * all NaN when there are none. {@code v} is not changed.
   */
  public static double[] evenly(double[] v, int q) {
    double[] s = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
    double[] out = new double[q];
    if (s.length == 0) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    for (int k = 0; k < q; k++) {
      double pos = q == 1 ? 0 : (double) k / (q - 1) * (s.length - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(s.length - 1, lo + 1);
      out[k] = s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
    return out;
  }

  /**
   * numpy's {@code np.percentile(v, q)} with linear interpolation, to the last bit: the position
   * (n - 1) q / 100 between its two order statistics, interpolated from the lower one below the
   * half and from the upper one from the half on, as numpy's {@code _lerp}.
   */
  public static double percentile(double[] v, double q) {
    if (v.length == 0) {
      throw new IllegalArgumentException("the percentile of no values");
    }
    double[] s = v.clone();
    Arrays.sort(s);
    double virtual = (s.length - 1) * (q / 100);
    int lo = (int) Math.floor(virtual);
    int hi = Math.min(s.length - 1, lo + 1);
    lo = Math.min(s.length - 1, lo);
    double gamma = virtual - lo;
    double a = s[lo];
    double b = s[hi];
    double diff = b - a;
    return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
  }
}
