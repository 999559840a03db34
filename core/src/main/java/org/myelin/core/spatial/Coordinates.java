package org.myelin.core.spatial;

import org.myelin.core.data.CellData;
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

  /** The finite positions of obsm[key], refusing data without them (naming the first bad cell). */
  public static Coordinates of(CellData data, String key) {
    DenseMatrix m = data.obsm().get(key);
    if (m == null) {
      throw new IllegalArgumentException("no obsm['" + key + "']: spatial statistics need coordinates (a Visium "
          + "folder, or --coords TABLE with a cell id and x, y)");
    }
    if (m.nCols() < 2) {
      throw new IllegalArgumentException("obsm['" + key + "'] has " + m.nCols() + " column(s); x and y are needed");
    }
    Coordinates pos = of(m);
    for (int i = 0; i < pos.x.length; i++) {
      if (!Double.isFinite(pos.x[i]) || !Double.isFinite(pos.y[i])) {
        throw new IllegalArgumentException("obsm['" + key + "'] of cell " + data.obs().index()[i]
            + " is not a finite position: " + pos.x[i] + ", " + pos.y[i]);
      }
    }
    return pos;
  }
}
