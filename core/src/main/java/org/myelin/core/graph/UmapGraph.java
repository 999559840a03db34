package org.myelin.core.graph;

import java.util.Arrays;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/**
 * The fuzzy simplicial set of UMAP (McInnes, Healy &amp; Melville, arXiv:1802.03426; umap-learn
 * 0.5's {@code fuzzy_simplicial_set}), which scanpy's {@code neighbors} stores as
 * {@code obsp["connectivities"]}: per cell, rho is the distance to its nearest other neighbour and
 * sigma is found by 64 bisection steps so that sum exp(-(d - rho) / sigma) over its neighbours is
 * log2(k); memberships exp(-(d - rho) / sigma) are then joined by the fuzzy union
 * A + A^T - A * A^T. Every step is taken in float32 as umap-learn and scipy take it (distances,
 * the bisection's sums and bounds, memberships, the union), so most weights carry scanpy's bits.
 */
public final class UmapGraph {

  private static final double SMOOTH_K_TOLERANCE = 1e-5;
  private static final double MIN_K_DIST_SCALE = 1e-3;
  private static final int N_ITER = 64;
  /** Cells per task when rows are made in parallel. */
  private static final int CELLS_PER_TASK = 2048;

  private UmapGraph() {}

  /**
   * obsp["distances"]: each cell's k - 1 neighbours (not itself) with their distances, by column.
   * Rows are made in parallel, each into k slots of its own, then packed in cell order.
   */
  public static CsrMatrix distances(KnnResult knn, int n, Parallel parallel) {
    int k = knn.k();
    int[] cols = new int[n * k];
    double[] vals = new double[n * k];
    int[] counts = new int[n];
    parallel.forRanges(n, CELLS_PER_TASK, (from, to) -> {
      int[] order = new int[k];
      for (int i = from; i < to; i++) {
        int m = byNeighbour(knn, i, order);
        for (int t = 0; t < m; t++) {
          cols[i * k + t] = knn.indices()[order[t]];
          vals[i * k + t] = knn.distances()[order[t]];
        }
        counts[i] = m;
      }
    });
    return packed(n, everyK(n, k), counts, cols, vals);
  }

  /**
   * The positions in the kNN result of cell i's neighbours other than itself, sorted by neighbour
   * (insertion sort: k is small); returns how many.
   */
  private static int byNeighbour(KnnResult knn, int i, int[] order) {
    int[] idx = knn.indices();
    int base = i * knn.k();
    int m = 0;
    for (int t = 0; t < knn.k(); t++) {
      int j = idx[base + t];
      if (j == i) {
        continue;
      }
      int s = m++;
      while (s > 0 && idx[order[s - 1]] > j) {
        order[s] = order[s - 1];
        s--;
      }
      order[s] = base + t;
    }
    return m;
  }

  /** Row i's counts[i] entries, from slot[i] in cols and vals, packed into one CSR matrix in row order. */
  private static CsrMatrix packed(int n, long[] slot, int[] counts, int[] cols, double[] vals) {
    long[] ptr = new long[n + 1];
    int e = 0;
    for (int i = 0; i < n; i++) {
      System.arraycopy(cols, (int) slot[i], cols, e, counts[i]);
      System.arraycopy(vals, (int) slot[i], vals, e, counts[i]);
      e += counts[i];
      ptr[i + 1] = e;
    }
    return CsrMatrix.fromCsr(n, ptr, Arrays.copyOf(cols, e), Arrays.copyOf(vals, e));
  }

  /** Slots of k entries per row. */
  private static long[] everyK(int n, int k) {
    long[] slot = new long[n + 1];
    for (int i = 0; i <= n; i++) {
      slot[i] = (long) i * k;
    }
    return slot;
  }

  /**
   * obsp["connectivities"], symmetric, with umap-learn's defaults (local_connectivity 1,
   * set_op_mix_ratio 1). Each cell's memberships are found in parallel (each cell on its own, so
   * the same for any number of threads), then joined.
   */
  public static CsrMatrix connectivities(KnnResult knn, int n, Parallel parallel) {
    int k = knn.k();
    double[] dist = new double[knn.distances().length];
    for (int e = 0; e < dist.length; e++) {
      dist[e] = (float) knn.distances()[e];
    }
    double meanAll = mean(dist);
    double target = Math.log(k) / Math.log(2);
    // Directed memberships, row i holding its k neighbours (itself with weight 0, dropped).
    int[] col = new int[n * k];
    double[] val = new double[n * k];
    int[] counts = new int[n];
    parallel.forRanges(n, CELLS_PER_TASK, (from, to) -> {
      int[] order = new int[k];
      for (int i = from; i < to; i++) {
        counts[i] = memberships(knn, dist, i, target, meanAll, order, col, val);
      }
    });
    CsrMatrix a = packed(n, everyK(n, k), counts, col, val);
    return fuzzyUnion(a, a.transpose(), n, parallel);
  }

  /** The mean, summed in order. */
  private static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  /**
   * Cell i's memberships, sorted by neighbour (so that the transpose join is a merge), into slots
   * i * k on of col and val; returns how many (weights of 0 are left out).
   */
  private static int memberships(KnnResult knn, double[] dist, int i, double target, double meanAll, int[] order,
      int[] col, double[] val) {
    int k = knn.k();
    int base = i * k;
    float rho = 0;
    for (int t = 0; t < k; t++) {
      if (dist[base + t] > 0) {
        rho = (float) dist[base + t]; // the first non-zero distance: local_connectivity 1
        break;
      }
    }
    // umap-learn's bisection keeps psum, lo, mid and hi in float32 and stops within 1e-5 of
    // log2(k): the same float steps stop at the same sigma.
    float lo = 0;
    float hi = Float.POSITIVE_INFINITY;
    float mid = 1;
    for (int it = 0; it < N_ITER; it++) {
      float psum = 0;
      for (int t = 1; t < k; t++) {
        float dd = (float) dist[base + t] - rho;
        psum += dd > 0 ? (float) Math.exp(-(dd / mid)) : 1f;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) {
        break;
      }
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2f;
      } else {
        lo = mid;
        mid = hi == Float.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2f;
      }
    }
    float sigma = mid;
    double meanI = 0;
    for (int t = 0; t < k; t++) {
      meanI += dist[base + t];
    }
    meanI /= k;
    double floor = MIN_K_DIST_SCALE * (rho > 0 ? meanI : meanAll);
    if (sigma < floor) {
      sigma = (float) floor;
    }
    int m = byNeighbour(knn, i, order);
    int e = base;
    for (int t = 0; t < m; t++) {
      float dd = (float) dist[order[t]] - rho;
      float w = dd <= 0 || sigma == 0 ? 1 : (float) Math.exp(-(dd / sigma));
      if (w != 0) {
        col[e] = knn.indices()[order[t]];
        val[e] = w;
        e++;
      }
    }
    return e - base;
  }

  /**
   * A + B - A * B, element by element, for two row-sorted CSR matrices: rows in parallel, each
   * into room for both its rows' entries, then packed in row order.
   */
  private static CsrMatrix fuzzyUnion(CsrMatrix a, CsrMatrix b, int n, Parallel parallel) {
    long[] room = new long[n + 1];
    for (int i = 0; i < n; i++) {
      CsrMatrix.Row ra = a.row(i);
      CsrMatrix.Row rb = b.row(i);
      room[i + 1] = room[i] + (ra.end() - ra.start()) + (rb.end() - rb.start());
    }
    int cap = Math.toIntExact(room[n]);
    int[] col = new int[cap];
    double[] val = new double[cap];
    int[] counts = new int[n];
    parallel.forRanges(n, CELLS_PER_TASK, (from, to) -> {
      for (int i = from; i < to; i++) {
        counts[i] = unionRow(a.row(i), b.row(i), col, val, (int) room[i]);
      }
    });
    return packed(n, room, counts, col, val);
  }

  /** One row of the union, merged by column into col and val from {@code at}; returns its length. */
  private static int unionRow(CsrMatrix.Row ba, CsrMatrix.Row bb, int[] col, double[] val, int at) {
    int pa = ba.start();
    int ea = ba.end();
    int pb = bb.start();
    int eb = bb.end();
    int e = at;
    while (pa < ea || pb < eb) {
      int ca = pa < ea ? ba.index(pa) : Integer.MAX_VALUE;
      int cb = pb < eb ? bb.index(pb) : Integer.MAX_VALUE;
      float x = 0;
      float y = 0;
      int c;
      if (ca == cb) {
        c = ca;
        x = (float) ba.value(pa++);
        y = (float) bb.value(pb++);
      } else if (ca < cb) {
        c = ca;
        x = (float) ba.value(pa++);
      } else {
        c = cb;
        y = (float) bb.value(pb++);
      }
      // In float32 step by step, as scipy adds and multiplies umap-learn's float32 matrices.
      float sum = x + y;
      float product = x * y;
      float v = sum - product;
      if (v != 0) {
        col[e] = c;
        val[e] = v;
        e++;
      }
    }
    return e - at;
  }
}
