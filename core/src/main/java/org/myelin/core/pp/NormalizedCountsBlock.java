package org.myelin.core.pp;

import java.util.ArrayDeque;
import org.myelin.core.matrix.CountCsrBlock;
import org.myelin.core.matrix.CsrBlock;

/**
 * Normalised values of a block of compact counts, worked out when read instead of stored: X after
 * {@link Normalize} when the counts are held as {@link CountCsrBlock}s, so that X and its counts
 * together take the space of the counts alone (the way BPCells keeps transforms lazy). Each value is
 * {@code count * scale[row]} in float32, log1p'd when asked: the arithmetic of the stored path, so
 * the numbers are identical. A block's values are made whole the first time it is read and kept in a
 * {@link ValueCache} shared by the matrix's blocks, which lets go of the oldest past its budget:
 * kernels that pass over X block by block pay each block's logs once per pass.
 */
final class NormalizedCountsBlock implements CsrBlock {

  private final CountCsrBlock counts;
  private final float[] scale;
  private final double logDiv;
  private final ValueCache cache;
  private volatile float[] values;

  /**
   * @param scale per row, the float32 factor each count is multiplied by
   * @param logDiv log1p's divisor (1 for the natural log), or NaN for no log
   */
  NormalizedCountsBlock(CountCsrBlock counts, float[] scale, double logDiv, ValueCache cache) {
    if (scale.length != counts.nRows()) {
      throw new IllegalArgumentException(scale.length + " scale factors for " + counts.nRows() + " rows");
    }
    this.counts = counts;
    this.scale = scale;
    this.logDiv = logDiv;
    this.cache = cache;
  }

  /**
   * The block's values, made now unless they are kept. Made under the block's lock and admitted to
   * the cache after it, so no thread holds a block's lock while waiting for the cache's.
   */
  private float[] values() {
    float[] v = values;
    if (v != null) {
      return v;
    }
    synchronized (this) {
      v = values;
      if (v != null) {
        return v; // another thread made them while this one waited
      }
      v = make();
      values = v;
    }
    cache.admit(this, 4L * v.length);
    return v;
  }

  private float[] make() {
    float[] v = new float[counts.nnz()];
    Normalize.Log1p log = Double.isNaN(logDiv) ? null : new Normalize.Log1p(logDiv);
    counts.mapCounts(v, Normalize.normalisedCount(scale, log));
    return v;
  }

  /** Drops the values (they are made again when next read); returns the bytes let go. */
  private synchronized long forget() {
    float[] v = values;
    values = null;
    return v == null ? 0 : 4L * v.length;
  }

  @Override
  public int nRows() {
    return counts.nRows();
  }

  @Override
  public int nCols() {
    return counts.nCols();
  }

  @Override
  public int nnz() {
    return counts.nnz();
  }

  @Override
  public int rowStart(int r) {
    return counts.rowStart(r);
  }

  @Override
  public int index(int k) {
    return counts.index(k);
  }

  @Override
  public double value(int k) {
    return values()[k];
  }

  @Override
  public boolean isDouble() {
    return false;
  }

  @Override
  public void copyIndices(int from, int[] dst, int dstPos, int len) {
    counts.copyIndices(from, dst, dstPos, len);
  }

  @Override
  public void copyValues(int from, float[] dst, int dstPos, int len) {
    System.arraycopy(values(), from, dst, dstPos, len);
  }

  /** The row factors only: the values are made from the counts, which the counts layer holds anyway. */
  @Override
  public long storageBytes() {
    return 4L * scale.length;
  }

  /**
   * The made values of one matrix's blocks, oldest let go first once they pass the budget. A block
   * is admitted once per making and made again only after it was let go, so it is never held twice.
   */
  static final class ValueCache {
    private final long budget;
    private final ArrayDeque<NormalizedCountsBlock> made = new ArrayDeque<>();
    private long held;

    ValueCache(long budget) {
      this.budget = budget;
    }

    /** A budget of 1/32 of the heap, between 64 MiB and 512 MiB: a few blocks per thread. */
    static ValueCache forHeap(long maxHeap) {
      return new ValueCache(Math.clamp(maxHeap / 32, 64L << 20, 512L << 20));
    }

    synchronized void admit(NormalizedCountsBlock block, long bytes) {
      made.add(block);
      held += bytes;
      while (held > budget && made.size() > 1) {
        held -= made.poll().forget();
      }
    }
  }
}
