package org.myelin.core.graph;

import org.myelin.core.random.Seeds;
import java.util.Arrays;
import org.myelin.core.matrix.IntSearch;
import org.myelin.core.matrix.SquaredDistance;
import java.util.concurrent.atomic.AtomicLongArray;
import org.myelin.core.parallel.Parallel;

/**
 * Approximate k nearest neighbours by NN-descent (Dong, Moses &amp; Li, WWW 2011), the method of
 * pynndescent that scanpy uses from 8,192 cells on: start from the leaves of a random-projection
 * forest (as pynndescent does), then repeatedly let each cell introduce its neighbours (and the
 * cells that list it) to one another, keeping the nearest seen, until fewer than 0.1% of the lists
 * change in a round.
 *
 * <p>Chosen over HNSW (hnswlib-core) because its rounds can be made deterministic on any number of
 * threads without a second copy of the data in an index: a round reads only the lists as they stood
 * when it began, every list keeps the smallest (distance, index) pairs of everything proposed to
 * it, which does not depend on the order of the proposals, and the "new" marks are recomputed against
 * the round's start. Random choices (the start, the trees, the sampling of reverse lists) come from a
 * counter-based stream keyed by the seed. Rows are locked one at a time while proposals land.
 */
public final class NnDescent {

  private static final int MAX_ROUNDS = 30;
  /** Lists of three times k - 1, rounded up to whole vectors of the list search. */
  private static final int LIST_FACTOR = 3;
  private static final int LIST_ROUND = 8;
  private static final double DELTA = 0.001;
  private static final int CELLS_PER_TASK = 256;
  /** pynndescent's forest: 5 + n^(1/4) trees, at most 32, leaves of max(10, k) cells. */
  private static final int MAX_TREES = 32;
  private static final int MIN_LEAF = 10;

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
    double[] rows = metric == ExactKnn.Metric.COSINE ? ExactKnn.unitRows(x, n, d) : x;
    // The search compares float32 distances (half the memory read per pair); the distances returned
    // are computed again in double from the rows by ExactKnn.finish.
    // Rows padded with zeros to whole blocks of the distance kernel (adding nothing to a distance).
    int dp = (d + SquaredDistance.BLOCK - 1) / SquaredDistance.BLOCK * SquaredDistance.BLOCK;
    float[] data = new float[n * dp];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        data[i * dp + c] = (float) rows[i * d + c];
      }
    }
    // Lists three times as long as asked for, cut to k - 1 at the end: the extra entries carry the
    // search to neighbours a list of k - 1 would have lost (recall@15 on 100k simulated cells: 0.92
    // with 28 entries, 0.976 with 40, 0.987 with 48; pynndescent's lists of 15 reach 0.83 there).
    int want = k - 1;
    int m = Math.min(n - 1, (LIST_FACTOR * want + LIST_ROUND - 1) / LIST_ROUND * LIST_ROUND);
    float[] dist = new float[n * m];
    int[] idx = new int[n * m];
    boolean[] fresh = new boolean[n * m];
    Object[] locks = new Object[Math.min(n, 4096)];
    for (int l = 0; l < locks.length; l++) {
      locks[l] = new Object();
    }
    // Random start: m distinct other cells per cell.
    parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
      for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
        int filled = 0;
        for (int draw = 0; filled < m; draw++) {
          int j = (int) Long.remainderUnsigned(mix(seed, -1, i, draw), n);
          if (j == i || IntSearch.contains(idx, i * m, filled, j)) {
            continue;
          }
          idx[i * m + filled] = j;
          dist[i * m + filled] = SquaredDistance.of(data, i * dp, data, j * dp, dp);
          filled++;
        }
        heapify(dist, idx, i * m, m);
      }
    });
    // Then the cells that share a leaf of a random-projection tree are introduced to one another, as
    // pynndescent starts: most true neighbours are found here, and the rounds only mend the rest.
    int trees = Math.min(MAX_TREES, 5 + (int) Math.round(Math.pow(n, 0.25)));
    int leafSize = Math.max(MIN_LEAF, k);
    parallel.forEach(trees, tree -> {
      for (int[] leaf : RandomProjectionTree.leaves(data, n, dp, leafSize, seed, tree)) {
        for (int a = 0; a < leaf.length; a++) {
          for (int b = a + 1; b < leaf.length; b++) {
            propose(data, dp, m, dist, idx, locks, leaf[a], leaf[b]);
          }
        }
      }
    });
    Arrays.fill(fresh, true);
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
      // Reverse lists are capped at a list's length, as pynndescent caps its candidates.
      int[][] revNew = reverse(newList, n, m, seed, r, 0);
      int[][] revOld = reverse(oldList, n, m, seed, r, 1);
      System.arraycopy(idx, 0, start, 0, idx.length);
      parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
        for (int u = t * CELLS_PER_TASK; u < Math.min(n, (t + 1) * CELLS_PER_TASK); u++) {
          int[] nw = union(newList[u], revNew[u]);
          int[] od = union(oldList[u], revOld[u]);
          for (int a = 0; a < nw.length; a++) {
            int p = nw[a];
            for (int b = a + 1; b < nw.length; b++) {
              propose(data, dp, m, dist, idx, locks, p, nw[b]);
            }
            for (int q : od) {
              if (q != p) {
                propose(data, dp, m, dist, idx, locks, p, q);
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
            boolean isNew = !IntSearch.contains(start, i * m, m, idx[i * m + s]);
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
    // The k - 1 nearest of each list: the heap sorted in place (largest to the end), then its head.
    int[] best = new int[n * want];
    parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
      for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
        int off = i * m;
        for (int size = m; size > 0; size--) {
          // Move the largest to the end of the heap, then restore the heap on what is left.
          swap(dist, idx, off, off + size - 1);
          siftDown(dist, idx, off, 0, size - 1);
        }
        System.arraycopy(idx, off, best, i * want, want);
      }
    });
    task.close();
    return ExactKnn.finish(rows, n, d, k, best, metric, parallel);
  }

  /** Offers q to p's list and p to q's, each under its row's lock unless it is too far for the list. */
  private static void propose(float[] data, int d, int m, float[] dist, int[] idx, Object[] locks, int p, int q) {
    float dd = SquaredDistance.of(data, p * d, data, q * d, d);
    // A list's largest distance only falls while proposals land, so one read without the lock that
    // already finds dd beyond it is final: most proposals end here, without taking the lock.
    if (dd <= dist[p * m]) {
      synchronized (locks[p % locks.length]) {
        offer(dist, idx, p * m, m, dd, q);
      }
    }
    if (dd <= dist[q * m]) {
      synchronized (locks[q % locks.length]) {
        offer(dist, idx, q * m, m, dd, p);
      }
    }
  }

  /** Keeps the m smallest (distance, index) pairs of a full max-heap; ignores one already there. */
  private static void offer(float[] dist, int[] idx, int off, int m, float dd, int j) {
    if (dd > dist[off] || (dd == dist[off] && j >= idx[off]) || IntSearch.contains(idx, off, m, j)) {
      return;
    }
    // The new pair sinks from the top through a hole: the top changes once, from the old largest
    // distance straight to the new one, so a read without the lock never sees a smaller value.
    int c = 0;
    while (true) {
      int l = 2 * c + 1;
      if (l >= m) {
        break;
      }
      int big = l + 1 < m && greater(dist[off + l + 1], idx[off + l + 1], dist[off + l], idx[off + l]) ? l + 1 : l;
      if (!greater(dist[off + big], idx[off + big], dd, j)) {
        break;
      }
      dist[off + c] = dist[off + big];
      idx[off + c] = idx[off + big];
      c = big;
    }
    dist[off + c] = dd;
    idx[off + c] = j;
  }

  private static void heapify(float[] dist, int[] idx, int off, int m) {
    for (int c = m / 2 - 1; c >= 0; c--) {
      siftDown(dist, idx, off, c, m);
    }
  }

  private static void siftDown(float[] dist, int[] idx, int off, int c, int m) {
    while (true) {
      int l = 2 * c + 1;
      if (l >= m) {
        return;
      }
      int big = l + 1 < m && greater(dist[off + l + 1], idx[off + l + 1], dist[off + l], idx[off + l]) ? l + 1 : l;
      if (!greater(dist[off + big], idx[off + big], dist[off + c], idx[off + c])) {
        return;
      }
      swap(dist, idx, off + c, off + big);
      c = big;
    }
  }

  private static void swap(float[] dist, int[] idx, int a, int b) {
    float td = dist[a];
    int ti = idx[a];
    dist[a] = dist[b];
    idx[a] = idx[b];
    dist[b] = td;
    idx[b] = ti;
  }

  private static boolean greater(float d1, int i1, float d2, int i2) {
    return d1 > d2 || (d1 == d2 && i1 > i2);
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
