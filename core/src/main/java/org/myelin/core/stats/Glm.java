package org.myelin.core.stats;

/**
 * Generalised linear models by iteratively reweighted least squares, as R's {@code glm.fit}
 * (Nelder & Wedderburn, J R Stat Soc A 1972): R's starting values, its convergence test
 * |dev - dev_old| / (|dev| + 0.1) < 1e-8 within 25 iterations, and its step halving when a step
 * leaves the family's valid means.
 */
public final class Glm {

  /** The families myelin fits. */
  public enum Family {
    /** Gamma errors with the identity link (DESeq2's dispersion trend). */
    GAMMA_IDENTITY,
    /** Binomial errors with the logit link (logistic regression). */
    BINOMIAL_LOGIT
  }

  /**
   * A fitted model: the coefficients, (X'WX)^-1 with the weights of the last iteration (R's
   * unscaled covariance), the deviance and null-free iteration count.
   */
  public record Fit(
      double[] coefficients,
      double[][] unscaledCovariance,
      double deviance,
      double[] fitted,
      int iterations,
      boolean converged,
      boolean boundary) {

    /** Standard errors with the dispersion fixed at one (binomial, Poisson). */
    public double[] standardErrors() {
      double[] se = new double[coefficients.length];
      for (int j = 0; j < se.length; j++) {
        se[j] = Math.sqrt(unscaledCovariance[j][j]);
      }
      return se;
    }
  }

  private static final double EPSILON = 1e-8;
  private static final int MAX_ITERATIONS = 25;
  private static final double DBL_EPSILON = Math.ulp(1.0);
  private static final double LOGIT_THRESHOLD = 30;

  private Glm() {}

  /**
   * Fits y on x (rows are observations, with an intercept column when wanted). {@code start} gives
   * the coefficients to start from (R's {@code start=}); null starts from the family's {@code
   * mustart}.
   *
   * @throws IllegalArgumentException when no valid start can be found or the step cannot be
   *     corrected, as R stops
   */
  public static Fit fit(double[][] x, double[] y, Family family, double[] start) {
    int n = y.length;
    int p = x[0].length;
    double[] eta = new double[n];
    double[] mu = new double[n];
    double[] coefold = null;
    double[] coef;
    if (start != null) {
      coef = start.clone();
      coefold = start.clone();
      linear(x, coef, eta);
      for (int i = 0; i < n; i++) {
        mu[i] = linkInverse(family, eta[i]);
      }
    } else {
      coef = new double[p];
      for (int i = 0; i < n; i++) {
        mu[i] = family == Family.BINOMIAL_LOGIT ? (y[i] + 0.5) / 2 : y[i];
        eta[i] = family == Family.BINOMIAL_LOGIT ? Math.log(mu[i] / (1 - mu[i])) : mu[i];
      }
    }
    if (!valid(family, mu)) {
      throw new IllegalArgumentException("cannot find valid starting values");
    }
    double devold = deviance(family, y, mu);
    double dev = devold;
    boolean converged = false;
    boolean boundary = false;
    double[] lastWeights = new double[n];
    int iter = 0;
    double[][] cols = new double[p][n];
    double[] z = new double[n];
    while (iter < MAX_ITERATIONS) {
      iter++;
      for (int i = 0; i < n; i++) {
        double muEta = muEta(family, eta[i]);
        double w = Math.sqrt(muEta * muEta / variance(family, mu[i]));
        lastWeights[i] = w * w;
        z[i] = (eta[i] + (y[i] - mu[i]) / muEta) * w;
        for (int j = 0; j < p; j++) {
          cols[j][i] = x[i][j] * w;
        }
      }
      coef = HouseholderLeastSquares.solve(cols, z);
      linear(x, coef, eta);
      for (int i = 0; i < n; i++) {
        mu[i] = linkInverse(family, eta[i]);
      }
      dev = deviance(family, y, mu);
      boundary = false;
      if (!Double.isFinite(dev) || !valid(family, mu)) {
        if (coefold == null) {
          throw new IllegalArgumentException("no valid set of coefficients has been found");
        }
        int halvings = 0;
        while (!Double.isFinite(dev) || !valid(family, mu)) {
          if (++halvings > MAX_ITERATIONS) {
            throw new IllegalArgumentException("cannot correct the step size");
          }
          for (int j = 0; j < p; j++) {
            coef[j] = (coef[j] + coefold[j]) / 2;
          }
          linear(x, coef, eta);
          for (int i = 0; i < n; i++) {
            mu[i] = linkInverse(family, eta[i]);
          }
          dev = deviance(family, y, mu);
        }
        boundary = true;
      }
      if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < EPSILON) {
        converged = true;
        break;
      }
      devold = dev;
      coefold = coef.clone();
    }
    double[][] cov = SmallMatrices.inverse(SmallMatrices.crossProduct(x, lastWeights));
    return new Fit(coef, cov, dev, mu.clone(), iter, converged, boundary);
  }

  private static void linear(double[][] x, double[] coef, double[] eta) {
    for (int i = 0; i < x.length; i++) {
      double s = 0;
      for (int j = 0; j < coef.length; j++) {
        s += x[i][j] * coef[j];
      }
      eta[i] = s;
    }
  }

  private static double linkInverse(Family family, double eta) {
    if (family == Family.GAMMA_IDENTITY) {
      return eta;
    }
    double t =
        eta < -LOGIT_THRESHOLD ? DBL_EPSILON : eta > LOGIT_THRESHOLD ? 1 / DBL_EPSILON : Math.exp(eta);
    return t / (1 + t);
  }

  private static double muEta(Family family, double eta) {
    if (family == Family.GAMMA_IDENTITY) {
      return 1;
    }
    double opexp = 1 + Math.exp(eta);
    return eta > LOGIT_THRESHOLD || eta < -LOGIT_THRESHOLD
        ? DBL_EPSILON
        : Math.exp(eta) / (opexp * opexp);
  }

  private static double variance(Family family, double mu) {
    return family == Family.GAMMA_IDENTITY ? mu * mu : mu * (1 - mu);
  }

  private static boolean valid(Family family, double[] mu) {
    for (double m : mu) {
      if (!Double.isFinite(m) || m <= 0 || (family == Family.BINOMIAL_LOGIT && m >= 1)) {
        return false;
      }
    }
    return true;
  }

  private static double deviance(Family family, double[] y, double[] mu) {
    double d = 0;
    for (int i = 0; i < y.length; i++) {
      if (family == Family.GAMMA_IDENTITY) {
        d += -2 * (Math.log(y[i] == 0 ? 1 : y[i] / mu[i]) - (y[i] - mu[i]) / mu[i]);
      } else {
        d += 2 * (yLogY(y[i], mu[i]) + yLogY(1 - y[i], 1 - mu[i]));
      }
    }
    return d;
  }

  private static double yLogY(double y, double mu) {
    return y > 0 ? y * Math.log(y / mu) : 0;
  }
}
