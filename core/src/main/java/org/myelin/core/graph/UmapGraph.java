package org.myelin.core.graph;

import java.util.Arrays;
import org.myelin.core.matrix.CsrMatrix;

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

  private UmapGraph() {}

  /** obsp["distances"]: each cell's k - 1 neighbours (not itself) with their distances, by column. */
  public static CsrMatrix distances(KnnResult knn, int n) {
    int k = knn.k();
    long[] indptr = new long[n + 1];
    int[] cols = new int[n * (k - 1)];
    double[] vals = new double[n * (k - 1)];
    int e = 0;
    Integer[] order = new Integer[k];
    for (int i = 0; i < n; i++) {
      int base = i * k;
      int m = 0;
      for (int t = 0; t < k; t++) {
        if (knn.indices()[base + t] != i) {
          order[m++] = base + t;
        }
      }
      Arrays.sort(order, 0, m, (a, b) -> Integer.compare(knn.indices()[a], knn.indices()[b]));
      for (int t = 0; t < m; t++) {
        cols[e] = knn.indices()[order[t]];
        vals[e] = knn.distances()[order[t]];
        e++;
      }
      indptr[i + 1] = e;
    }
    return CsrMatrix.fromCsr(n, indptr, Arrays.copyOf(cols, e), Arrays.copyOf(vals, e));
  }

  /** obsp["connectivities"], symmetric, with umap-learn's defaults (local_connectivity 1, set_op_mix_ratio 1). */
  public static CsrMatrix connectivities(KnnResult knn, int n) {
    int k = knn.k();
    double[] dist = new double[knn.distances().length];
    for (int e = 0; e < dist.length; e++) {
      dist[e] = (float) knn.distances()[e];
    }
    double meanAll = 0;
    for (double v : dist) {
      meanAll += v;
    }
    meanAll /= dist.length;
    double target = Math.log(k) / Math.log(2);
    // Directed memberships, row i holding its k neighbours (itself with weight 0, dropped).
    long[] ptr = new long[n + 1];
    int[] col = new int[n * k];
    double[] val = new double[n * k];
    int nnz = 0;
    for (int i = 0; i < n; i++) {
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
      // Sorted by column so that the transpose join below is a merge.
      Integer[] order = new Integer[k];
      for (int t = 0; t < k; t++) {
        order[t] = base + t;
      }
      Arrays.sort(order, (a, b) -> Integer.compare(knn.indices()[a], knn.indices()[b]));
      for (int t = 0; t < k; t++) {
        int j = knn.indices()[order[t]];
        if (j == i) {
          continue;
        }
        float dd = (float) dist[order[t]] - rho;
        float w = dd <= 0 || sigma == 0 ? 1 : (float) Math.exp(-(dd / sigma));
        if (w != 0) {
          col[nnz] = j;
          val[nnz] = w;
          nnz++;
        }
      }
      ptr[i + 1] = nnz;
    }
    CsrMatrix a = CsrMatrix.fromCsr(n, ptr, Arrays.copyOf(col, nnz), Arrays.copyOf(val, nnz));
    return fuzzyUnion(a, a.transpose(), n);
  }

  /** A + B - A * B, element by element, for two row-sorted CSR matrices. */
  private static CsrMatrix fuzzyUnion(CsrMatrix a, CsrMatrix b, int n) {
    long[] ptr = new long[n + 1];
    int cap = (int) Math.min(Integer.MAX_VALUE - 8, a.nnz() + b.nnz());
    int[] col = new int[cap];
    double[] val = new double[cap];
    int e = 0;
    for (int i = 0; i < n; i++) {
      CsrMatrix.Row ba = a.row(i);
      CsrMatrix.Row bb = b.row(i);
      int pa = ba.start();
      int ea = ba.end();
      int pb = bb.start();
      int eb = bb.end();
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
      ptr[i + 1] = e;
    }
    return CsrMatrix.fromCsr(n, ptr, Arrays.copyOf(col, e), Arrays.copyOf(val, e));
  }
}
