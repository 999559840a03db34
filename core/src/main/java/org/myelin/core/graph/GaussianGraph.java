package org.myelin.core.graph;

import java.util.Arrays;
import org.myelin.core.matrix.CsrMatrix;

/**
 * scanpy's Gaussian-kernel connectivities ({@code neighbors(method="gauss")}, after Haghverdi et
 * al., Nat Methods 2016): each cell's width sigma is the median of its squared distances to its
 * k - 1 neighbours (square-rooted), and cells i and j that are neighbours either way are joined by
 * sqrt(2 s_i s_j / (s_i^2 + s_j^2)) exp(-d_ij^2 / (s_i^2 + s_j^2)).
 */
public final class GaussianGraph {

  private GaussianGraph() {}

  public static CsrMatrix connectivities(KnnResult knn, int n) {
    int k = knn.k();
    double[] sigmaSq = new double[n];
    double[] d2 = new double[k - 1];
    for (int i = 0; i < n; i++) {
      int m = 0;
      for (int t = 0; t < k; t++) {
        if (knn.indices()[i * k + t] != i) {
          double d = knn.distances()[i * k + t];
          d2[m++] = d * d;
        }
      }
      double[] sorted = Arrays.copyOf(d2, m);
      Arrays.sort(sorted);
      sigmaSq[i] = m == 0 ? 0 : m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
    }
    // Both directions of every kNN pair, the same weight each way.
    int[][] pairs = new int[n][];
    double[][] weights = new double[n][];
    int[] count = new int[n];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < k; t++) {
        int j = knn.indices()[i * k + t];
        if (j != i) {
          count[i]++;
          count[j]++;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      pairs[i] = new int[count[i]];
      weights[i] = new double[count[i]];
    }
    int[] fill = new int[n];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < k; t++) {
        int j = knn.indices()[i * k + t];
        if (j == i) {
          continue;
        }
        double d = knn.distances()[i * k + t];
        double den = sigmaSq[i] + sigmaSq[j];
        double w = den > 0 ? Math.sqrt(2 * Math.sqrt(sigmaSq[i]) * Math.sqrt(sigmaSq[j]) / den) * Math.exp(-d * d / den) : 0;
        pairs[i][fill[i]] = j;
        weights[i][fill[i]++] = w;
        pairs[j][fill[j]] = i;
        weights[j][fill[j]++] = w;
      }
    }
    return Graphs.fromRows(n, pairs, weights, fill);
  }
}
