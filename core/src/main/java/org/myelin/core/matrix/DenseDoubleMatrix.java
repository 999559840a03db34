package org.myelin.core.matrix;

/** A dense row-major float64 matrix. */
public record DenseDoubleMatrix(int nRows, int nCols, double[] data) implements DenseMatrix {

  public DenseDoubleMatrix {
    DenseMatrix.checkShape(nRows, nCols, data.length);
  }

  @Override
  public double get(int row, int col) {
    return data[row * nCols + col];
  }

  @Override
  public boolean isDouble() {
    return true;
  }

  @Override
  public DenseDoubleMatrix selectRows(int[] rows) {
    double[] out = new double[rows.length * nCols];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(data, rows[i] * nCols, out, i * nCols, nCols);
    }
    return new DenseDoubleMatrix(rows.length, nCols, out);
  }
}
