package org.myelin.core.score;

import java.util.List;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

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
    SignatureScores plan = new SignatureScores(x.nCols(), new int[][] {genes}, List.of(SignatureScores.Method.ZMEAN),
        GeneStats.of(x), null, SignatureScores.Options.defaults(0));
    return plan.score(x, 0, new Parallel(1))[0][0];
  }
}
