package org.myelin.core.survival;

import org.myelin.core.stats.GammaFunctions;
import org.myelin.core.stats.SmallMatrices;

/**
 * The log-rank test of equal survival across groups (Mantel 1966; Peto &amp; Peto 1972), as R's
 * {@code survdiff(Surv(time, event) ~ group)} computes it: observed and expected events per group,
 * their hypergeometric covariance, and the chi-square of all groups but the first.
 *
 * @param observed events per group
 * @param expected expected events per group under equal hazards
 * @param chiSquare the test statistic, with groups - 1 degrees of freedom
 */
public record LogRankTest(double[] observed, double[] expected, double chiSquare, int df, double pValue) {

  /** Tests groups 0..k-1 (each subject's group code). */
  public static LogRankTest of(double[] times, int[] events, int[] group, int k) {
    Survival.check(times, events);
    int n = times.length;
    int[] order = Survival.orderByTime(times);
    double[] obs = new double[k];
    double[] exp = new double[k];
    double[][] var = new double[k][k];
    double[] risk = new double[k];
    // From the latest time down, as survdiff2 walks, so that risk sets grow.
    for (int i = n - 1; i >= 0; ) {
      double t = times[order[i]];
      double deaths = 0;
      int j = i;
      for (; j >= 0 && times[order[j]] == t; j--) {
        int g = group[order[j]];
        deaths += events[order[j]];
        risk[g] += 1;
        obs[g] += events[order[j]];
      }
      i = j;
      double nrisk = n - (j + 1);
      if (deaths > 0) {
        for (int g = 0; g < k; g++) {
          exp[g] += deaths * risk[g] / nrisk;
        }
        if (nrisk == 1) {
          continue;
        }
        for (int a = 0; a < k; a++) {
          double tmp = deaths * risk[a] * (nrisk - deaths) / (nrisk * (nrisk - 1));
          var[a][a] += tmp;
          for (int b = 0; b < k; b++) {
            var[a][b] -= tmp * risk[b] / nrisk;
          }
        }
      }
    }
    double[][] v = new double[k - 1][k - 1];
    double[] diff = new double[k - 1];
    for (int a = 1; a < k; a++) {
      diff[a - 1] = obs[a] - exp[a];
      for (int b = 1; b < k; b++) {
        v[a - 1][b - 1] = var[a][b];
      }
    }
    double[][] inv = SmallMatrices.inverse(v);
    double chi = Double.NaN;
    if (inv != null) {
      chi = 0;
      for (int a = 0; a < k - 1; a++) {
        for (int b = 0; b < k - 1; b++) {
          chi += diff[a] * inv[a][b] * diff[b];
        }
      }
    }
    return new LogRankTest(obs, exp, chi, k - 1, GammaFunctions.chiSquareUpperTail(chi, k - 1));
  }
}
