package org.myelin.core.score;

import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/**
 * Each cell's mean over several lists of genes, all lists in one pass over X (a gene's stored value
 * is added to every list that holds it), row blocks split over threads; unstored values count as
 * zeros. Sums are in double, each list's in its row's stored order, so results do not depend on the
 * threads.
 */
final class RowMeans {

  /** Lists a gene adds to without a branch. */
  private static final int SLOTS = 2;
  /** Sums that take the values of genes in fewer than {@link #SLOTS} lists, and are dropped. */
  private static final int SPARE = 8;

  private RowMeans() {}

  static double[] of(CsrMatrix x, int[] genes) {
    return of(x, new int[][] {genes}, null, new Parallel(1))[0];
  }

  /**
   * @param weight a weight per gene multiplying its values (null: 1)
   * @return means[list][cell]; NaN for an empty list
   */
  static double[][] of(CsrMatrix x, int[][] lists, double[] weight, Parallel parallel) {
    int g = x.nCols();
    int nl = lists.length;
    // Each gene's first two lists are slots read without a branch; a gene in fewer lists fills the
    // rest with spare sums that are never read. Whether a stored value belongs to any list is
    // unpredictable (two thirds of the values of a 37-set library with its controls belong to none),
    // and a branch per value cost more than the adding. Lists past the second go through a loop.
    int[] slot = new int[SLOTS * g];
    for (int j = 0; j < g; j++) {
      for (int s = 0; s < SLOTS; s++) {
        slot[SLOTS * j + s] = nl + (j + s) % SPARE; // spread, so the spare sums make no chain of adds
      }
    }
    int[] held = new int[g];
    int[] moreStart = new int[g + 1];
    for (int[] list : lists) {
      for (int j : list) {
        if (held[j]++ >= SLOTS) {
          moreStart[j + 1]++;
        }
      }
    }
    for (int j = 0; j < g; j++) {
      moreStart[j + 1] += moreStart[j];
    }
    int[] more = new int[moreStart[g]];
    int[] fill = java.util.Arrays.copyOf(moreStart, g);
    java.util.Arrays.fill(held, 0);
    for (int l = 0; l < nl; l++) {
      for (int j : lists[l]) {
        if (held[j] < SLOTS) {
          slot[SLOTS * j + held[j]++] = l;
        } else {
          more[fill[j]++] = l;
        }
      }
    }
    double[][] out = new double[nl][x.nRows()];
    parallel.forEach(x.nBlocks(), b -> {
      CsrBlock block = x.block(b);
      int row0 = x.rowOffset(b);
      double[] sum = new double[nl + SPARE];
      for (int r = 0; r < block.nRows(); r++) {
        java.util.Arrays.fill(sum, 0);
        int end = block.rowStart(r + 1);
        for (int e = block.rowStart(r); e < end; e++) {
          int j = block.index(e);
          double v = weight == null ? block.value(e) : block.value(e) * weight[j];
          sum[slot[SLOTS * j]] += v;
          sum[slot[SLOTS * j + 1]] += v;
          int m1 = moreStart[j + 1];
          for (int m = moreStart[j]; m < m1; m++) {
            sum[more[m]] += v;
          }
        }
        for (int l = 0; l < nl; l++) {
          out[l][row0 + r] = lists[l].length == 0 ? Double.NaN : sum[l] / lists[l].length;
        }
      }
    });
    return out;
  }
}
