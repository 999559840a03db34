package org.myelin.core.score;

import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;

/**
 * Each gene's sum and sum of squares over the cells seen so far, added cell by cell in the data's
 * order (as R's rowMeans and a sequential numpy sum do), so a matrix in memory and the same matrix
 * streamed block by block give the same bits. Unstored values count as zeros.
 */
public final class GeneStats {

  private final double[] sum;
  private final double[] sumSq;
  private long cells;

  public GeneStats(int nGenes) {
    sum = new double[nGenes];
    sumSq = new double[nGenes];
  }

  public static GeneStats of(CsrMatrix x) {
    GeneStats s = new GeneStats(x.nCols());
    for (CsrBlock b : x.blocks()) {
      s.add(b);
    }
    return s;
  }

  /** Adds the cells of the next block. */
  public void add(CsrBlock block) {
    if (block.nCols() != sum.length) {
      throw new IllegalArgumentException("block has " + block.nCols() + " genes, not " + sum.length);
    }
    for (int e = 0; e < block.nnz(); e++) {
      double v = block.value(e);
      sum[block.index(e)] += v;
      sumSq[block.index(e)] += v * v;
    }
    cells += block.nRows();
  }

  public long cells() {
    return cells;
  }

  public double[] means() {
    double[] m = new double[sum.length];
    for (int j = 0; j < m.length; j++) {
      m[j] = sum[j] / cells;
    }
    return m;
  }

  /** Standard deviations with n - 1 in the denominator (0 for one cell). */
  public double[] sds() {
    double[] sd = new double[sum.length];
    for (int j = 0; j < sd.length; j++) {
      double mu = sum[j] / cells;
      double var = cells > 1 ? (sumSq[j] / cells - mu * mu) * cells / (cells - 1.0) : 0;
      sd[j] = var > 0 ? Math.sqrt(var) : 0;
    }
    return sd;
  }
}
