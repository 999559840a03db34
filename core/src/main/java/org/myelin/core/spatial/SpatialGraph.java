package org.myelin.core.spatial;

import org.myelin.core.graph.Graphs;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DoubleCsrBlock;
import org.myelin.core.parallel.Parallel;

/**
 * Neighbour graphs on cell or spot coordinates, as squidpy's {@code spatial_neighbors} builds them
 * (Palla et al., Nat Methods 2022): each cell's k nearest other cells or every cell within a
 * radius, found exactly with a k-d tree (equal distances ordered by cell index). The kNN graph is
 * directed and, as squidpy 1.2 stores it, column i holds cell i's k neighbours (row j lists the
 * cells that count j among their nearest). The connectivities are 1 for each edge and the distances
 * Euclidean; {@link #weights} turns them into row-standardised or distance-decay weights.
 */
public final class SpatialGraph {

  private SpatialGraph() {}

  /** Edge weights: binary (squidpy's), each row summing to 1, or 1 / distance. */
  public enum Weights { BINARY, ROW, DECAY }

  /** A graph: connectivities and distances with the same edges, cells as rows and columns. */
  public record Graph(CsrMatrix connectivities, CsrMatrix distances) {}

  private static final int CELLS_PER_TASK = 4096;

  /** Each cell's k nearest other cells (fewer when there are not k others); ties by cell index. */
  public static Graph knn(double[] x, double[] y, int k, Parallel parallel) {
    if (k < 1) {
      throw new IllegalArgumentException("Invalid number of spatial neighbours: " + k);
    }
    int n = x.length;
    KdTree tree = new KdTree(x, y);
    int[][] cols = new int[n][];
    double[][] dist = new double[n][];
    int[] len = new int[n];
    int kk = Math.min(k, Math.max(0, n - 1));
    parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
      for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
        cols[i] = new int[kk];
        dist[i] = new double[kk];
        len[i] = tree.nearest(i, kk, cols[i], dist[i]);
      }
    });
    Graph byRow = graph(n, cols, dist, len);
    return new Graph(byRow.connectivities().transpose(), byRow.distances().transpose());
  }

  /** Every other cell within {@code radius} of each cell. */
  public static Graph radius(double[] x, double[] y, double radius, Parallel parallel) {
    if (!(radius > 0) || Double.isInfinite(radius)) {
      throw new IllegalArgumentException("Invalid spatial radius: " + radius);
    }
    int n = x.length;
    KdTree tree = new KdTree(x, y);
    int[][] cols = new int[n][];
    double[][] dist = new double[n][];
    int[] len = new int[n];
    parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
      for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
        int[] c = tree.within(i, radius);
        double[] d = new double[c.length];
        for (int e = 0; e < c.length; e++) {
          d[e] = Math.hypot(x[c[e]] - x[i], y[c[e]] - y[i]);
        }
        cols[i] = c;
        dist[i] = d;
        len[i] = c.length;
      }
    });
    return graph(n, cols, dist, len);
  }

  private static Graph graph(int n, int[][] cols, double[][] dist, int[] len) {
    double[][] ones = new double[n][];
    for (int i = 0; i < n; i++) {
      ones[i] = new double[len[i]];
      java.util.Arrays.fill(ones[i], 1.0);
    }
    return new Graph(Graphs.fromRows(n, cols, ones, len), Graphs.fromRows(n, cols, dist, len));
  }

  /** The graph's weights of the given kind (a new matrix; a row with no edge stays empty). */
  public static CsrMatrix weights(Graph g, Weights kind) {
    if (kind == Weights.BINARY) {
      return g.connectivities();
    }
    CsrMatrix d = g.distances();
    java.util.List<CsrBlock> blocks = new java.util.ArrayList<>();
    for (CsrBlock b : d.blocks()) {
      int[] ptr = new int[b.nRows() + 1];
      for (int r = 0; r <= b.nRows(); r++) {
        ptr[r] = b.rowStart(r);
      }
      int[] idx = new int[b.nnz()];
      b.copyIndices(0, idx, 0, idx.length);
      double[] w = new double[b.nnz()];
      for (int r = 0; r < b.nRows(); r++) {
        int deg = b.rowStart(r + 1) - b.rowStart(r);
        for (int e = b.rowStart(r); e < b.rowStart(r + 1); e++) {
          double dist = b.value(e);
          // Coincident cells (distance 0) have no finite decay weight: their edge weighs 0.
          w[e] = kind == Weights.ROW ? 1.0 / deg : dist > 0 ? 1 / dist : 0;
        }
      }
      blocks.add(new DoubleCsrBlock(b.nCols(), ptr, idx, w));
    }
    return CsrMatrix.ofBlocks(d.nCols(), true, blocks);
  }
}
