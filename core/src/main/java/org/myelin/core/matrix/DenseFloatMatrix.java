package org.myelin.core.matrix;

/** A dense row-major float32 matrix. */
public record DenseFloatMatrix(int nRows, int nCols, float[] data) implements DenseMatrix {

  public DenseFloatMatrix {
    DenseMatrix.checkShape(nRows, nCols, data.length);
  }

  @Override
  public double get(int row, int col) {
    return data[row * nCols + col];
  }

  @Override
  public boolean isDouble() {
    return false;
  }

  @Override
  public DenseFloatMatrix selectRows(int[] rows) {
    float[] out = new float[rows.length * nCols];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(data, rows[i] * nCols, out, i * nCols, nCols);
    }
    return new DenseFloatMatrix(rows.length, nCols, out);
  }
}
