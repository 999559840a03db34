package org.myelin.core.survival;

import org.myelin.core.stats.GammaFunctions;
import org.myelin.core.stats.SmallMatrices;

/**
 * Cox proportional hazards regression (Cox, J R Stat Soc B 1972) with Efron's handling of tied
 * event times, fitted as R's {@code coxph(Surv(time, event) ~ x1 + x2, ties = "efron")} fits it
 * (survival's coxfit6): covariates centred and scaled, Newton–Raphson from zero with step halving,
 * stopped when the partial log-likelihood changes by at most 1e-9 relative, at most 20 iterations.
 *
 * @param coefficients log hazard ratios per unit of each covariate
 * @param covariance the inverse information matrix
 * @param logLikNull the partial log-likelihood at zero
 * @param logLik the partial log-likelihood at the estimate
 * @param scoreTest the score (log-rank) test statistic at zero
 * @param converged false when the 20 iterations ran out
 */
public record CoxRegression(
    double[] coefficients, double[][] covariance, double logLikNull, double logLik, double scoreTest, int iterations,
    boolean converged) {

  private static final int MAX_ITERATIONS = 20;
  private static final double EPS = 1e-9;

  public double standardError(int j) {
    return Math.sqrt(covariance[j][j]);
  }

  /** The Wald p-value of one coefficient, 2 P(Z &gt; |b / se|). */
  public double waldP(int j) {
    double z = coefficients[j] / standardError(j);
    return GammaFunctions.chiSquareUpperTail(z * z, 1);
  }

  /** The likelihood-ratio statistic 2 (l(b) - l(0)), with as many degrees of freedom as coefficients. */
  public double likelihoodRatio() {
    return 2 * (logLik - logLikNull);
  }

  public double likelihoodRatioP() {
    return GammaFunctions.chiSquareUpperTail(likelihoodRatio(), coefficients.length);
  }

  /**
   * Fits the model. {@code x[i]} are subject i's covariates.
   *
   * @throws IllegalArgumentException on bad times or events, or covariates that do not vary
   */
  public static CoxRegression fit(double[] times, int[] events, double[][] x) {
    Survival.check(times, events);
    int n = times.length;
    int p = x[0].length;
    int[] sorted = Survival.orderByTime(times);
    double[] time = new double[n];
    int[] status = new int[n];
    double[][] covar = new double[p][n];
    for (int i = 0; i < n; i++) {
      time[i] = times[sorted[i]];
      status[i] = events[sorted[i]];
      for (int j = 0; j < p; j++) {
        covar[j][i] = x[sorted[i]][j];
      }
    }
    double[] scale = new double[p];
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += covar[j][i];
      }
      mean /= n;
      double abs = 0;
      for (int i = 0; i < n; i++) {
        covar[j][i] -= mean;
        abs += Math.abs(covar[j][i]);
      }
      if (abs == 0) {
        throw new IllegalArgumentException("covariate " + (j + 1) + " takes one value for every subject");
      }
      scale[j] = n / abs;
      for (int i = 0; i < n; i++) {
        covar[j][i] *= scale[j];
      }
    }
    Iteration it = new Iteration(time, status, covar);
    double[] beta = new double[p];
    double loglik0 = it.run(beta);
    double[] a = it.u.clone();
    double[][] inv = SmallMatrices.inverse(it.imat);
    if (inv == null) {
      throw new IllegalArgumentException("the covariates are collinear");
    }
    double[] step = multiply(inv, a);
    double score = 0;
    for (int j = 0; j < p; j++) {
      score += it.u[j] * step[j];
    }
    double best = loglik0;
    double[] newbeta = new double[p];
    for (int j = 0; j < p; j++) {
      newbeta[j] = beta[j] + step[j];
    }
    int halving = 0;
    for (int iter = 1; iter <= MAX_ITERATIONS; iter++) {
      double newlk = it.run(newbeta);
      boolean finite = Double.isFinite(newlk);
      for (int j = 0; j < p && finite; j++) {
        finite = Double.isFinite(it.u[j]);
        for (int k = 0; k < p; k++) {
          finite &= Double.isFinite(it.imat[j][k]);
        }
      }
      if (finite && Math.abs(1 - best / newlk) <= EPS) {
        return finish(newbeta, scale, SmallMatrices.inverse(it.imat), loglik0, newlk, score, iter, true);
      }
      if (!finite || newlk < best) {
        halving++;
        for (int j = 0; j < p; j++) {
          newbeta[j] = (newbeta[j] + halving * beta[j]) / (halving + 1.0);
        }
      } else {
        halving = 0;
        best = newlk;
        double[][] info = SmallMatrices.inverse(it.imat);
        double[] u = multiply(info, it.u);
        for (int j = 0; j < p; j++) {
          beta[j] = newbeta[j];
          newbeta[j] = newbeta[j] + u[j];
        }
      }
    }
    double lk = it.run(beta);
    return finish(beta, scale, SmallMatrices.inverse(it.imat), loglik0, lk, score, MAX_ITERATIONS, false);
  }

  private static CoxRegression finish(double[] b, double[] scale, double[][] inv, double l0, double l, double score,
      int iter, boolean converged) {
    int p = b.length;
    double[] coef = new double[p];
    double[][] cov = new double[p][p];
    for (int i = 0; i < p; i++) {
      coef[i] = b[i] * scale[i];
      for (int j = 0; j < p; j++) {
        cov[i][j] = inv[i][j] * scale[i] * scale[j];
      }
    }
    return new CoxRegression(coef, cov, l0, l, score, iter, converged);
  }

  private static double[] multiply(double[][] m, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += m[i][j] * v[j];
      }
    }
    return out;
  }

  /** coxfit6_iter: the partial log-likelihood, its score u and information imat at beta. */
  private static final class Iteration {
    final double[] time;
    final int[] status;
    final double[][] covar;
    final int n;
    final int p;
    final double[] u;
    final double[][] imat;

    Iteration(double[] time, int[] status, double[][] covar) {
      this.time = time;
      this.status = status;
      this.covar = covar;
      this.n = time.length;
      this.p = covar.length;
      this.u = new double[p];
      this.imat = new double[p][p];
    }

    double run(double[] beta) {
      double[] a = new double[p];
      double[] a2 = new double[p];
      double[][] cmat = new double[p][p];
      double[][] cmat2 = new double[p][p];
      java.util.Arrays.fill(u, 0);
      for (double[] r : imat) {
        java.util.Arrays.fill(r, 0);
      }
      double loglik = 0;
      double denom = 0;
      for (int person = n - 1; person >= 0; ) {
        double dtime = time[person];
        int ndead = 0;
        double deadwt = 0;
        double denom2 = 0;
        while (person >= 0 && time[person] == dtime) {
          double zbeta = 0;
          for (int i = 0; i < p; i++) {
            zbeta += beta[i] * covar[i][person];
          }
          double risk = Math.exp(zbeta);
          if (status[person] == 0) {
            denom += risk;
            for (int i = 0; i < p; i++) {
              a[i] += risk * covar[i][person];
              for (int j = 0; j <= i; j++) {
                cmat[i][j] += risk * covar[i][person] * covar[j][person];
              }
            }
          } else {
            ndead++;
            deadwt += 1;
            denom2 += risk;
            loglik += zbeta;
            for (int i = 0; i < p; i++) {
              u[i] += covar[i][person];
              a2[i] += risk * covar[i][person];
              for (int j = 0; j <= i; j++) {
                cmat2[i][j] += risk * covar[i][person] * covar[j][person];
              }
            }
          }
          person--;
        }
        if (ndead > 0) {
          // Efron: the tied deaths leave the risk set a fraction 1/ndead at a time.
          double wtave = deadwt / ndead;
          for (int k = 0; k < ndead; k++) {
            denom += denom2 / ndead;
            loglik -= wtave * Math.log(denom);
            for (int i = 0; i < p; i++) {
              a[i] += a2[i] / ndead;
              double temp2 = a[i] / denom;
              u[i] -= wtave * temp2;
              for (int j = 0; j <= i; j++) {
                cmat[i][j] += cmat2[i][j] / ndead;
                imat[j][i] += wtave * (cmat[i][j] - temp2 * a[j]) / denom;
              }
            }
          }
          java.util.Arrays.fill(a2, 0);
          for (double[] r : cmat2) {
            java.util.Arrays.fill(r, 0);
          }
        }
      }
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < i; j++) {
          imat[i][j] = imat[j][i];
        }
      }
      return loglik;
    }
  }
}
