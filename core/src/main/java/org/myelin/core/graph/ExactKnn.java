package org.myelin.core.graph;

import org.myelin.core.matrix.DotProduct;
import org.myelin.core.parallel.Parallel;

/**
 * Exact k nearest neighbours by brute force, as sklearn's {@code NearestNeighbors(algorithm="brute")}
 * that scanpy uses below 4,096 cells: squared euclidean distance as |a|^2 + |b|^2 - 2 a.b with the
 * dot products on the Vector API kernel, queries split over fixed blocks of rows, a bounded heap per
 * query (ties broken by the lower index). The euclidean distances returned are the roots of the
 * squared distances rounded to float32, as sklearn returns them for scanpy's float32 embedding.
 * Cosine distance is 1 - cos on unit-normalised rows.
 */
public final class ExactKnn {

  /** The metrics supported, by scanpy's names. */
  public enum Metric { EUCLIDEAN, COSINE }

  private static final int QUERY_BLOCK = 128;

  private ExactKnn() {}

  /**
   * @param x n x d embedding, row-major
   * @param k neighbours per cell, the cell itself included (scanpy's n_neighbors)
   */
  public static KnnResult search(double[] x, int n, int d, int k, Metric metric, Parallel parallel) {
    return search(x, n, d, k, metric, parallel, org.myelin.core.tool.Progress.NONE);
  }

  /** As above, reporting each block of query cells done to {@code progress}. */
  public static KnnResult search(double[] x, int n, int d, int k, Metric metric, Parallel parallel,
      org.myelin.core.tool.Progress progress) {
    if (k < 2 || k > n) {
      throw new IllegalArgumentException("Invalid n_neighbors: " + k + " for " + n + " cells (2 to n, the cell itself counted)");
    }
    double[] data = metric == Metric.COSINE ? unitRows(x, n, d) : x;
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = DotProduct.dot(data, i * d, data, i * d, d);
    }
    int[] neighbours = new int[n * (k - 1)];
    int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
    try (org.myelin.core.tool.Progress.Task task = progress.start("exact kNN cells", n)) {
      searchBlocks(data, norms, neighbours, n, d, k, blocks, parallel, task);
    }
    return finish(data, n, d, k, neighbours, metric, parallel);
  }

  private static void searchBlocks(double[] data, double[] norms, int[] neighbours, int n, int d, int k, int blocks,
      Parallel parallel, org.myelin.core.tool.Progress.Task task) {
    parallel.forEach(blocks, b -> {
      int q0 = b * QUERY_BLOCK;
      int q1 = Math.min(n, q0 + QUERY_BLOCK);
      int m = k - 1;
      double[][] heapD = new double[q1 - q0][m];
      int[][] heapI = new int[q1 - q0][m];
      int[] size = new int[q1 - q0];
      for (int j = 0; j < n; j++) {
        int oj = j * d;
        for (int q = q0; q < q1; q++) {
          if (q == j) {
            continue;
          }
          double dist = norms[q] + norms[j] - 2 * DotProduct.dot(data, q * d, data, oj, d);
          offer(heapD[q - q0], heapI[q - q0], size, q - q0, m, dist, j);
        }
      }
      for (int q = q0; q < q1; q++) {
        System.arraycopy(heapI[q - q0], 0, neighbours, q * m, m);
      }
      task.step(q1 - q0);
    });
  }

  /** Rows scaled to unit length (zero rows left as they are), for the cosine metric. */
  static double[] unitRows(double[] x, int n, int d) {
    double[] rows = x.clone();
    for (int i = 0; i < n; i++) {
      double norm = Math.sqrt(DotProduct.dot(rows, i * d, rows, i * d, d));
      if (norm > 0) {
        for (int c = 0; c < d; c++) {
          rows[i * d + c] /= norm;
        }
      }
    }
    return rows;
  }

  /**
   * The result from each cell's k - 1 neighbours (n x (k - 1), any order): the cell itself first,
   * then its neighbours by distance recomputed directly from the coordinates, ties by index.
   */
  static KnnResult finish(double[] data, int n, int d, int k, int[] neighbours, Metric metric, Parallel parallel) {
    int m = k - 1;
    int[] indices = new int[n * k];
    double[] distances = new double[n * k];
    int tasks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
    parallel.forEach(tasks, t -> {
      for (int q = t * QUERY_BLOCK; q < Math.min(n, (t + 1) * QUERY_BLOCK); q++) {
        int base = q * k;
        indices[base] = q;
        distances[base] = 0;
        for (int s = 0; s < m; s++) {
          int j = neighbours[q * m + s];
          double sum = 0;
          for (int c = 0; c < d; c++) {
            double diff = data[q * d + c] - data[j * d + c];
            sum += diff * diff;
          }
          indices[base + 1 + s] = j;
          // The root of the squared distance rounded to float32, as sklearn's float32
          // euclidean_distances returns it to scanpy.
          distances[base + 1 + s] = metric == Metric.COSINE ? sum / 2 : Math.sqrt((float) sum);
        }
        sortRow(indices, distances, base + 1, m);
      }
    });
    return new KnnResult(indices, distances, k);
  }

  /** Keeps the m smallest (distance, index) pairs in a max-heap. */
  private static void offer(double[] hd, int[] hi, int[] size, int r, int m, double dist, int j) {
    int s = size[r];
    if (s < m) {
      int c = s++;
      while (c > 0) {
        int parent = (c - 1) / 2;
        if (!greater(dist, j, hd[parent], hi[parent])) {
          break;
        }
        hd[c] = hd[parent];
        hi[c] = hi[parent];
        c = parent;
      }
      hd[c] = dist;
      hi[c] = j;
      size[r] = s;
    } else if (greater(hd[0], hi[0], dist, j)) {
      hd[0] = dist;
      hi[0] = j;
      siftDown(hd, hi, 0, m);
    }
  }

  private static boolean greater(double d1, int i1, double d2, int i2) {
    return d1 > d2 || (d1 == d2 && i1 > i2);
  }

  private static void siftDown(double[] hd, int[] hi, int c, int s) {
    while (true) {
      int l = 2 * c + 1;
      if (l >= s) {
        return;
      }
      int big = l + 1 < s && greater(hd[l + 1], hi[l + 1], hd[l], hi[l]) ? l + 1 : l;
      if (!greater(hd[big], hi[big], hd[c], hi[c])) {
        return;
      }
      double td = hd[c];
      int ti = hi[c];
      hd[c] = hd[big];
      hi[c] = hi[big];
      hd[big] = td;
      hi[big] = ti;
      c = big;
    }
  }

  /** Insertion sort of one row's neighbours by (distance, index): the recomputed distances decide. */
  private static void sortRow(int[] idx, double[] dist, int from, int len) {
    for (int a = from + 1; a < from + len; a++) {
      double dv = dist[a];
      int iv = idx[a];
      int b = a - 1;
      while (b >= from && greater(dist[b], idx[b], dv, iv)) {
        dist[b + 1] = dist[b];
        idx[b + 1] = idx[b];
        b--;
      }
      dist[b + 1] = dv;
      idx[b + 1] = iv;
    }
  }
}
