package org.myelin.core.spatial;

import org.myelin.core.matrix.DenseMatrix;

/** Cell positions as the spatial code takes them: x and y as two arrays, from obsm's first two columns. */
public record Coordinates(double[] x, double[] y) {

  /** The first two columns of an n x 2 (or wider) matrix such as obsm["spatial"]. */
  public static Coordinates of(DenseMatrix m) {
    if (m.nCols() < 2) {
      throw new IllegalArgumentException("coordinates need 2 columns, not " + m.nCols());
    }
    int n = m.nRows();
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = m.get(i, 0);
      y[i] = m.get(i, 1);
    }
    return new Coordinates(x, y);
  }
}
