package org.myelin.core.stats;

import java.util.Arrays;

/**
 * Robust locally weighted scatterplot smoothing (Cleveland, J Am Stat Assoc 1979) as R's
 * {@code lowess(x, y, f, iter = 3, delta = 0.01 * diff(range(x)))}: tricube weights over the
 * nearest {@code f n} points, linear interpolation between fits closer than delta, and bisquare
 * robustness weights from six median absolute residuals.
 */
public final class Lowess {

  private Lowess() {}

  /** Fitted values at x, which must be sorted ascending. */
  public static double[] fit(double[] x, double[] y, double f) {
    return fit(x, y, f, 3, 0.01 * (x[x.length - 1] - x[0]));
  }

  public static double[] fit(double[] x, double[] y, double f, int robustnessIterations, double delta) {
    int n = x.length;
    double[] ys = new double[n];
    if (n < 2) {
      System.arraycopy(y, 0, ys, 0, n);
      return ys;
    }
    int ns = Math.max(2, Math.min(n, (int) (f * n + 1e-7)));
    double[] rw = new double[n];
    double[] res = new double[n];
    double[] w = new double[n];
    for (int iter = 1; iter <= robustnessIterations + 1; iter++) {
      int nleft = 0;
      int nright = ns - 1;
      int last = -1;
      int i = 0;
      while (true) {
        if (nright < n - 1) {
          double d1 = x[i] - x[nleft];
          double d2 = x[nright + 1] - x[i];
          if (d1 > d2) {
            nleft++;
            nright++;
            continue;
          }
        }
        double fitted = local(x, y, n, x[i], nleft, nright, w, iter > 1, rw);
        ys[i] = Double.isNaN(fitted) ? y[i] : fitted;
        if (last < i - 1) {
          double denom = x[i] - x[last];
          for (int j = last + 1; j < i; j++) {
            double alpha = (x[j] - x[last]) / denom;
            ys[j] = alpha * ys[i] + (1 - alpha) * ys[last];
          }
        }
        last = i;
        double cut = x[last] + delta;
        for (i = last + 1; i < n; i++) {
          if (x[i] > cut) {
            break;
          }
          if (x[i] == x[last]) {
            ys[i] = ys[last];
            last = i;
          }
        }
        i = Math.max(last + 1, i - 1);
        if (last >= n - 1) {
          break;
        }
      }
      double scale = 0;
      for (int j = 0; j < n; j++) {
        res[j] = y[j] - ys[j];
        scale += Math.abs(res[j]);
      }
      scale /= n;
      if (iter > robustnessIterations) {
        break;
      }
      for (int j = 0; j < n; j++) {
        rw[j] = Math.abs(res[j]);
      }
      double[] sorted = rw.clone();
      Arrays.sort(sorted);
      int m1 = n / 2;
      double cmad = n % 2 == 0 ? 3 * (sorted[m1] + sorted[n - m1 - 1]) : 6 * sorted[m1];
      if (cmad < 1e-7 * scale) {
        break;
      }
      double c9 = 0.999 * cmad;
      double c1 = 0.001 * cmad;
      for (int j = 0; j < n; j++) {
        double r = Math.abs(res[j]);
        if (r <= c1) {
          rw[j] = 1;
        } else if (r <= c9) {
          double u = r / cmad;
          rw[j] = (1 - u * u) * (1 - u * u);
        } else {
          rw[j] = 0;
        }
      }
    }
    return ys;
  }

  /** The weighted local line at xs over [nleft, nright]; NaN when every weight is zero. */
  private static double local(
      double[] x, double[] y, int n, double xs, int nleft, int nright, double[] w, boolean useRw, double[] rw) {
    double range = x[n - 1] - x[0];
    double h = Math.max(xs - x[nleft], x[nright] - xs);
    double h9 = 0.999 * h;
    double h1 = 0.001 * h;
    double a = 0;
    int j = nleft;
    while (j < n) {
      w[j] = 0;
      double r = Math.abs(x[j] - xs);
      if (r <= h9) {
        if (r <= h1) {
          w[j] = 1;
        } else {
          double q = r / h;
          q = 1 - q * q * q;
          w[j] = q * q * q;
        }
        if (useRw) {
          w[j] *= rw[j];
        }
        a += w[j];
      } else if (x[j] > xs) {
        break;
      }
      j++;
    }
    int nrt = j - 1;
    if (a <= 0) {
      return Double.NaN;
    }
    for (j = nleft; j <= nrt; j++) {
      w[j] /= a;
    }
    if (h > 0) {
      a = 0;
      for (j = nleft; j <= nrt; j++) {
        a += w[j] * x[j];
      }
      double b = xs - a;
      double c = 0;
      for (j = nleft; j <= nrt; j++) {
        c += w[j] * (x[j] - a) * (x[j] - a);
      }
      if (Math.sqrt(c) > 0.001 * range) {
        b /= c;
        for (j = nleft; j <= nrt; j++) {
          w[j] *= b * (x[j] - a) + 1;
        }
      }
    }
    double ys = 0;
    for (j = nleft; j <= nrt; j++) {
      ys += w[j] * y[j];
    }
    return ys;
  }
}
