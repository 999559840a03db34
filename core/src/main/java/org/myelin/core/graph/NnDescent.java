package org.myelin.core.graph;

import org.myelin.core.random.Seeds;
import java.util.Arrays;
import org.myelin.core.matrix.IntSearch;
import org.myelin.core.matrix.SquaredDistance;
import org.myelin.core.matrix.TileDistance;
import java.util.concurrent.atomic.AtomicLongArray;
import org.myelin.core.parallel.Parallel;

/**
 * Approximate k nearest neighbours by NN-descent (Dong, Moses &amp; Li, WWW 2011), the method of
 * pynndescent that scanpy uses from 8,192 cells on: start from the leaves of a random-projection
 * forest (as pynndescent does), then repeatedly let each cell introduce its neighbours (and the
 * cells that list it) to one another, keeping the nearest seen, until fewer than 0.2% of the list
 * entries change in a round.
 *
 * <p>Chosen over HNSW (hnswlib-core) because its rounds can be made deterministic on any number of
 * threads without a second copy of the data in an index: a round reads only the lists as they stood
 * when it began, every list keeps the smallest (distance, index) pairs of everything proposed to
 * it, which does not depend on the order of the proposals, and the "new" marks are recomputed against
 * the round's start. Random choices (the start, the trees, the sampling of reverse lists) come from a
 * counter-based stream keyed by the seed.
 *
 * <p>Three choices make it fast. The cells are renumbered in the order of one random-projection tree's
 * leaves, so that a cell's neighbours, their rows and their lists sit close together in memory
 * (the search is bound by memory latency more than arithmetic). The candidates a cell introduces
 * are copied once into a {@link TileDistance} tile and compared there, eight at a time, rather than
 * read again for every pair. And the proposals of a batch of cells are
 * first collected, then applied by the threads, each to the lists of its own stripes of rows: no
 * list is ever locked, and no list is read while another thread writes it. A list receives its
 * proposals in the same order whatever the number of threads.
 */
public final class NnDescent {

  private static final int MAX_ROUNDS = 30;
  /** Lists of two and a half times k - 1, rounded up to whole vectors of the list search. */
  private static final int LIST_ROUND = 8;
  /** Rounds stop when fewer than this share of list entries change (pynndescent's delta is 0.001). */
  private static final double DELTA = 0.006;
  private static final int CELLS_PER_TASK = 256;
  /** Cells (or leaves) whose proposals are collected before they are applied. */
  private static final int BATCH = 4096;
  /** Rows go to thread (row / 64) mod threads when proposals are applied. */
  private static final int STRIPE_ROWS = 64;
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
    // Rows padded with zeros to whole blocks of the trees' distance kernel (adding nothing to a distance).
    int dp = (d + SquaredDistance.BLOCK - 1) / SquaredDistance.BLOCK * SquaredDistance.BLOCK;
    float[] input = new float[n * dp];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        input[i * dp + c] = (float) rows[i * d + c];
      }
    }
    int leafSize = Math.max(MIN_LEAF, k);
    // The search runs on the cells renumbered in the order of a tree's leaves (a tree of its own,
    // numbered past the forest's): cell i of the search is cell order[i] of the input.
    int[] order = new int[n];
    int placed = 0;
    for (int[] leaf : RandomProjectionTree.leaves(input, n, dp, leafSize, seed, MAX_TREES, parallel)) {
      System.arraycopy(leaf, 0, order, placed, leaf.length);
      placed += leaf.length;
    }
    float[] data = new float[n * dp];
    for (int i = 0; i < n; i++) {
      System.arraycopy(input, order[i] * dp, data, i * dp, dp);
    }
    // Lists longer than asked for, cut to k - 1 at the end: the extra entries carry the search to
    // neighbours a list of k - 1 would have lost (recall@15 on the PCA of 100k simulated cells: 0.977
    // with 32 entries, 0.991 with 40, 0.996 with 48; pynndescent's lists of 15
    // reach 0.83 on the same section).
    int want = k - 1;
    int m = Math.min(n - 1, (5 * want / 2 + LIST_ROUND - 1) / LIST_ROUND * LIST_ROUND);
    float[] dist = new float[n * m];
    int[] idx = new int[n * m];
    boolean[] fresh = new boolean[n * m];
    Lists lists = new Lists(data, dp, d, m, dist, idx);
    // Empty lists: (infinity, -1) pairs, larger than any pair a list will keep.
    Arrays.fill(dist, Float.POSITIVE_INFINITY);
    Arrays.fill(idx, -1);
    // The cells that share a leaf of a random-projection tree are introduced to one another, as
    // pynndescent starts: most true neighbours are found here, and the rounds only mend the rest.
    int trees = Math.min(MAX_TREES, 5 + (int) Math.round(Math.pow(n, 0.25)));
    int[][][] forest = new int[trees][][];
    parallel.forEach(trees, tree -> forest[tree] = RandomProjectionTree.leaves(data, n, dp, leafSize, seed, tree)
        .toArray(int[][]::new));
    int[][] leaves = Arrays.stream(forest).flatMap(Arrays::stream).toArray(int[][]::new);
    int[] none = new int[0];
    lists.join(leaves.length, (leaf, out) -> out.introduce(leaves[leaf], leaves[leaf].length, none, 0), parallel);
    // A list the leaves left short is filled with distinct random cells, as pynndescent's init_random.
    parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
      for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
        if (idx[i * m] >= 0) {
          continue; // a heap's head is an empty pair while any is left
        }
        int filled = 0;
        for (int s = 0; s < m; s++) {
          if (idx[i * m + s] >= 0) {
            idx[i * m + filled] = idx[i * m + s];
            dist[i * m + filled++] = dist[i * m + s];
          }
        }
        for (int draw = 0; filled < m; draw++) {
          int j = (int) Long.remainderUnsigned(mix(seed, -1, i, draw), n);
          if (j == i || IntSearch.contains(idx, i * m, filled, j)) {
            continue;
          }
          idx[i * m + filled] = j;
          dist[i * m + filled] = TileDistance.pair(data, i * dp, data, j * dp, d);
          filled++;
        }
        heapify(dist, idx, i * m, m);
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
      parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
        for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
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
      });
      // Reverse lists are capped at a list's length, as pynndescent caps its candidates.
      int[][] revNew = reverse(newList, n, m, seed, r, 0, parallel);
      int[][] revOld = reverse(oldList, n, m, seed, r, 1, parallel);
      System.arraycopy(idx, 0, start, 0, idx.length);
      lists.join(n, (u, out) -> out.introduce(newList[u], revNew[u], oldList[u], revOld[u]), parallel);
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
    // The k - 1 nearest of each list: the heap sorted in place (largest to the end), then its head,
    // numbered as the input.
    int[] best = new int[n * want];
    parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
      for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
        int off = i * m;
        for (int size = m; size > 0; size--) {
          // Move the largest to the end of the heap, then restore the heap on what is left.
          swap(dist, idx, off, off + size - 1);
          siftDown(dist, idx, off, 0, size - 1);
        }
        for (int s = 0; s < want; s++) {
          best[order[i] * want + s] = order[idx[off + s]];
        }
      }
    });
    task.close();
    return ExactKnn.finish(rows, n, d, k, best, metric, parallel);
  }

  /** What one cell (or leaf) of a batch proposes, given the proposals of the task it belongs to. */
  @FunctionalInterface
  private interface Join {
    void run(int unit, Proposals out);
  }

  /** The neighbour lists (max-heaps of m pairs per cell) and the data their distances come from. */
  private static final class Lists {
    final float[] data;
    /** Values per row of data (padded), and those compared. */
    final int rowLength;
    final int dims;
    final int m;
    final float[] dist;
    final int[] idx;
    /**
     * Each list's largest distance, the bar a proposal must clear: read for every proposal, so kept
     * in one small array rather than at the head of each list (the reads stay in cache).
     */
    final float[] bar;

    Lists(float[] data, int rowLength, int dims, int m, float[] dist, int[] idx) {
      this.data = data;
      this.rowLength = rowLength;
      this.dims = dims;
      this.m = m;
      this.dist = dist;
      this.idx = idx;
      this.bar = new float[dist.length / m];
    }

    /**
     * Runs {@code join} for units 0..units-1, a batch at a time: the batch's tasks collect their
     * proposals while the lists stand still, then each thread takes the proposals made to its rows,
     * task by task. The lists end the same whatever the order, since each keeps the m smallest pairs.
     */
    void join(int units, Join join, Parallel parallel) {
      for (int i = 0; i < bar.length; i++) {
        bar[i] = dist[i * m];
      }
      int tasksPerBatch = (BATCH + CELLS_PER_TASK - 1) / CELLS_PER_TASK;
      Proposals[] found = new Proposals[tasksPerBatch];
      for (int t = 0; t < tasksPerBatch; t++) {
        found[t] = new Proposals(this);
      }
      for (int from = 0; from < units; from += BATCH) {
        int to = Math.min(units, from + BATCH);
        int tasks = (to - from + CELLS_PER_TASK - 1) / CELLS_PER_TASK;
        int first = from;
        parallel.forEach(tasks, t -> {
          Proposals out = found[t];
          out.clear();
          for (int u = first + t * CELLS_PER_TASK; u < Math.min(to, first + (t + 1) * CELLS_PER_TASK); u++) {
            join.run(u, out);
          }
        });
        int threads = parallel.threads();
        parallel.forEach(threads, thread -> {
          for (int t = 0; t < tasks; t++) {
            found[t].apply(thread, threads);
          }
        });
      }
    }
  }

  /** One task's proposals that may enter a list: the list's row, the cell proposed, their distance. */
  private static final class Proposals {
    private final Lists lists;
    private int[] row = new int[1024];
    private int[] other = new int[1024];
    private float[] dist = new float[1024];
    private int size;
    /** The cells introduced, dimension by dimension, and the distances from one of them to the rest. */
    private float[] tile = new float[0];
    private float[] toRest = new float[0];
    /** The rows of the cells introduced, copied whole on their way into the tile. */
    private float[] rows = new float[0];
    private int[] freshUnion = new int[0];
    private int[] oldUnion = new int[0];

    Proposals(Lists lists) {
      this.lists = lists;
    }

    void clear() {
      size = 0;
    }

    /**
     * Introduces the new cells to one another and to the old ones, offering each pair to both lists.
     * The lists do not change while proposals are collected, so a pair already beyond a list's
     * largest distance is dropped here: most proposals end without being kept.
     */
    void introduce(int[] fresh, int nFresh, int[] old, int nOld) {
      int all = nFresh + nOld;
      int stride = TileDistance.stride(all);
      int dims = lists.dims;
      if (toRest.length < stride) {
        toRest = new float[2 * stride];
        tile = new float[2 * stride * dims];
        rows = new float[2 * stride * lists.rowLength];
      }
      TileDistance.fill(lists.data, lists.rowLength, dims, fresh, nFresh, 0, tile, stride, rows);
      TileDistance.fill(lists.data, lists.rowLength, dims, old, nOld, nFresh, tile, stride, rows);
      for (int a = 0; a < nFresh; a++) {
        int p = fresh[a];
        if (a + 1 < all) {
          TileDistance.distances(lists.data, p * lists.rowLength, tile, stride, dims, a + 1, all, toRest);
        }
        for (int b = a + 1; b < nFresh; b++) {
          propose(p, fresh[b], toRest[b]);
        }
        for (int b = 0; b < nOld; b++) {
          if (old[b] != p) {
            propose(p, old[b], toRest[nFresh + b]);
          }
        }
      }
    }

    /**
     * A cell's round: the union of its new neighbours and the cells that newly list it, introduced
     * to one another and to the union of the old ones (merged in this task's own buffers).
     */
    void introduce(int[] fresh, int[] freshReverse, int[] old, int[] oldReverse) {
      if (freshUnion.length < fresh.length + freshReverse.length) {
        freshUnion = new int[2 * (fresh.length + freshReverse.length)];
      }
      if (oldUnion.length < old.length + oldReverse.length) {
        oldUnion = new int[2 * (old.length + oldReverse.length)];
      }
      introduce(freshUnion, union(fresh, freshReverse, freshUnion), oldUnion, union(old, oldReverse, oldUnion));
    }

    private void propose(int p, int q, float dd) {
      if (dd <= lists.bar[p]) {
        add(p, q, dd);
      }
      if (dd <= lists.bar[q]) {
        add(q, p, dd);
      }
    }

    private void add(int p, int q, float dd) {
      if (size == row.length) {
        row = Arrays.copyOf(row, size * 2);
        other = Arrays.copyOf(other, size * 2);
        dist = Arrays.copyOf(dist, size * 2);
      }
      row[size] = p;
      other[size] = q;
      dist[size++] = dd;
    }

    /** Lands this task's proposals to the rows of thread {@code thread} of {@code threads}. */
    void apply(int thread, int threads) {
      int m = lists.m;
      for (int a = 0; a < size; a++) {
        int r = row[a];
        if ((r / STRIPE_ROWS) % threads == thread) {
          offer(lists.dist, lists.idx, r * m, m, dist[a], other[a]);
          lists.bar[r] = lists.dist[r * m];
        }
      }
    }
  }

  /** Keeps the m smallest (distance, index) pairs of a full max-heap; ignores one already there. */
  private static void offer(float[] dist, int[] idx, int off, int m, float dd, int j) {
    if (dd > dist[off] || (dd == dist[off] && j >= idx[off]) || IntSearch.contains(idx, off, m, j)) {
      return;
    }
    // The new pair sinks from the top through a hole.
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

  /**
   * Who lists each cell, ascending, at most max per cell, kept by a seeded random priority. Counted
   * and dealt on one thread in cell order, so each cell's listers arrive sorted; the lists are then
   * cut and copied out in parallel.
   */
  private static int[][] reverse(int[][] lists, int n, int max, long seed, int round, int kind, Parallel parallel) {
    int[] start = new int[n + 1];
    for (int u = 0; u < n; u++) {
      for (int v : lists[u]) {
        start[v + 1]++;
      }
    }
    for (int v = 0; v < n; v++) {
      start[v + 1] += start[v];
    }
    int[] listers = new int[start[n]];
    int[] fill = Arrays.copyOf(start, n);
    for (int u = 0; u < n; u++) {
      for (int v : lists[u]) {
        listers[fill[v]++] = u;
      }
    }
    int[][] out = new int[n][];
    parallel.forEach((n + CELLS_PER_TASK - 1) / CELLS_PER_TASK, t -> {
      long[] keyed = new long[0];
      for (int v = t * CELLS_PER_TASK; v < Math.min(n, (t + 1) * CELLS_PER_TASK); v++) {
        int lo = start[v];
        int count = start[v + 1] - lo;
        if (count <= max) {
          out[v] = Arrays.copyOfRange(listers, lo, lo + count);
          continue;
        }
        if (keyed.length < count) {
          keyed = new long[2 * count];
        }
        for (int s = 0; s < count; s++) {
          long priority = mix(seed, round * 2 + kind, v, listers[lo + s]) >>> 33;
          keyed[s] = (priority << 31) | listers[lo + s];
        }
        Arrays.sort(keyed, 0, count);
        int[] kept = new int[max];
        for (int s = 0; s < max; s++) {
          kept[s] = (int) (keyed[s] & 0x7fffffffL);
        }
        out[v] = kept;
      }
    });
    return out;
  }

  /** The distinct cells of a and b, ascending, into out; returns how many. */
  private static int union(int[] a, int[] b, int[] out) {
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    int total = a.length + b.length;
    Arrays.sort(out, 0, total);
    int len = 0;
    for (int s = 0; s < total; s++) {
      if (s == 0 || out[s] != out[s - 1]) {
        out[len++] = out[s];
      }
    }
    return len;
  }

  /** SplitMix64 of (seed, stream, cell, draw). */
  private static long mix(long seed, int stream, int cell, int draw) {
    return Seeds.mix2(Seeds.stream(seed, ((long) stream << 40) + ((long) cell << 20) + draw)) + Seeds.GOLDEN;
  }
}
