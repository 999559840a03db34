package org.myelin.core.score;

import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;

/**
 * The plain scores for bulk-like or panel data: each cell's mean over a set's genes ({@code mean}),
 * and the mean of the genes after z-scoring each over all cells ({@code zmean}; unbiased standard
 * deviation, a constant gene counting as 0).
 */
public final class SetMean {

  private SetMean() {}

  public static double[] mean(CsrMatrix x, int[] genes) {
    return RowMeans.of(x, genes);
  }

  public static double[] zmean(CsrMatrix x, int[] genes) {
    int n = x.nRows();
    int g = x.nCols();
    double[] sum = new double[g];
    double[] sq = new double[g];
    for (CsrBlock block : x.blocks()) {
      for (int e = 0; e < block.nnz(); e++) {
        double v = block.value(e);
        sum[block.index(e)] += v;
        sq[block.index(e)] += v * v;
      }
    }
    boolean[] in = new boolean[g];
    for (int j : genes) {
      in[j] = true;
    }
    double[] mu = new double[g];
    double[] inv = new double[g];
    double offset = 0;
    for (int j : genes) {
      mu[j] = sum[j] / n;
      double var = n > 1 ? (sq[j] / n - mu[j] * mu[j]) * n / (n - 1.0) : 0;
      inv[j] = var > 0 ? 1 / Math.sqrt(var) : 0;
      offset += mu[j] * inv[j];
    }
    // Sum over the set of (x - mu) / sd = sum of x / sd over stored values - sum of mu / sd.
    double[] out = new double[n];
    for (int b = 0; b < x.nBlocks(); b++) {
      CsrBlock block = x.block(b);
      int row0 = x.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        double s = 0;
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          int j = block.index(e);
          if (in[j]) {
            s += block.value(e) * inv[j];
          }
        }
        out[row0 + r] = genes.length == 0 ? Double.NaN : (s - offset) / genes.length;
      }
    }
    return out;
  }
}
