package org.myelin.core.pp;

/** Solves a small symmetric positive definite system A X = B for many right-hand sides (Cholesky, A = L L^T). */
final class Cholesky {

  private Cholesky() {}

  /**
   * @param a p x p, row-major, symmetric positive definite
   * @param b p x m, row-major: the right-hand sides as columns
   * @return X, p x m, row-major
   */
  static double[] solve(double[] a, int p, double[] b, int m) {
    double[] l = new double[p * p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * p + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * p + k] * l[j * p + k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalArgumentException("the covariates are collinear (the design matrix is singular)");
          }
          l[i * p + i] = Math.sqrt(s);
        } else {
          l[i * p + j] = s / l[j * p + j];
        }
      }
    }
    double[] x = b.clone();
    for (int col = 0; col < m; col++) {
      for (int i = 0; i < p; i++) {
        double s = x[i * m + col];
        for (int k = 0; k < i; k++) {
          s -= l[i * p + k] * x[k * m + col];
        }
        x[i * m + col] = s / l[i * p + i];
      }
      for (int i = p - 1; i >= 0; i--) {
        double s = x[i * m + col];
        for (int k = i + 1; k < p; k++) {
          s -= l[k * p + i] * x[k * m + col];
        }
        x[i * m + col] = s / l[i * p + i];
      }
    }
    return x;
  }
}
