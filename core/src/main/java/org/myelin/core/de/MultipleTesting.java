package org.myelin.core.de;

import org.myelin.core.stats.SortedArrays;

/** Benjamini-Hochberg false discovery rate (J R Stat Soc B 1995), as statsmodels' {@code fdr_bh}. */
public final class MultipleTesting {

  private MultipleTesting() {}

  /**
   * Adjusted p-values: p_(i) m / i made monotone from the largest down, capped at 1; NaN stays NaN
   * and is not counted in m (as R's p.adjust).
   */
  public static double[] benjaminiHochberg(double[] p) {
    int[] order = SortedArrays.order(p); // NaN last
    int m = 0;
    for (double v : p) {
      if (!Double.isNaN(v)) {
        m++;
      }
    }
    double[] out = new double[p.length];
    for (int r = m; r < p.length; r++) {
      out[order[r]] = Double.NaN;
    }
    double running = 1;
    for (int r = m - 1; r >= 0; r--) {
      int i = order[r];
      running = Math.min(running, p[i] * m / (r + 1));
      out[i] = Math.min(1, running);
    }
    return out;
  }
}
