package org.myelin.core.graph;

import java.util.Arrays;
import org.myelin.core.matrix.CsrMatrix;

/** Assembling a graph's CSR matrix from per-row lists (kNN, UMAP and spatial graphs). */
public final class Graphs {

  private Graphs() {}

  /**
   * The n x n matrix whose row i holds the first {@code len[i]} entries of cols[i] and w[i], sorted
   * by column; a column listed twice in a row keeps its first weight.
   */
  public static CsrMatrix fromRows(int n, int[][] cols, double[][] w, int[] len) {
    long[] ptr = new long[n + 1];
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += len[i];
    }
    int[] outCols = new int[(int) total];
    double[] outVals = new double[(int) total];
    int e = 0;
    for (int i = 0; i < n; i++) {
      Integer[] order = new Integer[len[i]];
      for (int t = 0; t < len[i]; t++) {
        order[t] = t;
      }
      int[] c = cols[i];
      Arrays.sort(order, (a, b) -> c[a] != c[b] ? Integer.compare(c[a], c[b]) : Integer.compare(a, b));
      int last = -1;
      for (int t : order) {
        if (c[t] == last) {
          continue;
        }
        outCols[e] = c[t];
        outVals[e] = w[i][t];
        last = c[t];
        e++;
      }
      ptr[i + 1] = e;
    }
    return CsrMatrix.fromCsr(n, ptr, Arrays.copyOf(outCols, e), Arrays.copyOf(outVals, e));
  }
}
