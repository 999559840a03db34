package org.myelin.core.score;

import org.myelin.core.random.Seeds;
import java.util.Arrays;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/**
 * AUCell scores (Aibar et al., Nat Methods 2017; the R package and decoupler's {@code run_aucell}):
 * each cell ranks its genes by decreasing expression, and a set scores the area under its recovery
 * curve (how many of its genes are found by each rank) up to {@code aucMaxRank}, divided by the
 * largest area a set of its size could have. Ties are broken by a random order, as both packages
 * do; here equal values are ordered by a hash of (seed, cell, gene) and the unexpressed genes by a
 * seeded permutation of each cell's own, so a seed gives one answer on any number of threads, and
 * a cell costs a sort of its expressed genes only.
 */
public final class AUCell {

  private static final int CELLS_PER_TASK = 1024;

  private AUCell() {}

  /** The packages' default threshold: 5% of the genes, rounded up. */
  public static int defaultMaxRank(int nGenes) {
    return (int) Math.ceil(0.05 * nGenes);
  }

  /** @return scores[set][cell] */
  public static double[][] score(CsrMatrix x, int[][] sets, int maxRank, long seed, Parallel parallel) {
    return score(x, 0, sets, maxRank, seed, parallel);
  }

  /**
   * Scores of the cells of {@code x}, which are cells {@code firstRow}, {@code firstRow + 1}, ... of
   * the whole data (ties are broken by cell number, so a chunk scores as it would in the whole).
   *
   * @return scores[set][cell of x]
   */
  public static double[][] score(CsrMatrix x, int firstRow, int[][] sets, int maxRank, long seed, Parallel parallel) {
    int n = x.nRows();
    int g = x.nCols();
    if (maxRank < 1 || maxRank > g) {
      throw new IllegalArgumentException("Invalid aucMaxRank: " + maxRank + " (1 to " + g + ")");
    }
    double[] maxAuc = new double[sets.length];
    for (int s = 0; s < sets.length; s++) {
      maxAuc[s] = area(firstRanks(sets[s].length, maxRank), maxRank);
    }
    double[][] out = new double[sets.length][n];
    int tasks = (n + CELLS_PER_TASK - 1) / CELLS_PER_TASK;
    // Only the ranks of genes in some set are ever looked up.
    boolean[] inSet = new boolean[g];
    for (int[] set : sets) {
      for (int j : set) {
        inSet[j] = true;
      }
    }
    int halfBits = Math.max(1, (32 - Integer.numberOfLeadingZeros(Math.max(1, g - 1)) + 1) / 2);
    parallel.forEach(tasks, t -> {
      int[] rank = new int[g];
      Arrays.fill(rank, Integer.MAX_VALUE);
      int[] found = new int[0];
      for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
        int cell = firstRow + i;
        CsrMatrix.Row entries = x.row(i);
        CsrBlock block = entries.block();
        int from = entries.start();
        int len = entries.nnz();
        // One primitive sort of the expressed genes by (value down, random key up), both packed in a
        // long; then each expressed set gene's rank is its key's place.
        long[] keys = new long[len];
        int expressed = 0;
        for (int e = 0; e < len; e++) {
          double v = block.value(from + e);
          if (v != 0) {
            keys[expressed++] = key(v, tieKey(seed, cell, block.index(from + e)));
          }
        }
        Arrays.sort(keys, 0, expressed);
        for (int e = 0; e < len; e++) {
          int j = block.index(from + e);
          double v = block.value(from + e);
          if (v != 0 && inSet[j]) {
            int pos = Arrays.binarySearch(keys, 0, expressed, key(v, tieKey(seed, cell, j)));
            rank[j] = pos + 1 < maxRank ? pos + 1 : Integer.MAX_VALUE - 1;
          }
        }
        // Unexpressed genes follow in a random order: the cell's own pseudo-random permutation p of
        // all genes, so that an unexpressed gene j has p(j) - #{expressed k: p(k) < p(j)} unexpressed
        // genes before it, with no pass over every gene. Needed only when they reach the threshold.
        int[] expressedPlaces = null;
        long cellKey = 0;
        if (expressed + 1 < maxRank) {
          cellKey = mix(seed, cell, -1);
          expressedPlaces = new int[expressed];
          int c = 0;
          for (int e = 0; e < len; e++) {
            if (block.value(from + e) != 0) {
              expressedPlaces[c++] = permute(block.index(from + e), g, cellKey, halfBits);
            }
          }
          Arrays.sort(expressedPlaces);
        }
        for (int s = 0; s < sets.length; s++) {
          int[] set = sets[s];
          if (found.length < set.length) {
            found = new int[set.length];
          }
          int m = 0;
          for (int j : set) {
            int rk = rank[j];
            if (rk == Integer.MAX_VALUE && expressedPlaces != null) {
              int place = permute(j, g, cellKey, halfBits);
              int before = -Arrays.binarySearch(expressedPlaces, place) - 1;
              rk = expressed + 1 + place - before;
            }
            if (rk < maxRank) {
              found[m++] = rk;
            }
          }
          Arrays.sort(found, 0, m);
          out[s][i] = maxAuc[s] == 0 ? 0 : area(Arrays.copyOf(found, m), maxRank) / maxAuc[s];
        }
        for (int e = 0; e < len; e++) {
          rank[block.index(from + e)] = Integer.MAX_VALUE;
        }
      }
    });
    return out;
  }

  /**
   * A keyed pseudo-random permutation of 0..g-1: a four-round Feistel network on 2 x halfBits bits,
   * walked until it lands below g (Black &amp; Rogaway's cycle walking), so it stays a bijection.
   */
  static int permute(int gene, int g, long key, int halfBits) {
    int mask = (1 << halfBits) - 1;
    int v = gene;
    do {
      int left = v >>> halfBits;
      int right = v & mask;
      for (int round = 0; round < 4; round++) {
        long z = (key + round * Seeds.GOLDEN) ^ right;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        int f = (int) (z >>> 32) & mask;
        int next = left ^ f;
        left = right;
        right = next;
      }
      v = (left << halfBits) | right;
    } while (v >= g);
    return v;
  }

  /** A sort key: the value descending (as float32, whatever its sign), then the tie key ascending. */
  private static long key(double v, int tie) {
    int bits = Float.floatToIntBits((float) v);
    int ascending = bits ^ ((bits >> 31) | 0x80000000); // unsigned order = numeric order
    long descending = ~ascending & 0xffffffffL;
    return ((descending << 32) | (tie ^ 0x80000000) & 0xffffffffL) ^ Long.MIN_VALUE;
  }

  /** The ranks 1, 2, ... a set of n genes would have at best, those below the threshold. */
  private static int[] firstRanks(int n, int maxRank) {
    int k = Math.min(n, maxRank - 1);
    int[] r = new int[Math.max(0, k)];
    for (int t = 0; t < r.length; t++) {
      r[t] = t + 1;
    }
    return r;
  }

  /** sum over the sorted ranks x of (next rank or the threshold - x) * (how many found so far). */
  private static double area(int[] x, int maxRank) {
    double a = 0;
    for (int t = 0; t < x.length; t++) {
      int next = t + 1 < x.length ? x[t + 1] : maxRank;
      a += (double) (next - x[t]) * (t + 1);
    }
    return a;
  }

  /** The random order of a cell's tied genes: the top 32 bits of a seeded hash of (cell, gene). */
  private static int tieKey(long seed, int cell, int gene) {
    return (int) (mix(seed, cell, gene) >>> 32);
  }

  private static long mix(long seed, int cell, int gene) {
    return Seeds.mix2(Seeds.stream(seed, ((long) cell << 24) + gene)) + Seeds.GOLDEN;
  }
}
