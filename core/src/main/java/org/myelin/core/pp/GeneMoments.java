package org.myelin.core.pp;

import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/**
 * Per group and gene: the sum, the sum of squares and the number of stored values, of X or of
 * expm1(X) in float32 (scanpy's seurat flavour) or of X clipped per group and gene (seurat_v3).
 * Partial sums per block are added in block order: the same bits for any thread count.
 */
record GeneMoments(double[][] sum, double[][] sumSq, int[][] count) {

  /** Sum and sum of squares of X per gene over all cells: {sum, sumSq}. */
  static double[][] of(CsrMatrix m, Parallel parallel) {
    GeneMoments one = of(m, new int[m.nRows()], 1, false, null, parallel);
    return new double[][] {one.sum[0], one.sumSq[0]};
  }

  static GeneMoments of(CsrMatrix m, int[] group, int nGroups, boolean expm1, double[][] clip, Parallel parallel) {
    int g = m.nCols();
    GeneMoments[] parts = new GeneMoments[m.nBlocks()];
    parallel.forEach(m.nBlocks(), b -> {
      double[][] s1 = new double[nGroups][g];
      double[][] s2 = new double[nGroups][g];
      int[][] c = new int[nGroups][g];
      CsrBlock block = m.block(b);
      int row0 = m.rowOffset(b);
      // Log-normalised counts repeat within a cell: expm1 through a memo, the same bits.
      FloatMemo exp = !expm1 ? null : new FloatMemo() {
        @Override
        float compute(float f) {
          return (float) Math.expm1(f);
        }
      };
      for (int r = 0; r < block.nRows(); r++) {
        int grp = group[row0 + r];
        double[] a = s1[grp];
        double[] q = s2[grp];
        int[] cnt = c[grp];
        double[] cap = clip == null ? null : clip[grp];
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          int j = block.index(k);
          double v = block.value(k);
          if (expm1) {
            v = exp.apply((float) v);
          } else if (cap != null && v > cap[j]) {
            v = cap[j];
          }
          a[j] += v;
          q[j] += v * v;
          cnt[j]++;
        }
      }
      parts[b] = new GeneMoments(s1, s2, c);
    });
    double[][] s1 = new double[nGroups][g];
    double[][] s2 = new double[nGroups][g];
    int[][] c = new int[nGroups][g];
    for (GeneMoments p : parts) {
      for (int grp = 0; grp < nGroups; grp++) {
        for (int j = 0; j < g; j++) {
          s1[grp][j] += p.sum[grp][j];
          s2[grp][j] += p.sumSq[grp][j];
          c[grp][j] += p.count[grp][j];
        }
      }
    }
    return new GeneMoments(s1, s2, c);
  }
}
