package org.myelin.core.score;

import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;

/** Each cell's mean over a list of genes, unstored values counted as zeros. */
final class RowMeans {

  private RowMeans() {}

  static double[] of(CsrMatrix x, int[] genes) {
    int[] slot = new int[x.nCols()];
    java.util.Arrays.fill(slot, -1);
    for (int t = 0; t < genes.length; t++) {
      slot[genes[t]] = t;
    }
    double[] out = new double[x.nRows()];
    for (int b = 0; b < x.nBlocks(); b++) {
      CsrBlock block = x.block(b);
      int row0 = x.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        double s = 0;
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          if (slot[block.index(e)] >= 0) {
            s += block.value(e);
          }
        }
        out[row0 + r] = genes.length == 0 ? Double.NaN : s / genes.length;
      }
    }
    return out;
  }
}
