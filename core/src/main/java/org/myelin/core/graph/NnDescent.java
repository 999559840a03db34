package org.myelin.core.graph;

import org.myelin.core.random.Seeds;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import org.myelin.core.parallel.Parallel;

/**
 * Approximate k nearest neighbours by NN-descent (Dong, Moses &amp; Li, WWW 2011), the method of
 * pynndescent that scanpy uses from 8,192 cells on: start from random neighbours, then repeatedly
 * let each cell introduce its neighbours (and the cells that list it) to one another, keeping the k
 * nearest seen, until fewer than 0.1% of the lists change in a round.
 *
 * <p>Chosen over HNSW (hnswlib-core) because its rounds can be made deterministic on any number of
 * threads without a second copy of the data in an index: a round reads only the lists as they stood
 * when it began, every list keeps the k smallest (distance, index) pairs of everything proposed to
 * it, which does not depend on the order of the proposals, and the "new" marks are recomputed against
 * the round's start. Random choices (the start, the sampling of reverse lists) come from a
 * counter-based stream keyed by the seed. Rows are locked one at a time while proposals land.
 */
public final class NnDescent {

  private static final int MAX_ROUNDS = 30;
  private static final int LIST_FACTOR = 2;
  private static final double DELTA = 0.001;
  private static final int CELLS_PER_TASK = 256;

  private NnDescent() {}

  /** As {@link ExactKnn#search}, approximately; {@code seed} picks the random start. */
  public static KnnResult search(double[] x, int n, int d, int k, ExactKnn.Metric metric, long seed, Parallel parallel) {
    return search(x, n, d, k, metric, seed, parallel, org.myelin.core.tool.Progress.NONE);
  }

  /** As above, reporting each round to {@code progress} (at most 30; fewer when the lists settle). */
  public static KnnResult search(double[] x, int n, int d, int k, ExactKnn.Metric metric, long seed, Parallel parallel,
      org.myelin.core.tool.Progress progress) {
    if (k < 2 || k > n) {
      throw new IllegalArgumentException("Invalid n_neighbors: " + k + " for " + n + " cells (2 to n, the cell itself counted)");
    }
    double[] data = metric == ExactKnn.Metric.COSINE ? ExactKnn.unitRows(x, n, d) : x;
    // Lists twice as long as asked for, cut to k - 1 at the end: the extra entries carry the search
    // to neighbours a list of k - 1 would have lost (recall@15 on the 10k reference: 0.92 with k - 1, 0.99 with 2k - 2).
    int want = k - 1;
    int m = Math.min(n - 1, LIST_FACTOR * want);
    int maxCandidates = m;
    double[] dist = new double[n * m];
    int[] idx = new int[n * m];
    boolean[] fresh = new boolean[n * m];
    // Random start: m distinct other cells per cell.
    parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
      for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
        int filled = 0;
        for (int draw = 0; filled < m; draw++) {
          int j = (int) Long.remainderUnsigned(mix(seed, -1, i, draw), n);
          if (j == i || contains(idx, i * m, filled, j)) {
            continue;
          }
          idx[i * m + filled] = j;
          dist[i * m + filled] = squared(data, i, j, d);
          fresh[i * m + filled] = true;
          filled++;
        }
        heapify(dist, idx, i * m, m);
      }
    });
    int[] start = new int[n * m];
    org.myelin.core.tool.Progress.Task task = progress.start("NN-descent rounds", MAX_ROUNDS);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      task.step(1);
      int r = round;
      // Each cell's new and old neighbours as the round begins; new ones are introduced once.
      int[][] newList = new int[n][];
      int[][] oldList = new int[n][];
      for (int i = 0; i < n; i++) {
        int nn = 0;
        for (int s = 0; s < m; s++) {
          nn += fresh[i * m + s] ? 1 : 0;
        }
        newList[i] = new int[nn];
        oldList[i] = new int[m - nn];
        int a = 0;
        int b = 0;
        for (int s = 0; s < m; s++) {
          if (fresh[i * m + s]) {
            newList[i][a++] = idx[i * m + s];
          } else {
            oldList[i][b++] = idx[i * m + s];
          }
          fresh[i * m + s] = false;
        }
      }
      int[][] revNew = reverse(newList, n, maxCandidates, seed, r, 0);
      int[][] revOld = reverse(oldList, n, maxCandidates, seed, r, 1);
      System.arraycopy(idx, 0, start, 0, idx.length);
      Object[] locks = new Object[Math.min(n, 4096)];
      for (int l = 0; l < locks.length; l++) {
        locks[l] = new Object();
      }
      parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
        for (int u = t * CELLS_PER_TASK; u < Math.min(n, (t + 1) * CELLS_PER_TASK); u++) {
          int[] nw = union(newList[u], revNew[u]);
          int[] od = union(oldList[u], revOld[u]);
          for (int a = 0; a < nw.length; a++) {
            int p = nw[a];
            for (int b = a + 1; b < nw.length; b++) {
              propose(data, d, m, dist, idx, locks, p, nw[b]);
            }
            for (int q : od) {
              if (q != p) {
                propose(data, d, m, dist, idx, locks, p, q);
              }
            }
          }
        }
      });
      // Marks against the round's start: the same whatever order proposals landed in.
      AtomicLongArray changed = new AtomicLongArray(1);
      parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
        long c = 0;
        for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
          for (int s = 0; s < m; s++) {
            boolean isNew = !contains(start, i * m, m, idx[i * m + s]);
            fresh[i * m + s] = isNew;
            c += isNew ? 1 : 0;
          }
        }
        changed.addAndGet(0, c);
      });
      if (changed.get(0) <= DELTA * n * m) {
        break;
      }
    }
    // The k - 1 nearest of each list.
    int[] best = new int[n * want];
    for (int i = 0; i < n; i++) {
      Integer[] order = new Integer[m];
      for (int s = 0; s < m; s++) {
        order[s] = i * m + s;
      }
      Arrays.sort(order, (a, b) -> greater(dist[a], idx[a], dist[b], idx[b]) ? 1
          : greater(dist[b], idx[b], dist[a], idx[a]) ? -1 : 0);
      for (int s = 0; s < want; s++) {
        best[i * want + s] = idx[order[s]];
      }
    }
    task.close();
    return ExactKnn.finish(data, n, d, k, best, metric, parallel);
  }

  /** Offers q to p's list and p to q's, each under its row's lock. */
  private static void propose(double[] data, int d, int m, double[] dist, int[] idx, Object[] locks, int p, int q) {
    double dd = squared(data, p, q, d);
    synchronized (locks[p % locks.length]) {
      offer(dist, idx, p * m, m, dd, q);
    }
    synchronized (locks[q % locks.length]) {
      offer(dist, idx, q * m, m, dd, p);
    }
  }

  /** Keeps the m smallest (distance, index) pairs of a full max-heap; ignores one already there. */
  private static void offer(double[] dist, int[] idx, int off, int m, double dd, int j) {
    if (dd > dist[off] || (dd == dist[off] && j >= idx[off]) || contains(idx, off, m, j)) {
      return;
    }
    dist[off] = dd;
    idx[off] = j;
    siftDown(dist, idx, off, 0, m);
  }

  private static boolean contains(int[] idx, int off, int len, int j) {
    for (int s = 0; s < len; s++) {
      if (idx[off + s] == j) {
        return true;
      }
    }
    return false;
  }

  private static void heapify(double[] dist, int[] idx, int off, int m) {
    for (int c = m / 2 - 1; c >= 0; c--) {
      siftDown(dist, idx, off, c, m);
    }
  }

  private static void siftDown(double[] dist, int[] idx, int off, int c, int m) {
    while (true) {
      int l = 2 * c + 1;
      if (l >= m) {
        return;
      }
      int big = l + 1 < m && greater(dist[off + l + 1], idx[off + l + 1], dist[off + l], idx[off + l]) ? l + 1 : l;
      if (!greater(dist[off + big], idx[off + big], dist[off + c], idx[off + c])) {
        return;
      }
      double td = dist[off + c];
      int ti = idx[off + c];
      dist[off + c] = dist[off + big];
      idx[off + c] = idx[off + big];
      dist[off + big] = td;
      idx[off + big] = ti;
      c = big;
    }
  }

  private static boolean greater(double d1, int i1, double d2, int i2) {
    return d1 > d2 || (d1 == d2 && i1 > i2);
  }

  private static double squared(double[] x, int a, int b, int d) {
    double s = 0;
    int oa = a * d;
    int ob = b * d;
    for (int c = 0; c < d; c++) {
      double diff = x[oa + c] - x[ob + c];
      s += diff * diff;
    }
    return s;
  }

  /** Who lists each cell, at most max per cell, kept by a seeded random priority. */
  private static int[][] reverse(int[][] lists, int n, int max, long seed, int round, int kind) {
    int[] count = new int[n];
    for (int[] list : lists) {
      for (int v : list) {
        count[v]++;
      }
    }
    int[][] out = new int[n][];
    for (int v = 0; v < n; v++) {
      out[v] = new int[count[v]];
    }
    int[] fill = new int[n];
    for (int u = 0; u < n; u++) {
      for (int v : lists[u]) {
        out[v][fill[v]++] = u;
      }
    }
    for (int v = 0; v < n; v++) {
      if (out[v].length > max) {
        int vv = v;
        long[] keyed = new long[out[v].length];
        for (int s = 0; s < keyed.length; s++) {
          long priority = mix(seed, round * 2 + kind, vv, out[v][s]) >>> 33;
          keyed[s] = (priority << 31) | out[v][s];
        }
        Arrays.sort(keyed);
        int[] kept = new int[max];
        for (int s = 0; s < max; s++) {
          kept[s] = (int) (keyed[s] & 0x7fffffffL);
        }
        out[v] = kept;
      }
    }
    return out;
  }

  private static int[] union(int[] a, int[] b) {
    int[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    int len = 0;
    for (int s = 0; s < all.length; s++) {
      if (s == 0 || all[s] != all[s - 1]) {
        all[len++] = all[s];
      }
    }
    return Arrays.copyOf(all, len);
  }

  /** SplitMix64 of (seed, stream, cell, draw). */
  private static long mix(long seed, int stream, int cell, int draw) {
    return Seeds.mix2(Seeds.stream(seed, ((long) stream << 40) + ((long) cell << 20) + draw)) + Seeds.GOLDEN;
  }
}
