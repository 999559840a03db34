package org.myelin.core.matrix;

/**
 * One horizontal slice of a CSR matrix: rows {@code [0, nRows())} of the slice, all columns.
 *
 * <p>Kernels read a block only through this interface, so the encoding behind it (float32 values
 * with int32 indices today, a compact encoding of integer counts later) can change without
 * touching them. Offsets inside a block are ints: a block holds fewer than 2^31 entries, and a
 * {@link CsrMatrix} of many blocks can hold more.
 */
public interface CsrBlock {

  int nRows();

  int nCols();

  /** Stored entries in this block. */
  int nnz();

  /** Offset of row {@code r}'s first entry; {@code rowStart(nRows()) == nnz()}. */
  int rowStart(int r);

  /** Column of entry {@code k}. */
  int index(int k);

  /** Value of entry {@code k}. */
  double value(int k);

  /** True when values are held in double precision (obsp distances); false for float32. */
  boolean isDouble();

  /** Copies the column indices of entries {@code [from, from+len)} into {@code dst}. */
  default void copyIndices(int from, int[] dst, int dstPos, int len) {
    for (int i = 0; i < len; i++) {
      dst[dstPos + i] = index(from + i);
    }
  }

  /** Copies values of entries {@code [from, from+len)} into {@code dst} as float32. */
  default void copyValues(int from, float[] dst, int dstPos, int len) {
    for (int i = 0; i < len; i++) {
      dst[dstPos + i] = (float) value(from + i);
    }
  }

  /** Copies values of entries {@code [from, from+len)} into {@code dst} as float64. */
  default void copyValues(int from, double[] dst, int dstPos, int len) {
    for (int i = 0; i < len; i++) {
      dst[dstPos + i] = value(from + i);
    }
  }

  /** Bytes this block keeps on the heap for its arrays (offsets, indices, values). */
  long storageBytes();
}
