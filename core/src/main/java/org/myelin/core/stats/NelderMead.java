package org.myelin.core.stats;

import java.util.function.ToDoubleFunction;

/**
 * The downhill simplex minimiser (Nelder and Mead, Computer Journal 1965) step for step as scipy's
 * {@code optimize.fmin}: the first simplex 5% off the start in each coordinate (0.00025 where the
 * start is 0), reflection 1, expansion 2, contraction and shrinkage 0.5, stopping when both the
 * simplex and its values lie within xtol and ftol of the best vertex, or after 200 steps and 200
 * evaluations per coordinate. The same comparisons in the same order give scipy's minimum.
 */
public final class NelderMead {

  private NelderMead() {}

  /** scipy's fmin with xtol = ftol = 1e-4. */
  public static double[] minimize(ToDoubleFunction<double[]> f, double[] x0) {
    return minimize(f, x0, 1e-4, 1e-4);
  }

  public static double[] minimize(ToDoubleFunction<double[]> f, double[] x0, double xtol, double ftol) {
    int n = x0.length;
    int maxIter = 200 * n;
    int maxEval = 200 * n;
    double[][] sim = new double[n + 1][];
    double[] fsim = new double[n + 1];
    sim[0] = x0.clone();
    for (int k = 0; k < n; k++) {
      double[] y = x0.clone();
      y[k] = y[k] != 0 ? (1 + 0.05) * y[k] : 0.00025;
      sim[k + 1] = y;
    }
    int evals = 0;
    for (int k = 0; k <= n; k++) {
      fsim[k] = f.applyAsDouble(sim[k]);
      evals++;
    }
    sort(sim, fsim);
    int iterations = 1;
    while (evals < maxEval && iterations < maxIter) {
      if (converged(sim, fsim, xtol, ftol)) {
        break;
      }
      double[] xbar = new double[n];
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < n; j++) {
          xbar[j] += sim[k][j];
        }
      }
      for (int j = 0; j < n; j++) {
        xbar[j] /= n;
      }
      double[] worst = sim[n];
      double[] xr = combine(2, xbar, -1, worst);
      double fxr = f.applyAsDouble(xr);
      evals++;
      boolean shrink = false;
      if (fxr < fsim[0]) {
        double[] xe = combine(3, xbar, -2, worst);
        double fxe = f.applyAsDouble(xe);
        evals++;
        if (fxe < fxr) {
          sim[n] = xe;
          fsim[n] = fxe;
        } else {
          sim[n] = xr;
          fsim[n] = fxr;
        }
      } else if (fxr < fsim[n - 1]) {
        sim[n] = xr;
        fsim[n] = fxr;
      } else if (fxr < fsim[n]) {
        double[] xc = combine(1.5, xbar, -0.5, worst);
        double fxc = f.applyAsDouble(xc);
        evals++;
        if (fxc <= fxr) {
          sim[n] = xc;
          fsim[n] = fxc;
        } else {
          shrink = true;
        }
      } else {
        double[] xcc = combine(0.5, xbar, 0.5, worst);
        double fxcc = f.applyAsDouble(xcc);
        evals++;
        if (fxcc < fsim[n]) {
          sim[n] = xcc;
          fsim[n] = fxcc;
        } else {
          shrink = true;
        }
      }
      if (shrink) {
        for (int k = 1; k <= n; k++) {
          double[] s = new double[n];
          for (int j = 0; j < n; j++) {
            s[j] = sim[0][j] + 0.5 * (sim[k][j] - sim[0][j]);
          }
          sim[k] = s;
          fsim[k] = f.applyAsDouble(s);
          evals++;
        }
      }
      iterations++;
      sort(sim, fsim);
    }
    return sim[0];
  }

  /** a·x + b·y, element by element, as numpy evaluates {@code (1 + rho) * xbar - rho * sim[-1]}. */
  private static double[] combine(double a, double[] x, double b, double[] y) {
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = a * x[j] + b * y[j];
    }
    return out;
  }

  private static boolean converged(double[][] sim, double[] fsim, double xtol, double ftol) {
    double dx = 0;
    double df = 0;
    for (int k = 1; k < sim.length; k++) {
      for (int j = 0; j < sim[0].length; j++) {
        dx = Math.max(dx, Math.abs(sim[k][j] - sim[0][j]));
      }
      df = Math.max(df, Math.abs(fsim[0] - fsim[k]));
    }
    return dx <= xtol && df <= ftol;
  }

  /** Orders the vertices by value, equal values keeping their order (numpy's argsort on so few). */
  private static void sort(double[][] sim, double[] fsim) {
    for (int i = 1; i < fsim.length; i++) {
      double fv = fsim[i];
      double[] v = sim[i];
      int j = i - 1;
      while (j >= 0 && fsim[j] > fv) {
        fsim[j + 1] = fsim[j];
        sim[j + 1] = sim[j];
        j--;
      }
      fsim[j + 1] = fv;
      sim[j + 1] = v;
    }
  }
}
