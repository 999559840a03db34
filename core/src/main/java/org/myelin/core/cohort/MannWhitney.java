package org.myelin.core.cohort;

import java.util.Arrays;
import org.myelin.core.stats.NormalQuantile;
import smile.math.special.Erf;

/**
 * The Wilcoxon–Mann–Whitney test of two groups as R's {@code wilcox.test(x, y)} computes it (exact
 * null distribution below 50 per group without ties, else the normal approximation with tie and
 * continuity corrections), and the area under the ROC curve W / (n_x n_y), the probability that a
 * value of x exceeds one of y, with DeLong's confidence interval (DeLong et al., Biometrics 1988),
 * as pROC's default {@code ci.auc}.
 *
 * @param w R's W statistic: the rank sum of x minus n_x (n_x + 1) / 2
 */
public record MannWhitney(double w, double pValue, double auc, double aucLower, double aucUpper) {

  /** Tests x against y; both need at least one finite value. */
  public static MannWhitney of(double[] x, double[] y) {
    int nx = x.length;
    int ny = y.length;
    if (nx == 0 || ny == 0) {
      throw new IllegalArgumentException("the Mann-Whitney test needs values in both groups (" + nx + " and " + ny + ")");
    }
    double[] all = new double[nx + ny];
    System.arraycopy(x, 0, all, 0, nx);
    System.arraycopy(y, 0, all, nx, ny);
    double[] ranks = new double[all.length];
    Integer[] order = new Integer[all.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
    double tieTerm = 0;
    boolean ties = false;
    for (int i = 0; i < order.length; ) {
      int j = i;
      while (j + 1 < order.length && all[order[j + 1]] == all[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = rank;
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      ties |= t > 1;
      i = j + 1;
    }
    double sum = 0;
    for (int i = 0; i < nx; i++) {
      sum += ranks[i];
    }
    double w = sum - nx * (nx + 1) / 2.0;
    double p;
    if (nx < 50 && ny < 50 && !ties) {
      double half = nx * (double) ny / 2;
      double tail = w > half ? 1 - cdf(w - 1, nx, ny) : cdf(w, nx, ny);
      p = Math.min(2 * tail, 1);
    } else {
      double z = w - nx * (double) ny / 2;
      double n = nx + ny;
      double sigma = Math.sqrt((nx * (double) ny / 12) * ((n + 1) - tieTerm / (n * (n - 1))));
      z = (z - Math.signum(z) * 0.5) / sigma;
      p = Erf.erfc(Math.abs(z) / Math.sqrt(2));
    }
    double auc = w / (nx * (double) ny);
    double[] v10 = new double[nx];
    double[] v01 = new double[ny];
    for (int i = 0; i < nx; i++) {
      for (int j = 0; j < ny; j++) {
        double psi = x[i] > y[j] ? 1 : x[i] == y[j] ? 0.5 : 0;
        v10[i] += psi / ny;
        v01[j] += psi / nx;
      }
    }
    double var = variance(v10) / nx + variance(v01) / ny;
    double half = NormalQuantile.of(0.975) * Math.sqrt(var);
    return new MannWhitney(w, p, auc, Math.max(0, auc - half), Math.min(1, auc + half));
  }

  private static double variance(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double mean = Arrays.stream(v).sum() / v.length;
    double ss = 0;
    for (double e : v) {
      ss += (e - mean) * (e - mean);
    }
    return ss / (v.length - 1);
  }

  /** P(W &le; q) under the null for group sizes m and n (R's pwilcox), by counting arrangements. */
  static double cdf(double q, int m, int n) {
    int max = m * n;
    int k = (int) Math.floor(q + 1e-7);
    if (k < 0) {
      return 0;
    }
    if (k >= max) {
      return 1;
    }
    // freq[j][u]: arrangements of j values of x among the rest with statistic u, built one y at a time.
    double[][] freq = new double[m + 1][max + 1];
    for (int j = 0; j <= m; j++) {
      freq[j][0] = 1;
    }
    for (int yCount = 1; yCount <= n; yCount++) {
      // Adding a y value above the j x values that precede it: c(u; j, yCount) = c(u - j; ...)
      double[][] next = new double[m + 1][max + 1];
      next[0][0] = 1;
      for (int j = 1; j <= m; j++) {
        for (int u = 0; u <= j * yCount; u++) {
          double keep = u <= j * (yCount - 1) ? freq[j][u] : 0; // the largest value is a y
          double fromX = u - yCount >= 0 ? next[j - 1][u - yCount] : 0; // the largest value is an x
          next[j][u] = keep + fromX;
        }
      }
      freq = next;
    }
    double total = 0;
    double below = 0;
    for (int u = 0; u <= max; u++) {
      total += freq[m][u];
      if (u <= k) {
        below += freq[m][u];
      }
    }
    return below / total;
  }
}
