package org.myelin.core.pp;

import java.util.Arrays;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CountCsrBlock;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.FloatCsrBlock;
import org.myelin.core.parallel.Parallel;

/**
 * Library-size normalisation and log transform, as scanpy's {@code normalize_total} (each cell
 * scaled to {@code targetSum}, or to the median of the cells' totals; optionally leaving out genes
 * that take more than {@code maxFraction} of some cell's counts when sizing) and {@code log1p}
 * (natural log of 1 + x, or in another base). Both work block by block and in place; counts kept
 * go to {@code layers["counts"]} a byte each beside X's indices (a float32 copy when X does not hold
 * whole counts); sums in double.
 */
public final class Normalize {

  private Normalize() {}

  /**
   * Why X does not look like raw counts, or null when it does: {@code uns["log1p"]} present,
   * negative values (scaled data), or a value that is not a whole number (naming where).
   */
  public static String notCountsEvidence(CellData data) {
    return notCountsEvidence(data, null);
  }

  /**
   * As above, the blocks of float32 values checked in parallel (null: on this thread); the evidence
   * named is the first in X's order whatever the threads.
   */
  public static String notCountsEvidence(CellData data, Parallel parallel) {
    if (data.uns().containsKey("log1p")) {
      return "uns['log1p'] is present";
    }
    CsrMatrix x = data.x();
    boolean[] counts = new boolean[x.nBlocks()];
    java.util.function.IntConsumer check = b -> counts[b] = x.block(b) instanceof CountCsrBlock
        || x.block(b) instanceof FloatCsrBlock fb && org.myelin.core.matrix.WholeCounts.all(fb.data(), 0, fb.nnz());
    if (parallel == null) {
      for (int b = 0; b < counts.length; b++) {
        check.accept(b);
        if (!counts[b]) {
          break; // the first block that needs a closer look decides
        }
      }
    } else {
      parallel.forEach(counts.length, check::accept);
    }
    for (int b = 0; b < x.nBlocks(); b++) {
      CsrBlock block = x.block(b);
      if (counts[b]) {
        continue; // the common case, settled in a tight loop over the floats
      }
      for (int r = 0; r < block.nRows(); r++) {
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          double v = block.value(k);
          if (v < 0 || v != Math.rint(v)) {
            return String.format(java.util.Locale.ROOT, "X holds %s values (%.4g in cell %s, gene %s)",
                v < 0 ? "negative" : "non-integer", v, data.obs().index()[x.rowOffset(b) + r],
                data.var().index()[block.index(k)]);
          }
        }
      }
    }
    return null;
  }

  /**
   * Scales every cell of X to {@code targetSum} counts (NaN: the median total of non-empty cells),
   * after keeping X's counts in {@code layers["counts"]} when asked. Returns the target used.
   */
  public static double total(CellData data, double targetSum, boolean excludeHighlyExpressed, double maxFraction,
      boolean keepCounts, Parallel parallel) {
    return total(data, targetSum, excludeHighlyExpressed, maxFraction, keepCounts, null, parallel);
  }

  /** As above, with X's counts in bytes made already by {@link #countsBeside} (null: made here). */
  static double total(CellData data, double targetSum, boolean excludeHighlyExpressed, double maxFraction,
      boolean keepCounts, CsrMatrix counts, Parallel parallel) {
    return normalise(data, targetSum, excludeHighlyExpressed, maxFraction, keepCounts, counts, Double.NaN, parallel);
  }

  /**
   * {@link #total} and then {@link #log1p} in one pass over the values, with the same bits: each
   * value is scaled, then its log1p taken, where two passes would write it in between. Returns the
   * target used.
   */
  public static double totalThenLog1p(CellData data, double targetSum, boolean excludeHighlyExpressed,
      double maxFraction, boolean keepCounts, double base, Parallel parallel) {
    return totalThenLog1p(data, targetSum, excludeHighlyExpressed, maxFraction, keepCounts, base, null, parallel);
  }

  /** As above, with X's counts in bytes made already by {@link #countsBeside} (null: made here). */
  static double totalThenLog1p(CellData data, double targetSum, boolean excludeHighlyExpressed,
      double maxFraction, boolean keepCounts, double base, CsrMatrix counts, Parallel parallel) {
    if (!Double.isNaN(base) && !(base > 0 && base != 1)) {
      throw new IllegalArgumentException("Invalid log base: " + base);
    }
    return normalise(data, targetSum, excludeHighlyExpressed, maxFraction, keepCounts, counts,
        Double.isNaN(base) ? 1 : Math.log(base), parallel);
  }

  /** normalize_total, then log1p divided by logDiv unless it is NaN (no log). */
  private static double normalise(CellData data, double targetSum, boolean excludeHighlyExpressed, double maxFraction,
      boolean keepCounts, CsrMatrix made, double logDiv, Parallel parallel) {
    if (!Double.isNaN(targetSum) && !(targetSum > 0)) {
      throw new IllegalArgumentException("Invalid target_sum: " + targetSum + " (must be positive)");
    }
    if (!(maxFraction > 0 && maxFraction <= 1)) {
      throw new IllegalArgumentException("Invalid max_fraction: " + maxFraction + " (in (0, 1])");
    }
    CsrMatrix x = writable(data.x(), true);
    boolean[] excluded = new boolean[data.nVars()];
    if (excludeHighlyExpressed) {
      boolean[][] perBlock = new boolean[x.nBlocks()][];
      parallel.forEach(x.nBlocks(), b -> {
        CsrBlock block = x.block(b);
        boolean[] e = new boolean[data.nVars()];
        for (int r = 0; r < block.nRows(); r++) {
          double sum = 0;
          for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
            sum += block.value(k);
          }
          for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
            if (block.value(k) > maxFraction * sum) {
              e[block.index(k)] = true;
            }
          }
        }
        perBlock[b] = e;
      });
      for (boolean[] e : perBlock) {
        for (int j = 0; j < e.length; j++) {
          excluded[j] |= e[j];
        }
      }
    }
    CsrMatrix counts = !keepCounts ? null : made != null && x == data.x() ? made : countsBeside(x, parallel);
    double[] totals = excludeHighlyExpressed ? null : countTotals(counts != null ? counts : x, parallel);
    if (totals == null) {
      totals = totals(x, excluded, parallel);
    }
    double target = Double.isNaN(targetSum) ? medianOfPositive(totals) : targetSum;
    if (keepCounts) {
      data.putLayer("counts", counts != null ? counts : x);
    }
    data.setX(scale(x, totals, target, logDiv, keepCounts && counts == null, counts, parallel));
    return target;
  }

  /**
   * Each cell's total as its counts' blocks kept it when encoding; null when a block is not counts
   * or a total reaches 2^53, beyond which adding X's values in order may round where this does not.
   */
  private static double[] countTotals(CsrMatrix counts, Parallel parallel) {
    if (!counts.blocks().stream().allMatch(CountCsrBlock.class::isInstance)) {
      return null;
    }
    double[] totals = new double[counts.nRows()];
    parallel.forEach(counts.nBlocks(), b -> ((CountCsrBlock) counts.block(b)).rowTotals(totals, counts.rowOffset(b)));
    for (double t : totals) {
      if (t >= 0x1p53) {
        return null;
      }
    }
    return totals;
  }

  /**
   * A log-normalised float32 copy of counts, as {@code total} to {@code targetSum} (every gene
   * counted) and then {@code log1p} would leave X: for blocks streamed from a file.
   */
  public static CsrMatrix logNormalized(CsrMatrix counts, double targetSum, Parallel parallel) {
    if (!(targetSum > 0)) {
      throw new IllegalArgumentException("Invalid target_sum: " + targetSum + " (must be positive)");
    }
    CsrMatrix x = copy(counts);
    return scale(x, totals(x, new boolean[x.nCols()], parallel), targetSum, 1, false, null, parallel);
  }

  /** Each cell's total over the genes not excluded, summed in double. */
  private static double[] totals(CsrMatrix x, boolean[] excluded, Parallel parallel) {
    double[] totals = new double[x.nRows()];
    parallel.forEach(x.nBlocks(), b -> {
      CsrBlock block = x.block(b);
      for (int r = 0; r < block.nRows(); r++) {
        double sum = 0;
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          if (!excluded[block.index(k)]) {
            sum += block.value(k);
          }
        }
        totals[x.rowOffset(b) + r] = sum;
      }
    });
    return totals;
  }

  /**
   * X scaled to the target (and log1p'd when logDiv is not NaN): into new value arrays beside the
   * same indices when {@code copy}, else in place. scanpy's arithmetic on float32 X, step by step:
   * size factor (float32) total / target, its float32 reciprocal, then one float32 product per value.
   * Equal products stay equal, so the ties that rank tests count are scanpy's ties. Blocks of compact
   * counts are neither copied nor changed: X gets a {@link NormalizedCountsBlock} that makes the same
   * values from them when read.
   */
  private static CsrMatrix scale(CsrMatrix x, double[] totals, double target, double logDiv, boolean copy,
      CsrMatrix counts, Parallel parallel) {
    float after = (float) target;
    CsrBlock[] out = new CsrBlock[x.nBlocks()];
    NormalizedCountsBlock.ValueCache cache = NormalizedCountsBlock.ValueCache.forHeap(Runtime.getRuntime().maxMemory());
    parallel.forEach(x.nBlocks(), b -> {
      float[] scales = new float[x.block(b).nRows()];
      for (int r = 0; r < scales.length; r++) {
        scales[r] = rowScale(totals[x.rowOffset(b) + r], after);
      }
      if (x.block(b) instanceof CountCsrBlock compact) {
        out[b] = new NormalizedCountsBlock(compact, scales, logDiv, cache);
        return;
      }
      FloatCsrBlock block = (FloatCsrBlock) x.block(b);
      float[] v = block.data();
      float[] w = copy ? new float[v.length] : v;
      Log1p log = Double.isNaN(logDiv) ? null : new Log1p(logDiv);
      if (counts != null) {
        // The counts beside X say which values of a row are equal: each is made once, from the
        // count (the same float as X's value), and X's floats are written without being read.
        ((CountCsrBlock) counts.block(b)).mapCounts(w, normalisedCount(scales, log));
        out[b] = block;
        return;
      }
      for (int r = 0; r < block.nRows(); r++) {
        float scale = scales[r];
        int end = block.rowStart(r + 1);
        if (log == null) {
          for (int k = block.rowStart(r); k < end; k++) {
            w[k] = v[k] * scale;
          }
        } else {
          for (int k = block.rowStart(r); k < end; k++) {
            w[k] = log.apply(v[k] * scale);
          }
        }
      }
      out[b] = copy ? block.withData(w) : block;
    });
    return CsrMatrix.ofBlocks(x.nCols(), false, Arrays.asList(out));
  }

  /**
   * The counts of X in a byte each beside X's own indices, when every block holds float32 whole
   * counts, else null. X's values can then be normalised in place: a quarter of the memory a float32
   * copy would take, and no fresh pages for the kernel to hand out.
   */
  static CsrMatrix countsBeside(CsrMatrix x, Parallel parallel) {
    CsrBlock[] out = new CsrBlock[x.nBlocks()];
    parallel.forEach(x.nBlocks(), b -> out[b] = x.block(b) instanceof FloatCsrBlock f ? CountCsrBlock.beside(f) : null);
    for (CsrBlock b : out) {
      if (b == null) {
        return null;
      }
    }
    return CsrMatrix.ofBlocks(x.nCols(), false, Arrays.asList(out));
  }

  /**
   * A count of row r made into its value as the stored path makes it: the count times the row's
   * float32 factor, then log1p when {@code log} is not null.
   */
  static CountCsrBlock.RowCountFunction normalisedCount(float[] scales, Log1p log) {
    return (r, c) -> log == null ? c * scales[r] : log.compute(c * scales[r]);
  }

  /** A cell's float32 factor: 1 / (total / target), and 1 for an empty cell, as scanpy leaves those. */
  private static float rowScale(double total, float target) {
    float factor = total > 0 ? (float) total / target : 1f;
    return 1f / factor;
  }

  /** Replaces every value v of X by log(1 + v), divided by log(base) unless base is NaN (natural log). */
  public static void log1p(CellData data, double base, Parallel parallel) {
    if (!Double.isNaN(base) && !(base > 0 && base != 1)) {
      throw new IllegalArgumentException("Invalid log base: " + base);
    }
    CsrMatrix x = writable(data.x(), false);
    data.setX(x);
    logInPlace(x, Double.isNaN(base) ? 1 : Math.log(base), parallel);
  }

  /**
   * log1p of every value, as {@code (float) (Math.log1p(v) / div)}: the same function, the same bits,
   * through a {@link FloatMemo} per block (normalised counts repeat, so log1p runs for about one
   * value in twenty on droplet data).
   */
  static void logInPlace(CsrMatrix x, double div, Parallel parallel) {
    parallel.forEach(x.nBlocks(), b -> {
      float[] v = ((FloatCsrBlock) x.block(b)).data();
      Log1p log = new Log1p(div);
      for (int k = 0; k < v.length; k++) {
        v[k] = log.apply(v[k]);
      }
    });
  }

  /** {@code (float) (Math.log1p(f) / div)}, kept by the argument's bits. */
  static final class Log1p extends FloatMemo {
    private final double div;

    Log1p(double div) {
      this.div = div;
    }

    @Override
    float compute(float f) {
      return (float) (Math.log1p(f) / div);
    }
  }

  private static double medianOfPositive(double[] totals) {
    double[] p = Arrays.stream(totals).filter(t -> t > 0).sorted().toArray();
    if (p.length == 0) {
      throw new IllegalArgumentException("every cell has zero counts: no median to normalise to");
    }
    int m = p.length / 2;
    // numpy's median of float32 totals: the mean of the middle two in float32.
    return p.length % 2 == 1 ? p[m] : (float) ((float) (p[m - 1] + p[m]) / 2f);
  }

  /**
   * X itself when its blocks hold float32 values to write through (or compact counts, which
   * normalisation reads rather than writes, when {@code countsToo}), else a float32 copy.
   */
  private static CsrMatrix writable(CsrMatrix x, boolean countsToo) {
    for (CsrBlock b : x.blocks()) {
      if (!(b instanceof FloatCsrBlock) && !(countsToo && b instanceof CountCsrBlock)) {
        return copy(x);
      }
    }
    return x;
  }

  /** A float32 copy of the matrix, block for block. */
  static CsrMatrix copy(CsrMatrix x) {
    FloatCsrBlock[] blocks = new FloatCsrBlock[x.nBlocks()];
    for (int b = 0; b < blocks.length; b++) {
      CsrBlock block = x.block(b);
      int[] ptr = new int[block.nRows() + 1];
      for (int r = 0; r <= block.nRows(); r++) {
        ptr[r] = block.rowStart(r);
      }
      int[] idx = new int[block.nnz()];
      float[] val = new float[block.nnz()];
      block.copyIndices(0, idx, 0, idx.length);
      block.copyValues(0, val, 0, val.length);
      blocks[b] = new FloatCsrBlock(x.nCols(), ptr, idx, val);
    }
    return CsrMatrix.ofBlocks(x.nCols(), false, Arrays.asList(blocks));
  }
}
