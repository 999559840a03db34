package org.myelin.core.stats;

/**
 * Least squares by Householder QR without pivoting (LINPACK's dqrdc and dqrsl, as dloess calls
 * them), for the few-column local fits: columns are given as arrays, a rank-deficient column (its
 * diagonal of R at most 100 machine epsilons of the largest) gets a zero coefficient, as dloess's
 * pseudo-inverse gives it.
 */
public final class HouseholderLeastSquares {

  private HouseholderLeastSquares() {}

  /** Minimises |sum_j cols[j] * c[j] - target|; both arguments are overwritten. */
  public static double[] solve(double[][] cols, double[] target) {
    int k = cols.length;
    int rows = target.length;
    double[] diag = new double[k];
    for (int j = 0; j < k && j < rows; j++) {
      double[] a = cols[j];
      double norm = 0;
      for (int i = j; i < rows; i++) {
        norm = Math.hypot(norm, a[i]);
      }
      if (norm == 0) {
        diag[j] = 0;
        continue;
      }
      if (a[j] < 0) {
        norm = -norm;
      }
      for (int i = j; i < rows; i++) {
        a[i] /= norm;
      }
      a[j] += 1;
      // Reflect the remaining columns and the target.
      for (int c = j + 1; c < k; c++) {
        reflect(a, cols[c], j, rows);
      }
      reflect(a, target, j, rows);
      diag[j] = -norm;
    }
    double max = 0;
    for (double d : diag) {
      max = Math.max(max, Math.abs(d));
    }
    double tol = max * 100 * Math.ulp(1.0);
    double[] c = new double[k];
    for (int j = Math.min(k, rows) - 1; j >= 0; j--) {
      if (Math.abs(diag[j]) <= tol) {
        c[j] = 0;
        continue;
      }
      double sum = target[j];
      for (int m = j + 1; m < k; m++) {
        sum -= cols[m][j] * c[m];
      }
      c[j] = sum / diag[j];
    }
    return c;
  }

  private static void reflect(double[] v, double[] x, int from, int rows) {
    double dot = 0;
    for (int i = from; i < rows; i++) {
      dot += v[i] * x[i];
    }
    double t = -dot / v[from];
    for (int i = from; i < rows; i++) {
      x[i] += t * v[i];
    }
  }
}
