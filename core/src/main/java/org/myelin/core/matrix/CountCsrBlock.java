package org.myelin.core.matrix;

import java.util.Arrays;
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
  /** Each row's exact total, summed while encoding. */
  private final long[] rowTotals;
  private final int[] bigAt;
  private final int[] bigCount;

  private CountCsrBlock(int nCols, int[] indptr, char[] indices, int[] wideIndices, Counts counts) {
    this.nCols = nCols;
    this.indptr = Objects.requireNonNull(indptr);
    this.indices = indices;
    this.wideIndices = wideIndices;
    this.small = counts.small;
    this.rowTotals = counts.rowTotals;
    this.bigAt = counts.bigAt;
    this.bigCount = counts.bigCount;
  }

  /** Counts below {@link #ASIDE} in a byte each, the others aside by position. */
  private record Counts(byte[] small, long[] rowTotals, int[] bigAt, int[] bigCount) {}

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
      if (floats != null) {
        k = smallRun(floats, k, nnz, small);
        if (k == nnz) {
          break;
        }
      }
      double x = floats != null ? floats[k] : block.value(k);
      // One test for both bounds and wholeness: (int) x round-trips only for whole numbers below
      // 2^31 (and -0.0 is kept out, since its log1p has another sign bit).
      int c = (int) x;
      if (c != x || c < 0 || c == 0 && Double.doubleToRawLongBits(x) != 0) {
        return null;
      }
      if (c >= ASIDE) {
        if (big == bigAt.length) {
          bigAt = Arrays.copyOf(bigAt, 2 * big);
          bigCount = Arrays.copyOf(bigCount, 2 * big);
        }
        bigAt[big] = k;
        bigCount[big++] = c;
        c = ASIDE;
      }
      small[k] = (byte) c;
    }
    bigAt = Arrays.copyOf(bigAt, big);
    bigCount = Arrays.copyOf(bigCount, big);
    return new Counts(small, sumRows(block, small, bigAt, bigCount), bigAt, bigCount);
  }

  /**
   * Writes the float32 counts below ASIDE into their bytes from {@code from} on, and returns the
   * first position of one that is not such a count (or {@code to}): the common case in a loop of its
   * own, in float32, with one test that the compiler keeps out of the way.
   */
  private static int smallRun(float[] v, int from, int to, byte[] small) {
    for (int k = from; k < to; k++) {
      float x = v[k];
      int c = (int) x;
      if (c != x || c < 0 || c >= ASIDE || Float.floatToRawIntBits(x) == 0x80000000) {
        return k;
      }
      small[k] = (byte) c;
    }
    return to;
  }

  /** The sum of bytes as unsigned, fewer than 2^23 of them so that an int holds it. */
  private static int byteSum(byte[] small, int from, int to) {
    int sum = 0;
    for (int k = from; k < to; k++) {
      sum += small[k] & 0xFF;
    }
    return sum;
  }

  /**
   * Each row's total, from the bytes just written (still in cache, a quarter of the floats' size):
   * an int per row, which the compiler adds in vector lanes, and the counts aside added after.
   */
  private static long[] sumRows(CsrBlock block, byte[] small, int[] bigAt, int[] bigCount) {
    long[] totals = new long[block.nRows()];
    int big = 0;
    for (int r = 0; r < totals.length; r++) {
      int start = block.rowStart(r);
      int end = block.rowStart(r + 1);
      long total = 0;
      for (int from = start; from < end; from += 1 << 23) {
        total += byteSum(small, from, Math.min(end, from + (1 << 23)));
      }
      for (; big < bigAt.length && bigAt[big] < end; big++) {
        total += bigCount[big] - ASIDE; // the byte added ASIDE in its place
      }
      totals[r] = total;
    }
    return totals;
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

  /**
   * Each row's total count, into {@code dst} from {@code dstPos}: the exact sum, so the same double
   * as adding the counts in any order while it stays below 2^53.
   */
  public void rowTotals(double[] dst, int dstPos) {
    for (int r = 0; r < rowTotals.length; r++) {
      dst[dstPos + r] = rowTotals[r];
    }
  }

  /** A value made from a row and one of its counts. */
  @FunctionalInterface
  public interface RowCountFunction {
    float apply(int row, int count);
  }

  /**
   * Writes {@code f(row, count)} for every entry into {@code dst} at the entry's position, calling
   * {@code f} once per distinct count of a row (a row of droplet counts holds a few dozen distinct
   * values among thousands of entries), so {@code f} must depend on nothing but its arguments.
   */
  public void mapCounts(float[] dst, RowCountFunction f) {
    float[] made = new float[ASIDE];
    int big = 0;
    for (int r = 0; r < nRows(); r++) {
      Arrays.fill(made, Float.NaN); // never a made value's own: f is then called again
      int end = indptr[r + 1];
      for (int k = indptr[r]; k < end; k++) {
        int c = small[k] & 0xFF;
        float v;
        if (c == ASIDE) {
          while (bigAt[big] != k) {
            big++;
          }
          v = f.apply(r, bigCount[big]);
        } else {
          v = made[c];
          if (v != v) {
            v = f.apply(r, c);
            made[c] = v;
          }
        }
        dst[k] = v;
      }
    }
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
    return 4L * indptr.length + idx + small.length + 8L * rowTotals.length + 8L * bigAt.length;
  }
}
