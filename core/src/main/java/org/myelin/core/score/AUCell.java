package org.myelin.core.score;

import java.util.Arrays;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/**
 * AUCell scores (Aibar et al., Nat Methods 2017; the R package and decoupler's {@code run_aucell}):
 * each cell ranks its genes by decreasing expression, and a set scores the area under its recovery
 * curve (how many of its genes are found by each rank) up to {@code aucMaxRank}, divided by the
 * largest area a set of its size could have. Ties are broken by a random order, as both packages
 * do; here the order comes from a hash of (seed, cell, gene), so a seed gives one answer on any
 * number of threads.
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
    parallel.forEach(tasks, t -> {
      int[] rank = new int[g];
      for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
        int b = x.blockOfRow(i);
        CsrBlock block = x.block(b);
        int r = i - x.rowOffset(b);
        int from = block.rowStart(r);
        int len = block.rowStart(r + 1) - from;
        // Order the expressed genes: value down, then the random key.
        long[][] keyed = new long[len][];
        int expressed = 0;
        for (int e = 0; e < len; e++) {
          double v = block.value(from + e);
          if (v != 0) {
            int j = block.index(from + e);
            keyed[expressed++] = new long[] {Double.doubleToLongBits(v), mix(seed, i, j), j};
          }
        }
        long[][] order = Arrays.copyOf(keyed, expressed);
        Arrays.sort(order, (p, q) -> {
          int byValue = Double.compare(Double.longBitsToDouble(q[0]), Double.longBitsToDouble(p[0]));
          return byValue != 0 ? byValue : Long.compare(p[1], q[1]);
        });
        Arrays.fill(rank, Integer.MAX_VALUE);
        for (int k = 0; k < expressed; k++) {
          rank[(int) order[k][2]] = k + 1;
        }
        if (expressed < maxRank) {
          // Unexpressed genes reach the top maxRank: they follow in their random order.
          long[][] zeros = new long[g - expressed][];
          int z = 0;
          for (int j = 0; j < g; j++) {
            if (rank[j] == Integer.MAX_VALUE) {
              zeros[z++] = new long[] {mix(seed, i, j), j};
            }
          }
          Arrays.sort(zeros, (p, q) -> Long.compare(p[0], q[0]));
          for (int k = 0; k < z && expressed + k + 1 <= maxRank; k++) {
            rank[(int) zeros[k][1]] = expressed + k + 1;
          }
        }
        for (int s = 0; s < sets.length; s++) {
          int[] set = sets[s];
          int[] found = new int[set.length];
          int m = 0;
          for (int j : set) {
            if (rank[j] < maxRank) {
              found[m++] = rank[j];
            }
          }
          int[] x1 = Arrays.copyOf(found, m);
          Arrays.sort(x1);
          out[s][i] = maxAuc[s] == 0 ? 0 : area(x1, maxRank) / maxAuc[s];
        }
        for (int k = 0; k < expressed; k++) {
          rank[(int) order[k][2]] = Integer.MAX_VALUE;
        }
      }
    });
    return out;
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

  private static long mix(long seed, int cell, int gene) {
    long z = seed * 0x9E3779B97F4A7C15L + ((long) cell << 24) + gene;
    for (int r = 0; r < 2; r++) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z ^= z >>> 31;
      z += 0x9E3779B97F4A7C15L;
    }
    return z;
  }
}
