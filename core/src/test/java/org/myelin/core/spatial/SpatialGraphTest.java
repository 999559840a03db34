package org.myelin.core.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

class SpatialGraphTest {

  /** Row i of m as a sorted array of columns. */
  private static int[] row(CsrMatrix m, int i) {
    int b = m.blockOfRow(i);
    CsrBlock block = m.block(b);
    int r = i - m.rowOffset(b);
    int[] out = new int[block.rowStart(r + 1) - block.rowStart(r)];
    for (int e = 0; e < out.length; e++) {
      out[e] = block.index(block.rowStart(r) + e);
    }
    return out;
  }

  @Test
  void kdTreeFindsTheExactNeighboursAndRadiusSets() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 2000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      // Coarse coordinates: many equal distances, so ties are exercised.
      x[i] = rnd.nextInt(60);
      y[i] = rnd.nextInt(60);
    }
    KdTree tree = new KdTree(x, y);
    int[] idx = new int[7];
    double[] d = new double[7];
    for (int i = 0; i < n; i += 37) {
      // Brute force: sort by (distance, index).
      final int q = i;
      int[] expected = java.util.stream.IntStream.range(0, n).filter(j -> j != q).boxed()
          .sorted((a, b) -> {
            int c = Double.compare(Math.hypot(x[a] - x[q], y[a] - y[q]), Math.hypot(x[b] - x[q], y[b] - y[q]));
            return c != 0 ? c : Integer.compare(a, b);
          }).limit(7).mapToInt(Integer::intValue).toArray();
      assertEquals(7, tree.nearest(i, 7, idx, d));
      assertArrayEquals(expected, idx, "point " + i);
      int[] within = java.util.stream.IntStream.range(0, n)
          .filter(j -> j != q && Math.hypot(x[j] - x[q], y[j] - y[q]) <= 5).toArray();
      assertArrayEquals(within, tree.within(i, 5), "radius of point " + i);
    }
  }

  @Test
  void knnColumnsHoldEachCellsNeighboursAndThreadsDoNotMatter() {
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 10000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextDouble() * 1000;
      y[i] = rnd.nextDouble() * 1000;
    }
    SpatialGraph.Graph one = SpatialGraph.knn(x, y, 6, new Parallel(1));
    SpatialGraph.Graph two = SpatialGraph.knn(x, y, 6, new Parallel(2));
    CsrMatrix byCell = one.connectivities().transpose();
    for (int i = 0; i < n; i += 101) {
      assertEquals(6, row(byCell, i).length);
      assertArrayEquals(row(byCell, i), row(two.connectivities().transpose(), i));
    }
    assertEquals(6L * n, one.connectivities().nnz());
  }

  @Test
  void hexagonalGridRingsAndDelaunay() {
    // A 9 x 9 hexagonal lattice, spacing 1: interior spots have 6 neighbours at ring 1, 12 at ring 2.
    int side = 9;
    int n = side * side;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        x[r * side + c] = c + (r % 2) * 0.5;
        y[r * side + c] = r * Math.sqrt(3) / 2;
      }
    }
    int centre = 4 * side + 4;
    SpatialGraph.Graph g1 = SpatialGraph.grid(x, y, 6, 1, new Parallel(1));
    assertEquals(6, row(g1.connectivities(), centre).length);
    // A corner spot has 2 or 3 grid neighbours: the longer kNN edges are cut at 1.3 x the median.
    assertTrue(row(g1.connectivities(), 0).length <= 3);
    SpatialGraph.Graph g2 = SpatialGraph.grid(x, y, 6, 2, new Parallel(1));
    int[] r2 = row(g2.distances(), centre);
    assertEquals(18, r2.length);
    long ring2 = 0;
    int b = g2.distances().blockOfRow(centre);
    CsrBlock block = g2.distances().block(b);
    int rr = centre - g2.distances().rowOffset(b);
    for (int e = block.rowStart(rr); e < block.rowStart(rr + 1); e++) {
      if (block.value(e) == 2) {
        ring2++;
      }
    }
    assertEquals(12, ring2);
    // Delaunay of the lattice: interior spots have 6 neighbours, the graph is symmetric.
    SpatialGraph.Graph del = SpatialGraph.delaunay(x, y, 100);
    assertEquals(6, row(del.connectivities(), centre).length);
    CsrMatrix t = del.connectivities().transpose();
    for (int i = 0; i < n; i++) {
      assertArrayEquals(row(del.connectivities(), i), row(t, i));
    }
    // Pruning at the 50th percentile keeps only the shortest edges (all lattice edges have length 1).
    SpatialGraph.Graph pruned = SpatialGraph.delaunay(x, y, 50);
    assertTrue(pruned.connectivities().nnz() <= del.connectivities().nnz());
  }
}
