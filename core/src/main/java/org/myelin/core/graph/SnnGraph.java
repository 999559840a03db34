package org.myelin.core.graph;

import org.myelin.core.matrix.CsrMatrix;

/**
 * Seurat's shared-nearest-neighbour graph ({@code FindNeighbors}, {@code ComputeSNN}; Waltman &amp;
 * van Eck 2013): any two cells whose neighbour sets (each including the cell itself) overlap are
 * joined by the Jaccard index |N_i and N_j| / |N_i or N_j|, edges below {@code prune} (Seurat's
 * 1/15) dropped.
 */
public final class SnnGraph {

  /** Seurat's default prune.SNN. */
  public static final double PRUNE = 1.0 / 15;

  private SnnGraph() {}

  public static CsrMatrix connectivities(KnnResult knn, int n, double prune) {
    int k = knn.k();
    // Who lists each cell as a neighbour.
    int[] count = new int[n];
    for (int e = 0; e < n * k; e++) {
      count[knn.indices()[e]]++;
    }
    int[][] listedBy = new int[n][];
    for (int j = 0; j < n; j++) {
      listedBy[j] = new int[count[j]];
    }
    int[] fill = new int[n];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < k; t++) {
        int j = knn.indices()[i * k + t];
        listedBy[j][fill[j]++] = i;
      }
    }
    int[][] pairs = new int[n][];
    double[][] weights = new double[n][];
    int[] size = new int[n];
    int[] shared = new int[n];
    int[] touched = new int[n];
    for (int i = 0; i < n; i++) {
      int nt = 0;
      for (int t = 0; t < k; t++) {
        for (int j : listedBy[knn.indices()[i * k + t]]) {
          if (shared[j]++ == 0) {
            touched[nt++] = j;
          }
        }
      }
      java.util.Arrays.sort(touched, 0, nt);
      int[] cols = new int[nt];
      double[] w = new double[nt];
      int m = 0;
      for (int s = 0; s < nt; s++) {
        int j = touched[s];
        double jaccard = (double) shared[j] / (2 * k - shared[j]);
        shared[j] = 0;
        if (j != i && jaccard >= prune) {
          cols[m] = j;
          w[m++] = jaccard;
        }
      }
      pairs[i] = cols;
      weights[i] = w;
      size[i] = m;
    }
    return Graphs.fromRows(n, pairs, weights, size);
  }
}
