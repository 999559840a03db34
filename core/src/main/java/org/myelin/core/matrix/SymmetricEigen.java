package org.myelin.core.matrix;

import org.myelin.core.parallel.Parallel;

/**
 * The largest eigenpairs of a dense symmetric matrix by Lanczos iteration with full
 * reorthogonalisation (Golub and Van Loan, Matrix Computations, 4th ed., 10.1), the tridiagonal
 * matrix solved by implicit QL (Numerical Recipes, 2nd ed., 11.3). The Krylov space grows until the
 * wanted Ritz pairs converge, up to the whole space. Deterministic: the start vector is fixed.
 */
public final class SymmetricEigen {

  private SymmetricEigen() {}

  /**
   * The {@code k} largest eigenvalues (descending) and their eigenvectors (a p x k row-major array)
   * of the p x p row-major symmetric matrix {@code a}. The Krylov space grows until the top k Ritz
   * pairs have converged (residual below 1e-10 of the largest eigenvalue), up to the whole space;
   * matrix-vector products are split over fixed row ranges, so any thread count gives the same bits.
   */
  public static double[][] top(double[] a, int p, int k, Parallel parallel) {
    return top((v, out) -> multiply(a, p, v, out, parallel), p, k, 1e-10, parallel);
  }

  /** A symmetric linear operator, out = A v, deterministic for any thread count. */
  public interface Operator {
    void apply(double[] v, double[] out);
  }

  /**
   * As {@link #top(double[], int, int, Parallel)} for a matrix given only by its products (a sparse
   * graph's, say), converged when every wanted Ritz pair's residual is below {@code tolerance}
   * times the largest eigenvalue's magnitude.
   */
  public static double[][] top(Operator a, int p, int k, double tolerance, Parallel parallel) {
    return top(a, p, k, tolerance, CHECK_EVERY, parallel);
  }

  /**
   * As above, checking convergence every {@code checkEvery} steps once the space holds 2k + 20
   * vectors. Each step reorthogonalises against every vector before it, so a space that stops
   * growing as soon as it has converged saves the most costly steps; checking costs O(steps^2).
   */
  public static double[][] top(Operator a, int p, int k, double tolerance, int checkEvery, Parallel parallel) {
    if (checkEvery < 1) {
      throw new IllegalArgumentException("Invalid convergence check interval: " + checkEvery);
    }
    double[][] q = new double[p][];
    double[] alpha = new double[p];
    double[] beta = new double[p + 1]; // beta[i] couples q[i-1] and q[i]
    double[] v = new double[p];
    for (int j = 0; j < p; j++) {
      v[j] = 1 + 0.5 * Math.sin(1.0 + j * 0.7); // fixed, with no special direction
    }
    normalize(v);
    double norm = 0;
    int check = Math.min(p, 2 * k + 20);
    for (int i = 0; i < p; i++) {
      q[i] = v;
      double[] w = new double[p];
      a.apply(v, w);
      alpha[i] = dot(w, v);
      // Full reorthogonalisation, twice ("twice is enough": Parlett).
      reorthogonalize(w, q, i + 1, p, parallel);
      norm = Math.max(norm, Math.abs(alpha[i]));
      double b = Math.sqrt(dot(w, w));
      boolean breakdown = b <= 1e-12 * Math.max(norm, 1e-300);
      int steps = i + 1;
      if (steps == check || steps == p) {
        double[][] ritz = ritz(q, alpha, beta, steps, k, p, breakdown ? 0 : b, norm, tolerance, parallel);
        if (ritz != null) {
          return ritz;
        }
        check = Math.min(p, check + checkEvery);
      }
      if (breakdown) {
        // An invariant subspace: continue from a fresh direction orthogonal to the ones found.
        w = freshDirection(q, steps, p);
        if (w == null) {
          return ritz(q, alpha, beta, steps, k, p, 0, norm, tolerance, parallel);
        }
        normalize(w);
        beta[i + 1] = 0;
      } else {
        beta[i + 1] = b;
        for (int j = 0; j < p; j++) {
          w[j] /= b;
        }
      }
      v = w;
    }
    throw new IllegalStateException("Lanczos did not converge over the whole space");
  }

  /** Lanczos steps between convergence checks, once the space holds 2k + 20 vectors. */
  private static final int CHECK_EVERY = 20;

  /**
   * Classical Gram-Schmidt against the first {@code count} basis vectors, twice: the projections
   * are independent dot products and the update a fixed-order sum per element, so both split over
   * threads without changing a bit.
   */
  private static void reorthogonalize(double[] w, double[][] q, int count, int p, Parallel parallel) {
    double[] c = new double[count];
    int dotTasks = (count + 15) / 16;
    int updateTasks = (p + 255) / 256;
    for (int pass = 0; pass < 2; pass++) {
      parallel.forEach(dotTasks, t -> {
        for (int i = t * 16; i < Math.min(count, (t + 1) * 16); i++) {
          c[i] = DotProduct.dot(w, q[i]);
        }
      });
      parallel.forEach(updateTasks, t -> {
        int j0 = t * 256;
        int j1 = Math.min(p, j0 + 256);
        for (int i = 0; i < count; i++) {
          double ci = c[i];
          double[] qi = q[i];
          for (int j = j0; j < j1; j++) {
            w[j] -= ci * qi[j];
          }
        }
      });
    }
  }

  /**
   * Ritz pairs after {@code s} steps; null unless the top k have converged. Convergence needs only
   * the last component of each eigenvector of the tridiagonal matrix, so QL first tracks that one
   * row (O(s^2)); the full eigenvectors (O(s^3)) are found once, on the same eigenvalues.
   */
  private static double[][] ritz(double[][] q, double[] alpha, double[] beta, int s, int k, int p, double nextBeta,
      double norm, double tolerance, Parallel parallel) {
    double[] values0 = java.util.Arrays.copyOf(alpha, s);
    double[] last = new double[s];
    last[s - 1] = 1;
    tqli(values0, java.util.Arrays.copyOf(beta, s), s, last, 1);
    Integer[] order = new Integer[s];
    for (int i = 0; i < s; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(values0[y], values0[x]));
    int kk = Math.min(k, s);
    for (int c = 0; c < kk; c++) {
      double res = Math.abs(nextBeta * last[order[c]]);
      if (s < p && res > tolerance * Math.max(norm, 1e-300)) {
        return null;
      }
    }
    double[] d = java.util.Arrays.copyOf(alpha, s);
    double[] e = java.util.Arrays.copyOf(beta, s);
    double[] z = new double[s * s];
    for (int i = 0; i < s; i++) {
      z[i * s + i] = 1;
    }
    tqli(d, e, s, z, s);
    double[] values = new double[kk];
    double[] vectors = new double[p * kk];
    for (int c = 0; c < kk; c++) {
      values[c] = d[order[c]];
    }
    // Each entry sums over the basis in order. By fixed ranges of rows, whose k columns stay in the
    // first-level cache while the basis passes (by whole columns they were strided through memory).
    parallel.forEach((p + ROWS_PER_TASK - 1) / ROWS_PER_TASK, task -> {
      int j0 = task * ROWS_PER_TASK;
      int j1 = Math.min(p, j0 + ROWS_PER_TASK);
      for (int c = 0; c < kk; c++) {
        for (int t = 0; t < s; t++) {
          double zt = z[order[c] * s + t];
          if (zt != 0) {
            for (int j = j0; j < j1; j++) {
              vectors[j * kk + c] += zt * q[t][j];
            }
          }
        }
      }
    });
    return new double[][] {values, vectors};
  }

  private static double[] freshDirection(double[][] q, int count, int p) {
    for (int seed = 0; seed < p; seed++) {
      double[] w = new double[p];
      w[(seed * 7919) % p] = 1;
      for (int pass = 0; pass < 2; pass++) {
        for (int t = 0; t < count; t++) {
          double c = dot(w, q[t]);
          for (int j = 0; j < p; j++) {
            w[j] -= c * q[t][j];
          }
        }
      }
      if (Math.sqrt(dot(w, w)) > 1e-8) {
        return w;
      }
    }
    return null;
  }

  /** Rows per task of a matrix-vector product: fixed, so the split never depends on threads. */
  private static final int ROWS_PER_TASK = 64;

  private static void multiply(double[] a, int p, double[] v, double[] out, Parallel parallel) {
    int tasks = (p + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
    parallel.forEach(tasks, t -> {
      int end = Math.min(p, (t + 1) * ROWS_PER_TASK);
      for (int i = t * ROWS_PER_TASK; i < end; i++) {
        out[i] = DotProduct.dot(a, i * p, v, 0, p);
      }
    });
  }

  private static double dot(double[] x, double[] y) {
    return DotProduct.dot(x, y);
  }

  private static void normalize(double[] v) {
    double n = Math.sqrt(dot(v, v));
    for (int i = 0; i < v.length; i++) {
      v[i] /= n;
    }
  }

  /**
   * Eigen-decomposition of the symmetric tridiagonal matrix with diagonal d and off-diagonal e
   * (e[i] couples i-1 and i; e[0] unused) by implicit QL with Wilkinson shifts; d becomes the
   * eigenvalues, and z (n x n row-major, the identity on entry) their eigenvectors in its columns.
   */
  public static void tqli(double[] d, double[] e, int n, double[] z) {
    tqli(d, e, n, z, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double t = z[i * n + j];
        z[i * n + j] = z[j * n + i];
        z[j * n + i] = t;
      }
    }
  }

  /**
   * As {@link #tqli(double[], double[], int, double[])}, z holding only {@code rows} rows of the
   * identity (say its last one), which then become those rows of the eigenvector matrix; the
   * eigenvalues are the same bits whatever the rows tracked. z is stored by columns: entry (r, c) at
   * {@code z[c * rows + r]}, so that each rotation, which mixes two columns, runs along two
   * contiguous runs of memory rather than striding through every row (a third of the time of the
   * row-major layout at 640 x 640, the same bits).
   */
  static void tqli(double[] d, double[] e, int n, double[] z, int rows) {
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    if (n > 0) {
      e[n - 1] = 0;
    }
    for (int l = 0; l < n; l++) {
      int iter = 0;
      int m;
      do {
        for (m = l; m < n - 1; m++) {
          double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
          if (Math.abs(e[m]) <= 1e-15 * dd) {
            break;
          }
        }
        if (m != l) {
          if (iter++ == 100) {
            throw new IllegalStateException("tridiagonal QL did not converge");
          }
          double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
          double r = Math.hypot(g, 1.0);
          g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
          double s = 1;
          double c = 1;
          double p = 0;
          int i;
          for (i = m - 1; i >= l; i--) {
            double f = s * e[i];
            double b = c * e[i];
            r = Math.hypot(f, g);
            e[i + 1] = r;
            if (r == 0) {
              d[i + 1] -= p;
              e[m] = 0;
              break;
            }
            s = f / r;
            c = g / r;
            g = d[i + 1] - p;
            r = (d[i] - g) * s + 2.0 * c * b;
            p = s * r;
            d[i + 1] = g + p;
            g = c * r - b;
            int zi = i * rows;
            int zi1 = zi + rows;
            for (int kk = 0; kk < rows; kk++) {
              f = z[zi1 + kk];
              z[zi1 + kk] = s * z[zi + kk] + c * f;
              z[zi + kk] = c * z[zi + kk] - s * f;
            }
          }
          if (r == 0 && i >= l) {
            continue;
          }
          d[l] -= p;
          e[l] = g;
          e[m] = 0;
        }
      } while (m != l);
    }
  }
}
