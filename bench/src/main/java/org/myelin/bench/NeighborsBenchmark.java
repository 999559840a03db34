package org.myelin.bench;

import java.nio.file.Path;
import org.myelin.core.data.CellData;
import org.myelin.core.graph.ExactKnn;
import org.myelin.core.graph.KnnResult;
import org.myelin.core.graph.NnDescent;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;

/**
 * NN-descent on the PCA embedding of a file made by {@code myelin run} (obsm['X_pca']):
 * {@code NeighborsBenchmark FILE [K] [THREADS]}. Times the search (15 neighbours, the cell itself
 * counted, as scanpy) and reports recall@K against the exact neighbours of 2,000 evenly spaced
 * cells found by brute force, the measure the tests hold at 0.98 or more.
 */
public final class NeighborsBenchmark {

  private static final int QUERIES = 2000;

  private NeighborsBenchmark() {}

  public static void main(String[] args) throws java.io.IOException {
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    CellData data;
    try (Parallel p = new Parallel(threads)) {
      data = CellDataIO.read(Path.of(args[0]), CellDataIO.ReadOptions.DEFAULT, p);
    }
    DenseMatrix emb = data.obsm().get("X_pca");
    if (emb == null) {
      throw new IllegalArgumentException(args[0] + ": no obsm['X_pca'] (run 'myelin pca' first)");
    }
    int n = emb.nRows();
    int d = emb.nCols();
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i * d + c] = emb.get(i, c);
      }
    }
    data = null;
    try (Parallel p = new Parallel(threads)) {
      for (int rep = 0; rep < 3; rep++) {
        long t = System.nanoTime();
        KnnResult approx = NnDescent.search(x, n, d, k, ExactKnn.Metric.EUCLIDEAN, 0, p);
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("nn-descent\t%d cells x %d dims\tk %d\t%d threads\t%.2f s\trecall@%d %.4f%n", n, d, k, threads,
            seconds, k, recall(x, n, d, k, approx));
      }
    }
    System.out.printf("peak_rss\t%d%n", ReadBenchmark.peakRss());
  }

  /** The share of the true k nearest (the cell itself included) that the search found, over evenly spaced queries. */
  static double recall(double[] x, int n, int d, int k, KnnResult approx) {
    long hit = 0;
    int queries = Math.min(QUERIES, n);
    for (int s = 0; s < queries; s++) {
      int q = (int) ((long) s * n / queries);
      double[] best = new double[k];
      int[] who = new int[k];
      java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int c = 0; c < d; c++) {
          double diff = x[q * d + c] - x[j * d + c];
          sum += diff * diff;
        }
        if (sum < best[k - 1]) {
          int pos = k - 1;
          while (pos > 0 && best[pos - 1] > sum) {
            best[pos] = best[pos - 1];
            who[pos] = who[pos - 1];
            pos--;
          }
          best[pos] = sum;
          who[pos] = j;
        }
      }
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          if (approx.indices()[q * k + b] == who[a]) {
            hit++;
            break;
          }
        }
      }
    }
    return hit / (double) ((long) queries * k);
  }
}
