package org.myelin.core.matrix;

/**
 * A dense row-major matrix, for embeddings and coordinates ({@code X_pca}, {@code spatial}).
 * Two encodings keep what was read: float32 for embeddings, float64 where precision matters.
 */
public sealed interface DenseMatrix permits DenseFloatMatrix, DenseDoubleMatrix {

  int nRows();

  int nCols();

  double get(int row, int col);

  boolean isDouble();

  /** The same matrix with its rows taken in the order given. */
  DenseMatrix selectRows(int[] rows);

  /** Checks that {@code nRows * nCols} equals the length of the backing array. */
  static void checkShape(int nRows, int nCols, int length) {
    if (nRows < 0 || nCols < 0 || (long) nRows * nCols != length) {
      throw new IllegalArgumentException(
          "shape (" + nRows + ", " + nCols + ") does not match " + length + " values");
    }
  }
}
