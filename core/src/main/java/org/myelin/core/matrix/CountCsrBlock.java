package org.myelin.core.matrix;

import java.util.Objects;

/**
 * A CSR block of raw counts in half the space of {@link FloatCsrBlock}: 16-bit column indices and
 * 16-bit counts, 4 bytes per stored entry instead of 8. Holds whole numbers from 0 to 65,535 in
 * matrices of at most 65,536 columns, which covers droplet and in-situ counts of every gene panel;
 * {@link #encode} says when a block does not fit. Every value reads back exactly (a count below
 * 2^16 is exact in float32), so kernels see the same numbers as from the float encoding.
 */
public final class CountCsrBlock implements CsrBlock {

  /** The largest count, and the most columns, this encoding can hold. */
  public static final int MAX_COUNT = Character.MAX_VALUE;

  public static final int MAX_COLUMNS = Character.MAX_VALUE + 1;

  private final int nCols;
  private final int[] indptr;
  private final char[] indices;
  private final char[] counts;

  private CountCsrBlock(int nCols, int[] indptr, char[] indices, char[] counts) {
    this.nCols = nCols;
    this.indptr = Objects.requireNonNull(indptr);
    this.indices = indices;
    this.counts = counts;
  }

  /**
   * The block in this encoding, or null when it does not fit: more than {@link #MAX_COLUMNS}
   * columns, or a value that is not a whole number in [0, {@link #MAX_COUNT}]. The block is taken
   * as valid CSR (its own constructor checked it); the row offsets are shared when they are ints.
   */
  public static CountCsrBlock encode(CsrBlock block) {
    if (block.nCols() > MAX_COLUMNS) {
      return null;
    }
    int nnz = block.nnz();
    char[] counts = new char[nnz];
    float[] floats = block instanceof FloatCsrBlock f ? f.data() : null;
    for (int k = 0; k < nnz; k++) {
      double x = floats != null ? floats[k] : block.value(k);
      // One test for both bounds and wholeness: (int) x round-trips only for whole numbers (and
      // -0.0, kept out since its log1p has another sign bit).
      int c = (int) x;
      if (c != x || c < 0 || c > MAX_COUNT || c == 0 && Double.doubleToRawLongBits(x) != 0) {
        return null;
      }
      counts[k] = (char) c;
    }
    int[] ptr;
    if (block instanceof AbstractCsrBlock a) {
      ptr = a.indptr();
    } else {
      ptr = new int[block.nRows() + 1];
      for (int r = 0; r <= block.nRows(); r++) {
        ptr[r] = block.rowStart(r);
      }
    }
    char[] idx = new char[nnz];
    for (int k = 0; k < nnz; k++) {
      idx[k] = (char) block.index(k);
    }
    return new CountCsrBlock(block.nCols(), ptr, idx, counts);
  }

  /** The matrix with every block that fits held in this encoding, the others as they are. */
  public static CsrMatrix encode(CsrMatrix m) {
    if (m.isDouble()) {
      return m;
    }
    return CsrMatrix.ofBlocks(m.nCols(), false, m.blocks().stream().map(b -> {
      CountCsrBlock c = encode(b);
      return c != null ? (CsrBlock) c : b;
    }).toList());
  }

  /** The count of entry {@code k}, as an int. */
  public int count(int k) {
    return counts[k];
  }

  @Override
  public int nRows() {
    return indptr.length - 1;
  }

  @Override
  public int nCols() {
    return nCols;
  }

  @Override
  public int nnz() {
    return counts.length;
  }

  @Override
  public int rowStart(int r) {
    return indptr[r];
  }

  @Override
  public int index(int k) {
    return indices[k];
  }

  @Override
  public double value(int k) {
    return counts[k];
  }

  @Override
  public boolean isDouble() {
    return false;
  }

  @Override
  public void copyIndices(int from, int[] dst, int dstPos, int len) {
    for (int i = 0; i < len; i++) {
      dst[dstPos + i] = indices[from + i];
    }
  }

  @Override
  public void copyValues(int from, float[] dst, int dstPos, int len) {
    for (int i = 0; i < len; i++) {
      dst[dstPos + i] = counts[from + i];
    }
  }

  @Override
  public void copyValues(int from, double[] dst, int dstPos, int len) {
    for (int i = 0; i < len; i++) {
      dst[dstPos + i] = counts[from + i];
    }
  }

  @Override
  public long storageBytes() {
    return 4L * indptr.length + 2L * indices.length + 2L * counts.length;
  }
}
