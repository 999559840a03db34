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

  /**
   * The Delaunay triangulation's edges (Delaunay 1934; JTS's incremental algorithm), symmetric, as
   * squidpy's {@code delaunay=True}; with {@code prunePercentile} below 100, edges longer than that
   * percentile of all edge lengths (numpy's linear percentile) are dropped. Cells at the same place
   * share one vertex: each gets its neighbours, and they are linked to each other at distance 0.
   */
  public static Graph delaunay(double[] x, double[] y, double prunePercentile) {
    if (!(prunePercentile > 0 && prunePercentile <= 100)) {
      throw new IllegalArgumentException("Invalid Delaunay pruning percentile: " + prunePercentile + " (0 to 100]");
    }
    int n = x.length;
    java.util.Map<org.locationtech.jts.geom.Coordinate, java.util.List<Integer>> at = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      at.computeIfAbsent(new org.locationtech.jts.geom.Coordinate(x[i], y[i]), c -> new java.util.ArrayList<>()).add(i);
    }
    java.util.List<int[]> pairs = new java.util.ArrayList<>();
    if (at.size() >= 3) {
      org.locationtech.jts.triangulate.DelaunayTriangulationBuilder b =
          new org.locationtech.jts.triangulate.DelaunayTriangulationBuilder();
      b.setSites(new java.util.ArrayList<>(at.keySet()));
      for (Object o : b.getSubdivision().getPrimaryEdges(false)) {
        org.locationtech.jts.triangulate.quadedge.QuadEdge e = (org.locationtech.jts.triangulate.quadedge.QuadEdge) o;
        java.util.List<Integer> a = at.get(e.orig().getCoordinate());
        java.util.List<Integer> c = at.get(e.dest().getCoordinate());
        for (int i : a) {
          for (int j : c) {
            pairs.add(new int[] {i, j});
          }
        }
      }
    } else if (at.size() == 2) {
      java.util.Iterator<java.util.List<Integer>> it = at.values().iterator();
      java.util.List<Integer> a = it.next();
      java.util.List<Integer> c = it.next();
      for (int i : a) {
        for (int j : c) {
          pairs.add(new int[] {i, j});
        }
      }
    }
    for (java.util.List<Integer> same : at.values()) {
      for (int i : same) {
        for (int j : same) {
          if (i < j) {
            pairs.add(new int[] {i, j});
          }
        }
      }
    }
    double cutoff = Double.POSITIVE_INFINITY;
    if (prunePercentile < 100 && !pairs.isEmpty()) {
      double[] len = new double[pairs.size()];
      for (int e = 0; e < len.length; e++) {
        int[] p = pairs.get(e);
        len[e] = Math.hypot(x[p[0]] - x[p[1]], y[p[0]] - y[p[1]]);
      }
      java.util.Arrays.sort(len);
      double pos = prunePercentile / 100 * (len.length - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(lo + 1, len.length - 1);
      cutoff = len[lo] + (pos - lo) * (len[hi] - len[lo]);
    }
    int[] deg = new int[n];
    for (int[] p : pairs) {
      deg[p[0]]++;
      deg[p[1]]++;
    }
    int[][] cols = new int[n][];
    double[][] dist = new double[n][];
    for (int i = 0; i < n; i++) {
      cols[i] = new int[deg[i]];
      dist[i] = new double[deg[i]];
    }
    int[] len = new int[n];
    for (int[] p : pairs) {
      double d = Math.hypot(x[p[0]] - x[p[1]], y[p[0]] - y[p[1]]);
      if (d > cutoff) {
        continue;
      }
      cols[p[0]][len[p[0]]] = p[1];
      dist[p[0]][len[p[0]]++] = d;
      cols[p[1]][len[p[1]]] = p[0];
      dist[p[1]][len[p[1]]++] = d;
    }
    return graph(n, cols, dist, len);
  }

  /**
   * The Visium hexagonal grid, as squidpy's {@code coord_type="grid"}: each spot's 6 nearest spots,
   * edges longer than 1.3 times the median of those distances dropped (the grid's border), and with
   * {@code nRings} above 1 the spots up to that many steps away; the distances are the ring numbers.
   */
  public static Graph grid(double[] x, double[] y, int nNeighbors, int nRings, Parallel parallel) {
    if (nRings < 1) {
      throw new IllegalArgumentException("Invalid number of rings: " + nRings);
    }
    Graph knn = knn(x, y, nNeighbors, parallel);
    CsrMatrix d = knn.distances();
    int n = x.length;
    double[] all = new double[(int) d.nnz()];
    int a = 0;
    for (CsrBlock b : d.blocks()) {
      for (int e = 0; e < b.nnz(); e++) {
        all[a++] = b.value(e);
      }
    }
    java.util.Arrays.sort(all);
    double median = all.length == 0 ? 0 : all.length % 2 == 1 ? all[all.length / 2]
        : (all[all.length / 2 - 1] + all[all.length / 2]) / 2;
    double cutoff = 1.3 * median;
    int[][] adj = new int[n][];
    for (int bi = 0; bi < d.nBlocks(); bi++) {
      CsrBlock b = d.block(bi);
      for (int r = 0; r < b.nRows(); r++) {
        int cnt = 0;
        int[] row = new int[b.rowStart(r + 1) - b.rowStart(r)];
        for (int e = b.rowStart(r); e < b.rowStart(r + 1); e++) {
          if (b.value(e) < cutoff) {
            row[cnt++] = b.index(e);
          }
        }
        adj[d.rowOffset(bi) + r] = java.util.Arrays.copyOf(row, cnt);
      }
    }
    // Rings: breadth-first steps along the rows, as squidpy's repeated products of the adjacency.
    int[][] cols = new int[n][];
    double[][] ring = new double[n][];
    int[] len = new int[n];
    parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
      int[] depth = new int[n];
      java.util.Arrays.fill(depth, -1);
      int[] queue = new int[n];
      for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
        int head = 0;
        int tail = 0;
        queue[tail++] = i;
        depth[i] = 0;
        while (head < tail) {
          int u = queue[head++];
          if (depth[u] == nRings) {
            continue;
          }
          for (int v : adj[u]) {
            if (depth[v] < 0) {
              depth[v] = depth[u] + 1;
              queue[tail++] = v;
            }
          }
        }
        cols[i] = new int[tail - 1];
        ring[i] = new double[tail - 1];
        for (int q = 1; q < tail; q++) {
          cols[i][q - 1] = queue[q];
          ring[i][q - 1] = depth[queue[q]];
        }
        len[i] = tail - 1;
        for (int q = 0; q < tail; q++) {
          depth[queue[q]] = -1;
        }
      }
    });
    return graph(n, cols, ring, len);
  }

  private static Graph graph(int n, int[][] cols, double[][] dist, int[] len) {
    double[][] ones = new double[n][];
    for (int i = 0; i < n; i++) {
      ones[i] = new double[len[i]];
      java.util.Arrays.fill(ones[i], 1.0);
    }
    return new Graph(Graphs.fromRows(n, cols, ones, len), Graphs.fromRows(n, cols, dist, len));
  }

  /**
   * The graph's weights of the given kind (a new matrix; a row with no edge stays empty); decay
   * weights are 1 / distance^power (power 2: the inverse-square weights Space Ranger's Moran's I
   * appears to use).
   */
  public static CsrMatrix weights(Graph g, Weights kind, double power) {
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
          w[e] = kind == Weights.ROW ? 1.0 / deg : dist > 0 ? Math.pow(dist, -power) : 0;
        }
      }
      blocks.add(new DoubleCsrBlock(b.nCols(), ptr, idx, w));
    }
    return CsrMatrix.ofBlocks(d.nCols(), true, blocks);
  }
}
