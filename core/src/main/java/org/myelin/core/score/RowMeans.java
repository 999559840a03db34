package org.myelin.core.score;

import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/**
 * Each cell's mean over several lists of genes, all lists in one pass over X (a gene's stored value
 * is added to every list that holds it), row blocks split over threads; unstored values count as
 * zeros. Sums are in double, in each row's stored order, so results do not depend on the threads.
 */
final class RowMeans {

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
    // Gene -> the lists holding it, as offsets into one array (CSR by gene).
    int[] start = new int[g + 1];
    for (int[] list : lists) {
      for (int j : list) {
        start[j + 1]++;
      }
    }
    for (int j = 0; j < g; j++) {
      start[j + 1] += start[j];
    }
    int[] member = new int[start[g]];
    int[] fill = start.clone();
    for (int l = 0; l < lists.length; l++) {
      for (int j : lists[l]) {
        member[fill[j]++] = l;
      }
    }
    double[][] out = new double[lists.length][x.nRows()];
    parallel.forEach(x.nBlocks(), b -> {
      CsrBlock block = x.block(b);
      int row0 = x.rowOffset(b);
      double[] sum = new double[lists.length];
      for (int r = 0; r < block.nRows(); r++) {
        java.util.Arrays.fill(sum, 0);
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          int j = block.index(e);
          int m0 = start[j];
          int m1 = start[j + 1];
          if (m0 == m1) {
            continue; // a gene in no list: its value is not read at all
          }
          double v = weight == null ? block.value(e) : block.value(e) * weight[j];
          for (int m = m0; m < m1; m++) {
            sum[member[m]] += v;
          }
        }
        for (int l = 0; l < lists.length; l++) {
          out[l][row0 + r] = lists[l].length == 0 ? Double.NaN : sum[l] / lists[l].length;
        }
      }
    });
    return out;
  }
}
