package org.myelin.core.spatial;

import org.myelin.core.random.Seeds;
import java.util.SplittableRandom;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/**
 * Neighbourhood enrichment between categories, as squidpy's {@code nhood_enrichment} (Palla et al.,
 * Nat Methods 2022; after histoCAT, Schapiro et al., Nat Methods 2017): the number of graph edges
 * from cells of category a to cells of category b, and its z-score against the same count with the
 * labels shuffled over the cells ({@code nPerms} times; population standard deviation). Each
 * permutation draws its own seeded stream and the sums are kept as exact integers, so any thread
 * count gives the same z-scores. The count matrix alone is squidpy's {@code interaction_matrix}.
 */
public final class NeighborhoodEnrichment {

  private NeighborhoodEnrichment() {}

  /** The observed counts, and the z-scores (null without permutations). */
  public record Result(long[][] count, double[][] zscore) {}

  /** Edge counts between categories over the rows of {@code graph}; codes below 0 are left out. */
  public static long[][] count(CsrMatrix graph, int[] codes, int nCategories) {
    long[][] out = new long[nCategories][nCategories];
    count(graph, codes, out);
    return out;
  }

  private static void count(CsrMatrix graph, int[] codes, long[][] out) {
    for (int b = 0; b < graph.nBlocks(); b++) {
      CsrBlock block = graph.block(b);
      int row0 = graph.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        int a = codes[row0 + r];
        if (a < 0) {
          continue;
        }
        long[] row = out[a];
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          int c = codes[block.index(e)];
          if (c >= 0 && block.value(e) != 0) {
            row[c]++;
          }
        }
      }
    }
  }

  /** The sum of edge weights between categories: squidpy's interaction_matrix with weights=True. */
  public static double[][] weightSums(CsrMatrix graph, int[] codes, int nCategories) {
    double[][] out = new double[nCategories][nCategories];
    for (int b = 0; b < graph.nBlocks(); b++) {
      CsrBlock block = graph.block(b);
      int row0 = graph.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        int a = codes[row0 + r];
        if (a < 0) {
          continue;
        }
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          int c = codes[block.index(e)];
          if (c >= 0) {
            out[a][c] += block.value(e);
          }
        }
      }
    }
    return out;
  }

  public static Result compute(CsrMatrix graph, int[] codes, int nCategories, int nPerms, long seed, Parallel parallel) {
    return compute(graph, codes, nCategories, nPerms, seed, parallel, org.myelin.core.tool.Progress.NONE);
  }

  /** As above, reporting each permutation done to {@code progress}. */
  public static Result compute(CsrMatrix graph, int[] codes, int nCategories, int nPerms, long seed, Parallel parallel,
      org.myelin.core.tool.Progress progress) {
    if (codes.length != graph.nRows() || graph.nCols() != graph.nRows()) {
      throw new IllegalArgumentException("a graph of " + graph.nRows() + " x " + graph.nCols() + " cells for "
          + codes.length + " labels");
    }
    if (nPerms < 0) {
      throw new IllegalArgumentException("Invalid number of permutations: " + nPerms);
    }
    long[][] observed = count(graph, codes, nCategories);
    if (nPerms == 0) {
      return new Result(observed, null);
    }
    int k = nCategories;
    int threads = Math.max(1, Math.min(parallel.threads(), nPerms));
    long[][][] sum = new long[threads][k][k];
    long[][][] sumSq = new long[threads][k][k];
    org.myelin.core.tool.Progress.Task task = progress.start("permutations", nPerms);
    parallel.forEach(threads, t -> {
      long[][] c = new long[k][k];
      int[] shuffled = new int[codes.length];
      for (int p = t; p < nPerms; p += threads) {
        System.arraycopy(codes, 0, shuffled, 0, codes.length);
        SplittableRandom rnd = new SplittableRandom(Seeds.stream(seed, p));
        for (int i = shuffled.length - 1; i > 0; i--) {
          int j = rnd.nextInt(i + 1);
          int x = shuffled[i];
          shuffled[i] = shuffled[j];
          shuffled[j] = x;
        }
        for (long[] row : c) {
          java.util.Arrays.fill(row, 0);
        }
        count(graph, shuffled, c);
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            sum[t][a][b] += c[a][b];
            sumSq[t][a][b] += c[a][b] * c[a][b];
          }
        }
        task.step(1);
      }
    });
    task.close();
    double[][] z = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        long s = 0;
        long q = 0;
        for (int t = 0; t < threads; t++) {
          s += sum[t][a][b];
          q += sumSq[t][a][b];
        }
        double mean = (double) s / nPerms;
        double var = (double) q / nPerms - mean * mean;
        z[a][b] = (observed[a][b] - mean) / Math.sqrt(Math.max(var, 0));
      }
    }
    return new Result(observed, z);
  }
}
