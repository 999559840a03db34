package org.myelin.core.score;

import java.util.Arrays;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.stats.SortedArrays;

/**
 * UCell scores (Andreatta &amp; Carmona, Comput Struct Biotechnol J 2021; the R package 2.2.0): in
 * each cell, genes are ranked by decreasing expression with ties averaged (the unstored zeros one
 * tied block), ranks above {@code maxRank} become maxRank + 1, and a set of n genes scores
 * 1 - (sum of its ranks - n (n + 1) / 2) / (n maxRank), the Mann-Whitney U statistic normalised;
 * a set with every gene beyond maxRank scores 0. Ranks within a cell depend only on the order of its
 * values, so raw counts and any per-cell normalisation give the same scores. Deterministic.
 */
public final class UCell {

  /** UCell's default maxRank. */
  public static final int MAX_RANK = 1500;

  private static final int CELLS_PER_TASK = 1024;

  private UCell() {}

  /**
   * Scores of several sets at once (each cell's values sorted once).
   *
   * @param sets column indices of each set's genes found in the data
   * @return scores[set][cell]
   */
  public static double[][] score(CsrMatrix x, int[][] sets, int maxRank, Parallel parallel) {
    if (maxRank < 1) {
      throw new IllegalArgumentException("Invalid maxRank: " + maxRank);
    }
    int n = x.nRows();
    int g = x.nCols();
    double[][] out = new double[sets.length][n];
    int tasks = (n + CELLS_PER_TASK - 1) / CELLS_PER_TASK;
    parallel.forEach(tasks, t -> {
      double[] row = new double[g];
      for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
        CsrMatrix.Row entries = x.row(i);
        CsrBlock block = entries.block();
        int from = entries.start();
        int len = entries.nnz();
        double[] sorted = new double[len];
        for (int e = 0; e < len; e++) {
          double v = block.value(from + e);
          sorted[e] = v;
          row[block.index(from + e)] = v;
        }
        Arrays.sort(sorted);
        for (int s = 0; s < sets.length; s++) {
          int[] set = sets[s];
          boolean any = false;
          double rankSum = 0;
          for (int j : set) {
            double rank = descendingRank(sorted, row[j], g);
            if (rank > maxRank) {
              rank = maxRank + 1;
            } else {
              any = true;
            }
            rankSum += rank;
          }
          double m = set.length;
          out[s][i] = !any || set.length == 0 ? 0 : 1 - (rankSum - m * (m + 1) / 2) / (m * maxRank);
        }
        for (int e = 0; e < len; e++) {
          row[block.index(from + e)] = 0;
        }
      }
    });
    return out;
  }

  /**
   * The average rank of value v in decreasing order among g values: the stored ones (sorted
   * ascending) and g - len zeros.
   */
  static double descendingRank(double[] sorted, double v, int g) {
    int len = sorted.length;
    int zeros = g - len;
    // Values above v, and values equal to v, among stored values and the zeros.
    int below = SortedArrays.lowerBound(sorted, v);
    int upTo = SortedArrays.upperBound(sorted, v);
    long greater = len - upTo + (v < 0 ? zeros : 0);
    long equal = upTo - below + (v == 0 ? zeros : 0);
    return greater + (equal + 1) / 2.0;
  }
}
