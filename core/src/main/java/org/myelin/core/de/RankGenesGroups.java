package org.myelin.core.de;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Groups;
import smile.math.special.Beta;
import smile.math.special.Erf;

/**
 * Marker genes as scanpy 1.9's {@code rank_genes_groups}: each group against the rest (or against
 * a reference group) by the Wilcoxon rank-sum test (Mann &amp; Whitney 1947; normal approximation,
 * optionally tie-corrected) or Welch's t-test, with log2 fold changes of expm1 means, the fraction
 * of cells expressing each gene in and out of the group, and Benjamini-Hochberg FDR per group.
 * Ranks come from one sort of each gene's stored values, the unstored zeros ranked as one tied
 * block, so a sparse matrix is never made dense.
 */
public final class RankGenesGroups {

  /** The tests. */
  public enum Method { WILCOXON, T_TEST }

  private static final int GENES_PER_TASK = 64;

  private RankGenesGroups() {}

  /**
   * One group's statistics, indexed by gene.
   *
   * @param group the group's name
   * @param order genes by decreasing score (ties by gene index)
   */
  public record GroupResult(String group, double[] scores, double[] logFoldChanges, double[] pvals, double[] pvalsAdj,
      double[] pts, double[] ptsRest, int[] order) {}

  /**
   * @param x cells x genes, log-normalised
   * @param groups the group of each cell
   * @param reference a group name to compare against, or null for the rest
   * @param logBase base of the log1p X holds (NaN: natural), for the fold changes
   */
  public static List<GroupResult> compute(CsrMatrix x, Groups groups, Method method, boolean tieCorrect,
      String reference, double logBase, Parallel parallel) {
    return compute(x, groups, method, tieCorrect, reference, logBase, parallel, org.myelin.core.tool.Progress.NONE);
  }

  /**
   * As above, reporting the Wilcoxon test's genes done to {@code progress}. The Wilcoxon test reads
   * X gene by gene from slices of its transpose, each at most a quarter of the heap (each slice is a
   * pass over X, so they are made as large as memory allows).
   */
  public static List<GroupResult> compute(CsrMatrix x, Groups groups, Method method, boolean tieCorrect,
      String reference, double logBase, Parallel parallel, org.myelin.core.tool.Progress progress) {
    return compute(x, groups, method, tieCorrect, reference, logBase, parallel, progress,
        Math.max(1L << 24, Runtime.getRuntime().maxMemory() / 32));
  }

  /** As above, the transposed slices holding at most {@code sliceEntries} values. */
  static List<GroupResult> compute(CsrMatrix x, Groups groups, Method method, boolean tieCorrect,
      String reference, double logBase, Parallel parallel, org.myelin.core.tool.Progress progress,
      long sliceEntries) {
    int n = x.nRows();
    int g = x.nCols();
    int k = groups.nGroups();
    if (k < 2) {
      throw new IllegalArgumentException("marker genes need at least 2 groups, not " + k);
    }
    int ref = -1;
    if (reference != null) {
      ref = Arrays.asList(groups.labels()).indexOf(reference);
      if (ref < 0) {
        throw new IllegalArgumentException("no group '" + reference + "' to compare against (groups: "
            + String.join(", ", groups.labels()) + ")");
      }
    }
    int[] size = groups.sizes();
    for (int c = 0; c < k; c++) {
      // Empty categories are left out below; a group of one cell cannot be tested.
      if (size[c] == 1 || (c == ref && size[c] < 2)) {
        throw new IllegalArgumentException("group '" + groups.labels()[c] + "' has " + size[c]
            + " cell(s); each needs at least 2 for a test");
      }
    }
    int[] code = groups.codes();
    // Per group: sum, sum of squares and non-zero count of each gene. Each task owns a range of
    // genes and reads every row in order, so each sum is added up in row order whatever the threads.
    double[][] sum = new double[k][g];
    double[][] sumSq = new double[k][g];
    long[][] nonzero = new long[k][g];
    int ranges = Math.max(1, Math.min(parallel.threads(), g));
    parallel.forEach(ranges, t -> {
      int j0 = (int) ((long) g * t / ranges);
      int j1 = (int) ((long) g * (t + 1) / ranges);
      for (int b = 0; b < x.nBlocks(); b++) {
        CsrBlock block = x.block(b);
        int row0 = x.rowOffset(b);
        for (int r = 0; r < block.nRows(); r++) {
          int c = code[row0 + r];
          for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
            int j = block.index(e);
            if (j < j0 || j >= j1) {
              continue;
            }
            double v = block.value(e);
            sum[c][j] += v;
            sumSq[c][j] += v * v;
            if (v != 0) {
              nonzero[c][j]++;
            }
          }
        }
      }
    });
    double[] totalSum = new double[g];
    double[] totalSq = new double[g];
    long[] totalNz = new long[g];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < g; j++) {
        totalSum[j] += sum[c][j];
        totalSq[j] += sumSq[c][j];
        totalNz[j] += nonzero[c][j];
      }
    }
    double[][] wilcoxonZ = method == Method.WILCOXON
        ? wilcoxon(x, code, size, k, ref, tieCorrect, parallel, progress, sliceEntries) : null;
    List<GroupResult> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      if (c == ref || size[c] == 0) {
        continue;
      }
      double[] scores = new double[g];
      double[] pvals = new double[g];
      double[] lfc = new double[g];
      double[] pts = new double[g];
      double[] ptsRest = new double[g];
      int n1 = size[c];
      int n2 = ref < 0 ? n - n1 : size[ref];
      for (int j = 0; j < g; j++) {
        double s2 = ref < 0 ? totalSum[j] - sum[c][j] : sum[ref][j];
        double q2 = ref < 0 ? totalSq[j] - sumSq[c][j] : sumSq[ref][j];
        long nz2 = ref < 0 ? totalNz[j] - nonzero[c][j] : nonzero[ref][j];
        double m1 = sum[c][j] / n1;
        double m2 = s2 / n2;
        pts[j] = (double) nonzero[c][j] / n1;
        ptsRest[j] = (double) nz2 / n2;
        lfc[j] = log2((expm1(m1, logBase) + 1e-9) / (expm1(m2, logBase) + 1e-9));
        if (method == Method.WILCOXON) {
          scores[j] = wilcoxonZ[c][j];
          pvals[j] = 2 * normalSf(Math.abs(scores[j]));
        } else {
          double v1 = (sumSq[c][j] / n1 - m1 * m1) * n1 / (n1 - 1);
          double v2 = (q2 / n2 - m2 * m2) * n2 / (n2 - 1);
          double se1 = v1 / n1;
          double se2 = v2 / n2;
          double t = (m1 - m2) / Math.sqrt(se1 + se2);
          double df = (se1 + se2) * (se1 + se2) / (se1 * se1 / (n1 - 1) + se2 * se2 / (n2 - 1));
          if (Double.isNaN(t)) {
            scores[j] = 0;
            pvals[j] = 1;
          } else {
            scores[j] = t;
            pvals[j] = Beta.regularizedIncompleteBetaFunction(df / 2, 0.5, df / (df + t * t));
          }
        }
      }
      Integer[] order = new Integer[g];
      for (int j = 0; j < g; j++) {
        order[j] = j;
      }
      Arrays.sort(order, (a, b) -> {
        int byScore = Double.compare(scores[b], scores[a]);
        return byScore != 0 ? byScore : Integer.compare(a, b);
      });
      out.add(new GroupResult(groups.labels()[c], scores, lfc, pvals, MultipleTesting.benjaminiHochberg(pvals), pts,
          ptsRest, Arrays.stream(order).mapToInt(Integer::intValue).toArray()));
    }
    return out;
  }

  /**
   * z-scores of the rank sums, group x gene: (R - n1 (N + 1) / 2) / sqrt(T n1 n2 (N + 1) / 12),
   * ranks averaged over ties among all cells (or the group and the reference), T the tie correction
   * 1 - sum(t^3 - t) / (N^3 - N) or 1.
   */
  private static double[][] wilcoxon(CsrMatrix x, int[] code, int[] size, int k, int ref, boolean tieCorrect,
      Parallel parallel, org.myelin.core.tool.Progress progress, long sliceEntries) {
    int g = x.nCols();
    double[][] z = new double[k][g];
    int[] cuts = geneSlices(x, sliceEntries);
    try (org.myelin.core.tool.Progress.Task task = progress.start("Wilcoxon genes", g)) {
      for (int s = 0; s + 1 < cuts.length; s++) {
        CsrMatrix byGene = x.transposeColumns(cuts[s], cuts[s + 1], parallel);
        wilcoxonGenes(byGene, cuts[s], code, size, k, ref, tieCorrect, parallel, z, task);
      }
    }
    return z;
  }

  /**
   * Where to cut the genes so that each slice, transposed, holds at most {@code maxEntries} stored
   * values (8 bytes each); one slice when the whole matrix fits. Each gene's test is its own, so the
   * slices change the work's order, never a result.
   */
  static int[] geneSlices(CsrMatrix x, long maxEntries) {
    int g = x.nCols();
    if (x.nnz() <= maxEntries) {
      return new int[] {0, g};
    }
    long[] perGene = new long[g];
    for (CsrBlock block : x.blocks()) {
      for (int e = 0; e < block.nnz(); e++) {
        perGene[block.index(e)]++;
      }
    }
    List<Integer> cuts = new ArrayList<>(List.of(0));
    long held = 0;
    for (int j = 0; j < g; j++) {
      if (held > 0 && held + perGene[j] > maxEntries) {
        cuts.add(j);
        held = 0;
      }
      held += perGene[j];
    }
    cuts.add(g);
    return cuts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The z-scores of genes {@code first} on, the rows of {@code byGene}. */
  private static void wilcoxonGenes(CsrMatrix byGene, int first, int[] code, int[] size, int k, int ref,
      boolean tieCorrect, Parallel parallel, double[][] z, org.myelin.core.tool.Progress.Task task) {
    int g = byGene.nRows();
    int n = code.length;
    int tasks = (g + GENES_PER_TASK - 1) / GENES_PER_TASK;
    parallel.forEach(tasks, t -> {
      int j0 = t * GENES_PER_TASK;
      int j1 = Math.min(g, j0 + GENES_PER_TASK);
      double[] rankSum = new double[k];
      long[] stored = new long[k];
      for (int j = j0; j < j1; j++) {
        CsrMatrix.Row entries = byGene.row(j);
        CsrBlock block = entries.block();
        int from = entries.start();
        int len = entries.nnz();
        double[] v = new double[len];
        int[] cell = new int[len];
        for (int e = 0; e < len; e++) {
          v[e] = block.value(from + e);
          cell[e] = block.index(from + e);
        }
        if (ref < 0) {
          rankAll(v, cell, len, code, k, n, size, rankSum, stored, tieCorrect, z, first + j, -1);
        } else {
          for (int c = 0; c < k; c++) {
            if (c == ref) {
              continue;
            }
            // Only the group's and the reference's cells take part.
            int m = 0;
            double[] vs = new double[len];
            int[] cs = new int[len];
            for (int e = 0; e < len; e++) {
              if (code[cell[e]] == c || code[cell[e]] == ref) {
                vs[m] = v[e];
                cs[m] = cell[e];
                m++;
              }
            }
            rankAll(vs, cs, m, code, k, size[c] + size[ref], size, rankSum, stored, tieCorrect, z, first + j, c);
          }
        }
      }
      task.step(j1 - j0);
    });
  }

  /**
   * Ranks the m stored values among nTotal cells (the rest zeros) and writes the z-score of each
   * group (or only of {@code only}) for gene j. Values are sorted as primitive keys: the value's
   * order-preserving float bits above the cell's group, so one {@code Arrays.sort(long[])} gives the
   * ranking and each position's group (values that are not exact floats fall back to a slower sort).
   */
  private static void rankAll(double[] v, int[] cell, int m, int[] code, int k, int nTotal, int[] size,
      double[] rankSum, long[] stored, boolean tieCorrect, double[][] z, int j, int only) {
    Arrays.fill(rankSum, 0);
    Arrays.fill(stored, 0);
    // Non-zero values only; their groups' counts give each group's zeros.
    long[] keys = new long[m];
    double[] exact = null;
    int nz = 0;
    for (int e = 0; e < m; e++) {
      double x = v[e];
      if (x == 0) {
        continue;
      }
      int grp = code[cell[e]];
      stored[grp]++;
      float f = (float) x;
      if (f != x && exact == null) {
        exact = new double[m];
      }
      int bits = Float.floatToIntBits(f);
      bits ^= (bits >> 31) & 0x7fffffff;
      keys[nz++] = ((long) bits << 32) | grp;
    }
    int[] groupAt;
    double[] valueAt;
    if (exact == null) {
      Arrays.sort(keys, 0, nz);
      groupAt = new int[nz];
      valueAt = new double[nz];
      for (int e = 0; e < nz; e++) {
        int bits = (int) (keys[e] >> 32);
        bits ^= (bits >> 31) & 0x7fffffff;
        valueAt[e] = Float.intBitsToFloat(bits);
        groupAt[e] = (int) keys[e];
      }
    } else {
      Integer[] idx = new Integer[m];
      int t = 0;
      for (int e = 0; e < m; e++) {
        if (v[e] != 0) {
          idx[t++] = e;
        }
      }
      Arrays.sort(idx, 0, nz, (a, b) -> Double.compare(v[a], v[b]));
      groupAt = new int[nz];
      valueAt = new double[nz];
      for (int e = 0; e < nz; e++) {
        valueAt[e] = v[idx[e]];
        groupAt[e] = code[cell[idx[e]]];
      }
    }
    int zeros = nTotal - nz;
    double ties = 0;
    int pos = 0;
    int e = 0;
    boolean zerosDone = false;
    while (e < nz || !zerosDone) {
      if (!zerosDone && (e >= nz || valueAt[e] > 0)) {
        // The zeros, stored or not, sit between the negative and the positive values.
        zerosDone = true;
        if (zeros > 0) {
          double rank = pos + (zeros + 1) / 2.0;
          for (int c = 0; c < k; c++) {
            rankSum[c] += (size[c] - stored[c]) * rank;
          }
          ties += (double) zeros * zeros * zeros - zeros;
          pos += zeros;
        }
        continue;
      }
      int start = e;
      double value = valueAt[e];
      while (e < nz && valueAt[e] == value) {
        e++;
      }
      int t = e - start;
      double rank = pos + (t + 1) / 2.0;
      for (int s2 = start; s2 < e; s2++) {
        rankSum[groupAt[s2]] += rank;
      }
      ties += (double) t * t * t - t;
      pos += t;
    }
    double nn = nTotal;
    double correction = tieCorrect && nTotal > 1 ? 1 - ties / (nn * nn * nn - nn) : 1;
    for (int c = 0; c < k; c++) {
      if (only >= 0 && c != only) {
        continue;
      }
      double n1 = size[c];
      double n2 = nTotal - n1;
      double sd = Math.sqrt(correction * n1 * n2 * (nn + 1) / 12.0);
      double score = (rankSum[c] - n1 * ((nn + 1) / 2.0)) / sd;
      z[c][j] = Double.isNaN(score) ? 0 : score;
    }
  }

  private static double expm1(double v, double base) {
    return Double.isNaN(base) ? Math.expm1(v) : Math.pow(base, v) - 1;
  }

  private static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }

  /** The upper tail of the standard normal. */
  static double normalSf(double z) {
    return 0.5 * Erf.erfc(z / Math.sqrt(2));
  }
}
