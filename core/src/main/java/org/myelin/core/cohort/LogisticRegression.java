package org.myelin.core.cohort;

import org.myelin.core.stats.Glm;
import org.myelin.core.stats.NormalQuantile;
import smile.math.special.Erf;

/**
 * Logistic regression of a binary outcome, fitted as R's {@code glm(y ~ ..., family = binomial)}
 * and summarised as {@code summary.glm} does: coefficients, standard errors from the last IRLS
 * iteration's weights, Wald z and two-sided normal p-values, and odds ratios with Wald 95% limits.
 *
 * @param separated fitted probabilities reached 0 or 1 (R warns; the estimates run off to infinity)
 */
public record LogisticRegression(
    double[] coefficients, double[] standardErrors, double[] z, double[] pValues, boolean converged,
    boolean separated) {

  /** Fits y (0 or 1) on x, whose rows include the intercept column. */
  public static LogisticRegression fit(double[][] x, int[] y) {
    double[] yy = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException("outcome " + y[i] + " of subject " + (i + 1) + " is not 0 or 1");
      }
      yy[i] = y[i];
    }
    Glm.Fit f = Glm.fit(x, yy, Glm.Family.BINOMIAL_LOGIT, null);
    double[] se = f.standardErrors();
    int p = se.length;
    double[] z = new double[p];
    double[] pv = new double[p];
    for (int j = 0; j < p; j++) {
      z[j] = f.coefficients()[j] / se[j];
      pv[j] = Erf.erfc(Math.abs(z[j]) / Math.sqrt(2));
    }
    double eps = 10 * Math.ulp(1.0);
    boolean separated = false;
    for (double mu : f.fitted()) {
      separated |= mu > 1 - eps || mu < eps;
    }
    return new LogisticRegression(f.coefficients(), se, z, pv, f.converged(), separated);
  }

  public double oddsRatio(int j) {
    return Math.exp(coefficients[j]);
  }

  public double oddsRatioLower(int j) {
    return Math.exp(coefficients[j] - NormalQuantile.of(0.975) * standardErrors[j]);
  }

  public double oddsRatioUpper(int j) {
    return Math.exp(coefficients[j] + NormalQuantile.of(0.975) * standardErrors[j]);
  }
}
