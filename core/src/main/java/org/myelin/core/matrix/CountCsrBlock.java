package org.myelin.core.matrix;

import java.util.Objects;

/**
 * A CSR block of raw counts in under half the space of {@link FloatCsrBlock}: 16-bit column indices
 * and 8-bit counts, about 3 bytes per stored entry instead of 8. Counts from 255 up are kept aside
 * (their positions and values, sorted), which on droplet data is a few entries in a thousand. Holds
 * whole numbers in matrices of at most 65,536 columns, which covers every gene panel; {@link #encode}
 * says when a block does not fit. Every value reads back exactly, so kernels see the same numbers
 * as from the float encoding.
 *
 * <p>{@link #beside} makes the other form: the counts of a float32 block in one byte each, sharing
 * that block's row offsets and column indices. Normalisation keeps the counts layer so, and then
 * writes X's values in place, instead of copying every value to a new float32 array.
 */
public final class CountCsrBlock implements CsrBlock {

  /** The most columns this encoding can hold. */
  public static final int MAX_COLUMNS = Character.MAX_VALUE + 1;

  /** The byte that says "look the count up aside": counts from this one up are kept there. */
  private static final int ASIDE = 0xFF;

  private final int nCols;
  private final int[] indptr;
  /** The 16-bit column indices, or null when the block shares {@link #wideIndices}. */
  private final char[] indices;
  /** Column indices shared with the float32 block the counts came from, or null. */
  private final int[] wideIndices;
  private final byte[] small;
  private final int[] bigAt;
  private final int[] bigCount;

  private CountCsrBlock(int nCols, int[] indptr, char[] indices, int[] wideIndices, Counts counts) {
    this.nCols = nCols;
    this.indptr = Objects.requireNonNull(indptr);
    this.indices = indices;
    this.wideIndices = wideIndices;
    this.small = counts.small;
    this.bigAt = counts.bigAt;
    this.bigCount = counts.bigCount;
  }

  /** Counts below {@link #ASIDE} in a byte each, the others aside by position. */
  private record Counts(byte[] small, int[] bigAt, int[] bigCount) {}

  /**
   * The counts of {@code block} in a byte each beside its own row offsets and column indices, or
   * null when a value is not a whole number in [0, 2^31). The block's arrays are shared, not copied.
   */
  public static CountCsrBlock beside(FloatCsrBlock block) {
    Counts counts = counts(block);
    return counts == null ? null : new CountCsrBlock(block.nCols(), block.indptr(), null, block.indices(), counts);
  }

  /** Whether this block holds the counts of {@code other} beside its very row offsets and indices. */
  public boolean sharesStructureWith(CsrBlock other) {
    return wideIndices != null && other instanceof AbstractCsrBlock a && a.indptr() == indptr
        && a.indices() == wideIndices;
  }

  /**
   * The block in this encoding, or null when it does not fit: more than {@link #MAX_COLUMNS}
   * columns, or a value that is not a whole number in [0, 2^31). The block is taken
   * as valid CSR (its own constructor checked it); the row offsets are shared when they are ints.
   */
  public static CountCsrBlock encode(CsrBlock block) {
    if (block.nCols() > MAX_COLUMNS) {
      return null;
    }
    Counts counts = counts(block);
    if (counts == null) {
      return null;
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
    char[] idx = new char[block.nnz()];
    for (int k = 0; k < idx.length; k++) {
      idx[k] = (char) block.index(k);
    }
    return new CountCsrBlock(block.nCols(), ptr, idx, null, counts);
  }

  /** The block's values as counts, or null when one is not a whole number in [0, 2^31). */
  private static Counts counts(CsrBlock block) {
    int nnz = block.nnz();
    byte[] small = new byte[nnz];
    int[] bigAt = new int[16];
    int[] bigCount = new int[16];
    int big = 0;
    float[] floats = block instanceof FloatCsrBlock f ? f.data() : null;
    for (int k = 0; k < nnz; k++) {
      double x = floats != null ? floats[k] : block.value(k);
      // One test for both bounds and wholeness: (int) x round-trips only for whole numbers below
      // 2^31 (and -0.0 is kept out, since its log1p has another sign bit).
      int c = (int) x;
      if (c != x || c < 0 || c == 0 && Double.doubleToRawLongBits(x) != 0) {
        return null;
      }
      if (c >= ASIDE) {
        if (big == bigAt.length) {
          bigAt = java.util.Arrays.copyOf(bigAt, 2 * big);
          bigCount = java.util.Arrays.copyOf(bigCount, 2 * big);
        }
        bigAt[big] = k;
        bigCount[big++] = c;
        c = ASIDE;
      }
      small[k] = (byte) c;
    }
    return new Counts(small, java.util.Arrays.copyOf(bigAt, big), java.util.Arrays.copyOf(bigCount, big));
  }

  /** The block in this encoding when it fits, else the block itself. */
  public static CsrBlock encodeIfFits(CsrBlock block) {
    CountCsrBlock c = encode(block);
    return c != null ? c : block;
  }

  /** The matrix with every block that fits held in this encoding, the others as they are. */
  public static CsrMatrix encode(CsrMatrix m) {
    if (m.isDouble()) {
      return m;
    }
    return CsrMatrix.ofBlocks(m.nCols(), false, m.blocks().stream().map(CountCsrBlock::encodeIfFits).toList());
  }

  /** The count of entry {@code k}. */
  public int count(int k) {
    int c = small[k] & 0xFF;
    return c != ASIDE ? c : bigCount[java.util.Arrays.binarySearch(bigAt, k)];
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
    return small.length;
  }

  @Override
  public int rowStart(int r) {
    return indptr[r];
  }

  @Override
  public int index(int k) {
    return indices != null ? indices[k] : wideIndices[k];
  }

  @Override
  public double value(int k) {
    return count(k);
  }

  @Override
  public boolean isDouble() {
    return false;
  }

  @Override
  public void copyIndices(int from, int[] dst, int dstPos, int len) {
    if (indices == null) {
      System.arraycopy(wideIndices, from, dst, dstPos, len);
      return;
    }
    for (int i = 0; i < len; i++) {
      dst[dstPos + i] = indices[from + i];
    }
  }

  @Override
  public void copyValues(int from, float[] dst, int dstPos, int len) {
    for (int i = 0; i < len; i++) {
      int c = small[from + i] & 0xFF;
      dst[dstPos + i] = c != ASIDE ? c : count(from + i);
    }
  }

  @Override
  public void copyValues(int from, double[] dst, int dstPos, int len) {
    for (int i = 0; i < len; i++) {
      int c = small[from + i] & 0xFF;
      dst[dstPos + i] = c != ASIDE ? c : count(from + i);
    }
  }

  @Override
  public long storageBytes() {
    long idx = indices != null ? 2L * indices.length : 4L * wideIndices.length;
    return 4L * indptr.length + idx + small.length + 8L * bigAt.length;
  }
}
