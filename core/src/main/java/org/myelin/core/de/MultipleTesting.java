package org.myelin.core.de;

import java.util.Arrays;

/** Benjamini-Hochberg false discovery rate (J R Stat Soc B 1995), as statsmodels' {@code fdr_bh}. */
public final class MultipleTesting {

  private MultipleTesting() {}

  /** Adjusted p-values: p_(i) m / i made monotone from the largest down, capped at 1; NaN stays NaN. */
  public static double[] benjaminiHochberg(double[] p) {
    int m = p.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
    double[] out = new double[m];
    double running = 1;
    for (int r = m - 1; r >= 0; r--) {
      int i = order[r];
      if (Double.isNaN(p[i])) {
        out[i] = Double.NaN;
        continue;
      }
      running = Math.min(running, p[i] * m / (r + 1));
      out[i] = Math.min(1, running);
    }
    return out;
  }
}
