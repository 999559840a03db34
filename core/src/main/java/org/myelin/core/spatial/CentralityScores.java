package org.myelin.core.spatial;

import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;

/**
 * Per-category centrality on the spatial graph taken as undirected, as squidpy's
 * {@code centrality_scores} computes them with networkx: group degree centrality (Everett &amp;
 * Borgatti 1999: the cells outside the group adjacent to it, over the cells outside it), group
 * closeness centrality (cells outside the group over the sum of their hop distances to it, an
 * unreachable cell adding 0), and the average clustering coefficient of the group's cells (Watts
 * &amp; Strogatz 1998).
 */
public final class CentralityScores {

  private CentralityScores() {}

  /** Scores per category, in category order. */
  public record Result(double[] degree, double[] closeness, double[] clustering) {}

  public static Result compute(CsrMatrix graph, int[] codes, int nCategories) {
    int n = graph.nRows();
    int[][] adj = undirected(graph);
    double[] degree = new double[nCategories];
    double[] closeness = new double[nCategories];
    double[] clustering = new double[nCategories];
    double[] local = localClustering(adj);
    int[] dist = new int[n];
    int[] queue = new int[n];
    for (int c = 0; c < nCategories; c++) {
      int size = 0;
      double clusterSum = 0;
      java.util.Arrays.fill(dist, -1);
      int head = 0;
      int tail = 0;
      for (int i = 0; i < n; i++) {
        if (codes[i] == c) {
          size++;
          clusterSum += local[i];
          dist[i] = 0;
          queue[tail++] = i;
        }
      }
      // Adjacent cells outside the group, then hop distances from the group by breadth-first search.
      int adjacent = 0;
      long total = 0;
      while (head < tail) {
        int u = queue[head++];
        for (int v : adj[u]) {
          if (dist[v] < 0) {
            dist[v] = dist[u] + 1;
            if (dist[v] == 1) {
              adjacent++;
            }
            total += dist[v];
            queue[tail++] = v;
          }
        }
      }
      int outside = n - size;
      degree[c] = outside == 0 ? 0 : adjacent / (double) outside;
      closeness[c] = total == 0 ? 0 : outside / (double) total;
      clustering[c] = size == 0 ? Double.NaN : clusterSum / size;
    }
    return new Result(degree, closeness, clustering);
  }

  /** Neighbour lists of the symmetrised graph, sorted, without self-loops or repeats. */
  static int[][] undirected(CsrMatrix g) {
    int n = g.nRows();
    int[] deg = new int[n];
    for (int b = 0; b < g.nBlocks(); b++) {
      CsrBlock block = g.block(b);
      for (int r = 0; r < block.nRows(); r++) {
        int i = g.rowOffset(b) + r;
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          int j = block.index(e);
          if (j != i) {
            deg[i]++;
            deg[j]++;
          }
        }
      }
    }
    int[][] adj = new int[n][];
    for (int i = 0; i < n; i++) {
      adj[i] = new int[deg[i]];
    }
    int[] fill = new int[n];
    for (int b = 0; b < g.nBlocks(); b++) {
      CsrBlock block = g.block(b);
      for (int r = 0; r < block.nRows(); r++) {
        int i = g.rowOffset(b) + r;
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          int j = block.index(e);
          if (j != i) {
            adj[i][fill[i]++] = j;
            adj[j][fill[j]++] = i;
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      int[] a = adj[i];
      java.util.Arrays.sort(a);
      int m = 0;
      for (int t = 0; t < a.length; t++) {
        if (t == 0 || a[t] != a[t - 1]) {
          a[m++] = a[t];
        }
      }
      adj[i] = java.util.Arrays.copyOf(a, m);
    }
    return adj;
  }

  /** Each cell's clustering coefficient: links among its neighbours over the most there could be. */
  static double[] localClustering(int[][] adj) {
    double[] out = new double[adj.length];
    for (int i = 0; i < adj.length; i++) {
      int[] a = adj[i];
      int k = a.length;
      if (k < 2) {
        continue;
      }
      long links = 0;
      for (int u : a) {
        // |N(u) and N(i)|, both sorted.
        int[] b = adj[u];
        int p = 0;
        int q = 0;
        while (p < a.length && q < b.length) {
          if (a[p] < b[q]) {
            p++;
          } else if (a[p] > b[q]) {
            q++;
          } else {
            links++;
            p++;
            q++;
          }
        }
      }
      out[i] = links / ((double) k * (k - 1));
    }
    return out;
  }
}
