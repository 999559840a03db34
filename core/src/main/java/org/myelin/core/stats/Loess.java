package org.myelin.core.stats;

import java.util.Arrays;

/**
 * Local quadratic regression of one predictor as the netlib {@code dloess} code of Cleveland, Grosse
 * and Shyu (Cleveland &amp; Devlin, J Am Stat Assoc 1988; Cleveland, Grosse &amp; Shyu 1992) computes it
 * with its defaults, which is what {@code skmisc.loess} (and through it scanpy's seurat_v3 flavour)
 * runs: tricube weights over the {@code floor(n * span)} nearest points, the fit evaluated exactly at
 * the vertices of a k-d tree whose cells hold at most {@code floor(n * span * 0.2)} points, and
 * cubic Hermite interpolation of the vertex values and slopes in between ({@code surface =
 * "interpolate"}). Reproducing the tree, not only the local fits, is what makes the fitted values
 * agree with skmisc's to rounding: a direct fit at every point differs by up to a few per cent of the
 * local slope.
 */
public final class Loess {

  /** dloess's default {@code cell}: a k-d tree cell holds at most span * cell * n points. */
  public static final double CELL = 0.2;

  private Loess() {}

  /**
   * Fitted values at the data points.
   *
   * @param x predictor, finite
   * @param y response, finite
   * @param span fraction of the points in each local fit, in (0, 1]
   * @param degree local polynomial degree, 1 or 2
   * @throws IllegalArgumentException when the span leaves fewer points than coefficients
   */
  public static double[] fit(double[] x, double[] y, double span, int degree) {
    int n = x.length;
    if (y.length != n) {
      throw new IllegalArgumentException("LOESS: " + n + " x values but " + y.length + " y values");
    }
    if (!(span > 0 && span <= 1)) {
      throw new IllegalArgumentException("LOESS span must be in (0, 1], not " + span);
    }
    if (degree < 1 || degree > 2) {
      throw new IllegalArgumentException("LOESS degree must be 1 or 2, not " + degree);
    }
    int nf = Math.min(n, (int) Math.floor(n * span + 1e-5));
    int k = degree + 1;
    if (k > nf - 1) {
      throw new IllegalArgumentException("LOESS span " + span + " leaves " + nf + " of " + n
          + " points per local fit, fewer than the " + (k + 1) + " a degree-" + degree + " fit needs");
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("LOESS: value " + i + " is not finite");
      }
    }
    double[] s = x.clone();
    Arrays.sort(s);
    double[] vertices = vertices(s, (int) Math.floor(n * (span * CELL)), Math.max(200, n));
    double[] value = new double[vertices.length];
    double[] slope = new double[vertices.length];
    double[] coef = new double[3];
    for (int v = 0; v < vertices.length; v++) {
      localFit(x, y, s, vertices[v], nf, degree, coef);
      value[v] = coef[0];
      slope[v] = coef[1];
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = interpolate(x[i], vertices, value, slope);
    }
    return out;
  }

  /**
   * The sorted vertices of dloess's k-d tree (ehg126, ehg124) in one dimension: the bounding box
   * widened by 0.5%, cells split at the median point (moved off runs of ties, as the 2006 fix does)
   * until they hold at most {@code fc} points, cells visited in creation order so that the tree's
   * size limits bind where they bind in dloess.
   */
  static double[] vertices(double[] s, int fc, int nvmax) {
    int n = s.length;
    double alpha = s[0];
    double beta = s[n - 1];
    double mu = 0.005 * Math.max(beta - alpha, 1e-10 * Math.max(Math.abs(alpha), Math.abs(beta)) + 1e-30);
    int ncmax = nvmax;
    // Cells in creation order: 1-based point ranges [lo, hi] and bounding vertices.
    int[] lo = new int[ncmax + 2];
    int[] hi = new int[ncmax + 2];
    double[] left = new double[ncmax + 2];
    double[] right = new double[ncmax + 2];
    double[] vert = new double[nvmax + 1];
    int nv = 2;
    vert[0] = alpha - mu;
    vert[1] = beta + mu;
    int nc = 1;
    lo[1] = 1;
    hi[1] = n;
    left[1] = vert[0];
    right[1] = vert[1];
    for (int p = 1; p <= nc; p++) {
      int l = lo[p];
      int u = hi[p];
      boolean leaf = u - l + 1 <= fc || right[p] - left[p] <= 0 || ncmax < nc + 2 || nvmax < nv + 1;
      int m = 0;
      if (!leaf) {
        m = (l + u) / 2;
        int offset = 0;
        while (m + offset < u && m + offset >= l) {
          if (s[m + offset - 1] == s[m + offset]) {
            offset = -offset;
            if (offset >= 0) {
              offset++;
            }
          } else {
            m += offset;
            break;
          }
        }
        leaf = left[p] == s[m - 1] || right[p] == s[m - 1];
      }
      if (!leaf) {
        double t = s[m - 1];
        vert[nv++] = t;
        lo[nc + 1] = l;
        hi[nc + 1] = m;
        left[nc + 1] = left[p];
        right[nc + 1] = t;
        lo[nc + 2] = m + 1;
        hi[nc + 2] = u;
        left[nc + 2] = t;
        right[nc + 2] = right[p];
        nc += 2;
      }
    }
    double[] out = Arrays.copyOf(vert, nv);
    Arrays.sort(out);
    return out;
  }

  /**
   * The local fit at q (ehg127): tricube weights on the nf nearest points scaled by the nf-th
   * distance, weighted least squares on columns 1, (x - q), (x - q)^2 scaled to unit norm, solved
   * by Householder QR. Writes the value and first derivative at q to coef[0] and coef[1].
   */
  static void localFit(double[] x, double[] y, double[] sorted, double q, int nf, int degree, double[] coef) {
    int n = x.length;
    // The nf-th smallest squared distance, from a window grown outwards on the sorted values.
    int right = SortedArrays.lowerBound(sorted, q);
    int leftIdx = right - 1;
    double rho = 0;
    for (int t = 0; t < nf; t++) {
      double dl = leftIdx >= 0 ? (sorted[leftIdx] - q) * (sorted[leftIdx] - q) : Double.POSITIVE_INFINITY;
      double dr = right < n ? (sorted[right] - q) * (sorted[right] - q) : Double.POSITIVE_INFINITY;
      if (dl <= dr) {
        rho = dl;
        leftIdx--;
      } else {
        rho = dr;
        right++;
      }
    }
    if (!(rho > 0)) {
      throw new IllegalArgumentException("LOESS: zero-width neighbourhood at " + q + "; make the span bigger");
    }
    int k = degree + 1;
    // Points strictly inside the radius carry weight; those on it would get zero weight anyway.
    int rows = 0;
    for (int i = 0; i < n; i++) {
      double d = x[i] - q;
      if (d * d < rho) {
        rows++;
      }
    }
    double[][] b = new double[k][rows];
    double[] eta = new double[rows];
    int r = 0;
    for (int i = 0; i < n; i++) {
      double d = x[i] - q;
      double dist = d * d;
      if (dist < rho) {
        double u = Math.sqrt(dist / rho);
        double c = 1 - u * u * u;
        double w = Math.sqrt(c * c * c);
        b[0][r] = w;
        b[1][r] = w * d;
        if (k > 2) {
          b[2][r] = w * d * d;
        }
        eta[r] = w * y[i];
        r++;
      }
    }
    double[] colnorm = new double[k];
    for (int j = 0; j < k; j++) {
      double ss = 0;
      for (int i = 0; i < rows; i++) {
        ss += b[j][i] * b[j][i];
      }
      double norm = Math.sqrt(ss);
      colnorm[j] = norm > 0 ? norm : 1;
      if (norm > 0) {
        for (int i = 0; i < rows; i++) {
          b[j][i] /= norm;
        }
      }
    }
    double[] sol = HouseholderLeastSquares.solve(b, eta);
    coef[0] = sol[0] / colnorm[0];
    coef[1] = sol[1] / colnorm[1];
  }

  /** Cubic Hermite interpolation in the leaf cell holding z (ehg128); a point on a split goes left. */
  static double interpolate(double z, double[] vertices, double[] value, double[] slope) {
    int k = SortedArrays.lowerBound(vertices, z);
    k = Math.max(1, Math.min(vertices.length - 1, k));
    double v0 = vertices[k - 1];
    double v1 = vertices[k];
    double h = (z - v0) / (v1 - v0);
    double phi0 = (1 - h) * (1 - h) * (1 + 2 * h);
    double phi1 = h * h * (3 - 2 * h);
    double psi0 = h * (1 - h) * (1 - h);
    double psi1 = h * h * (h - 1);
    return phi0 * value[k - 1] + phi1 * value[k] + (psi0 * slope[k - 1] + psi1 * slope[k]) * (v1 - v0);
  }
}
