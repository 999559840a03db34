package org.myelin.core.matrix;

import java.util.Objects;

/** The int32 row offsets and column indices shared by the float and double CSR encodings. */
abstract sealed class AbstractCsrBlock implements CsrBlock permits FloatCsrBlock, DoubleCsrBlock {

  final int nCols;
  final int[] indptr;
  final int[] indices;

  AbstractCsrBlock(int nCols, int[] indptr, int[] indices, int valueCount) {
    this.nCols = nCols;
    this.indptr = Objects.requireNonNull(indptr, "indptr");
    this.indices = Objects.requireNonNull(indices, "indices");
    if (nCols < 0) {
      throw new IllegalArgumentException("Invalid number of columns: " + nCols);
    }
    if (indptr.length == 0) {
      throw new IllegalArgumentException("indptr must have at least one element");
    }
    if (indices.length != valueCount) {
      throw new IllegalArgumentException(
          "indices and data differ in length: " + indices.length + " vs " + valueCount);
    }
    validate();
  }

  /** The rows and columns of {@code shape}, shared: checked when it was made, so not again. */
  AbstractCsrBlock(AbstractCsrBlock shape, int valueCount) {
    if (shape.indices.length != valueCount) {
      throw new IllegalArgumentException(
          "indices and data differ in length: " + shape.indices.length + " vs " + valueCount);
    }
    this.nCols = shape.nCols;
    this.indptr = shape.indptr;
    this.indices = shape.indices;
  }

  /** Checks that offsets are non-decreasing, start at 0, end at nnz, and columns are in range. */
  private void validate() {
    if (indptr[0] != 0) {
      throw new IllegalArgumentException("indptr[0] must be 0 but is " + indptr[0]);
    }
    int nnz = indices.length;
    if (indptr[indptr.length - 1] != nnz) {
      throw new IllegalArgumentException(
          "indptr ends at " + indptr[indptr.length - 1] + " but there are " + nnz + " entries");
    }
    for (int r = 1; r < indptr.length; r++) {
      if (indptr[r] < indptr[r - 1]) {
        throw new IllegalArgumentException(
            "indptr decreases at row " + (r - 1) + ": " + indptr[r - 1] + " > " + indptr[r]);
      }
    }
    for (int k = 0; k < nnz; k++) {
      int c = indices[k];
      if (c < 0 || c >= nCols) {
        throw new IllegalArgumentException(
            "column index " + c + " at entry " + k + " is outside [0, " + nCols + ")");
      }
    }
  }

  @Override
  public final int nRows() {
    return indptr.length - 1;
  }

  @Override
  public final int nCols() {
    return nCols;
  }

  @Override
  public final int nnz() {
    return indices.length;
  }

  @Override
  public final int rowStart(int r) {
    return indptr[r];
  }

  @Override
  public final int index(int k) {
    return indices[k];
  }

  @Override
  public final void copyIndices(int from, int[] dst, int dstPos, int len) {
    System.arraycopy(indices, from, dst, dstPos, len);
  }

  /** The raw row offsets; callers must not modify them. */
  public final int[] indptr() {
    return indptr;
  }

  /** The raw column indices; callers must not modify them. */
  public final int[] indices() {
    return indices;
  }
}
