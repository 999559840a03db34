package org.myelin.core.stats;

/**
 * Inverse and determinant of the few-by-few matrices of regression models (p coefficients), by LU
 * decomposition with partial pivoting, as LAPACK's dgetrf/dgetri that Armadillo and R call.
 */
public final class SmallMatrices {

  private SmallMatrices() {}

  /** The inverse of a square matrix; null when it is singular. */
  public static double[][] inverse(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int pivot = pivot(m, c, n);
      if (m[pivot][c] == 0) {
        return null;
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      double d = m[c][c];
      for (int j = 0; j < 2 * n; j++) {
        m[c][j] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != c && m[r][c] != 0) {
          double f = m[r][c];
          for (int j = 0; j < 2 * n; j++) {
            m[r][j] -= f * m[c][j];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], n, inv[i], 0, n);
    }
    return inv;
  }

  /** The determinant, from the LU factors' diagonal. */
  public static double determinant(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
    }
    double det = 1;
    for (int c = 0; c < n; c++) {
      int pivot = pivot(m, c, n);
      if (m[pivot][c] == 0) {
        return 0;
      }
      if (pivot != c) {
        double[] t = m[c];
        m[c] = m[pivot];
        m[pivot] = t;
        det = -det;
      }
      det *= m[c][c];
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int j = c; j < n; j++) {
          m[r][j] -= f * m[c][j];
        }
      }
    }
    return det;
  }

  /** The row at or below c with the largest entry in column c (partial pivoting). */
  private static int pivot(double[][] m, int c, int n) {
    int pivot = c;
    for (int r = c + 1; r < n; r++) {
      if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
        pivot = r;
      }
    }
    return pivot;
  }

  /** X' diag(w) X for X given by rows (n x p). */
  public static double[][] crossProduct(double[][] x, double[] w) {
    int p = x[0].length;
    double[][] b = new double[p][p];
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      double wi = w[i];
      for (int a = 0; a < p; a++) {
        double ra = row[a] * wi;
        for (int c = 0; c < p; c++) {
          b[a][c] += ra * row[c];
        }
      }
    }
    return b;
  }

  /** The rank of a matrix given by rows, by Householder QR with R's tolerance 1e-7. */
  public static int rank(double[][] x) {
    int n = x.length;
    int p = x[0].length;
    double[][] cols = new double[p][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        cols[j][i] = x[i][j];
      }
    }
    int rank = 0;
    double[] norms = new double[p];
    for (int j = 0; j < p; j++) {
      double s = 0;
      for (double v : cols[j]) {
        s += v * v;
      }
      norms[j] = Math.sqrt(s);
    }
    // Gram-Schmidt with re-orthogonalisation: a column whose remainder is below 1e-7 of its
    // norm is dependent on the earlier ones (R's qr() limited-pivoting tolerance).
    double[][] basis = new double[p][];
    for (int j = 0; j < p; j++) {
      double[] v = cols[j].clone();
      for (int pass = 0; pass < 2; pass++) {
        for (int b = 0; b < rank; b++) {
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += basis[b][i] * v[i];
          }
          for (int i = 0; i < n; i++) {
            v[i] -= dot * basis[b][i];
          }
        }
      }
      double s = 0;
      for (double e : v) {
        s += e * e;
      }
      double r = Math.sqrt(s);
      if (norms[j] > 0 && r > 1e-7 * norms[j]) {
        for (int i = 0; i < n; i++) {
          v[i] /= r;
        }
        basis[rank++] = v;
      }
    }
    return rank;
  }
}
