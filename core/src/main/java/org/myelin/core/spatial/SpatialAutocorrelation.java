package org.myelin.core.spatial;

import org.myelin.core.random.Seeds;
import org.myelin.core.de.MultipleTesting;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import smile.math.special.Erf;

/**
 * Moran's I (Moran, Biometrika 1950) and Geary's C (Geary, The Incorporated Statistician 1954) of
 * many features on one spatial weights matrix, as squidpy's {@code spatial_autocorr} computes them:
 * weights optionally row-standardised, the analytic p-value from the normal approximation with
 * squidpy's variance (n^2 S1 - n S2 + 3 S0^2) / ((n^2 - 1) S0^2) - 1 / (n - 1)^2 for both statistics
 * (one-sided, toward the observed side), and optionally permutation p-values, with
 * Benjamini-Hochberg FDR across features. A feature's values enter only through its cross-product
 * with the weights over its non-zero cells, so sparse genes cost their non-zeros times the degree.
 */
public final class SpatialAutocorrelation {

  private SpatialAutocorrelation() {}

  /** The statistic. */
  public enum Mode {
    MORAN,
    GEARY;

    /** Its value when there is no spatial structure. */
    double expected(int n) {
      return this == MORAN ? -1.0 / (n - 1) : 1.0;
    }
  }

  /**
   * Per feature: the statistic, the analytic p-value and its FDR; with permutations, the
   * permutation p-value ((extremes + 1) / (perms + 1), the smaller tail), the normal p-value from
   * the permutations' mean and deviation, their variance, and FDRs of both.
   */
  public record Result(double[] stat, double[] zNorm, double[] pNorm, double varNorm, double[] pNormFdr,
      double[] pSim, double[] pZSim, double[] varSim, double[] pSimFdr, double[] pZSimFdr) {}

  /** The weights and their moments, prepared once for many features. */
  public static final class Weights {
    final int n;
    final int[] ptr;
    final int[] col;
    final double[] w;
    final double[] rowSum;
    final double[] colSum;
    final double s0;
    final double varNorm;

    /** {@code g} as weights; with {@code rowStandardise}, each row scaled to sum to 1. */
    public Weights(CsrMatrix g, boolean rowStandardise) {
      n = g.nRows();
      if (g.nCols() != n) {
        throw new IllegalArgumentException("weights must be square, not " + n + " x " + g.nCols());
      }
      if (n < 3) {
        throw new IllegalArgumentException("spatial autocorrelation needs at least 3 cells, not " + n);
      }
      ptr = new int[n + 1];
      col = new int[(int) g.nnz()];
      w = new double[col.length];
      int e = 0;
      for (int b = 0; b < g.nBlocks(); b++) {
        CsrBlock block = g.block(b);
        for (int r = 0; r < block.nRows(); r++) {
          int row = g.rowOffset(b) + r;
          double sum = 0;
          for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
            sum += block.value(k);
          }
          for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
            col[e] = block.index(k);
            w[e] = rowStandardise ? (sum != 0 ? block.value(k) / sum : 0) : block.value(k);
            e++;
          }
          ptr[row + 1] = e;
        }
      }
      rowSum = new double[n];
      colSum = new double[n];
      double total = 0;
      for (int i = 0; i < n; i++) {
        for (int k = ptr[i]; k < ptr[i + 1]; k++) {
          rowSum[i] += w[k];
          colSum[col[k]] += w[k];
          total += w[k];
        }
      }
      s0 = total;
      // S1 = sum over all (i, j) of (w_ij + w_ji)^2 / 2 = sum w_ij^2 + sum w_ij w_ji.
      double s1 = 0;
      for (int i = 0; i < n; i++) {
        for (int k = ptr[i]; k < ptr[i + 1]; k++) {
          s1 += w[k] * w[k] + w[k] * weight(col[k], i);
        }
      }
      double s2 = 0;
      for (int i = 0; i < n; i++) {
        s2 += (rowSum[i] + colSum[i]) * (rowSum[i] + colSum[i]);
      }
      double nn = n;
      varNorm = (nn * nn * s1 - nn * s2 + 3 * s0 * s0) / ((nn - 1) * (nn + 1) * s0 * s0)
          - (1.0 / (nn - 1)) * (1.0 / (nn - 1));
    }

    /** w_ij, or 0 when there is no edge (binary search in row i, whose columns are sorted). */
    private double weight(int i, int j) {
      int lo = ptr[i];
      int hi = ptr[i + 1] - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (col[mid] < j) {
          lo = mid + 1;
        } else if (col[mid] > j) {
          hi = mid - 1;
        } else {
          return w[mid];
        }
      }
      return 0;
    }

    public int nCells() {
      return n;
    }

    /** sum_ij w_ij a_i b_j / S0: the bivariate Moran's I of standardised a and b. */
    public double bivariate(double[] a, double[] b) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        double t = 0;
        for (int k = ptr[i]; k < ptr[i + 1]; k++) {
          t += w[k] * b[col[k]];
        }
        s += a[i] * t;
      }
      return s / s0;
    }
  }

  private static final int FEATURES_PER_TASK = 16;

  /**
   * The statistic of every feature.
   *
   * @param features one row per feature, one column per cell (the cells of the weights)
   * @param nPerms permutations per feature for the permutation p-values (0: none)
   * @param seed the permutations' seed; each feature draws its own stream, so any thread count gives
   *     the same p-values
   */
  public static Result compute(Weights wt, CsrMatrix features, Mode mode, int nPerms, long seed, Parallel parallel) {
    if (features.nCols() != wt.n) {
      throw new IllegalArgumentException("features have " + features.nCols() + " cells, the weights " + wt.n);
    }
    if (nPerms < 0) {
      throw new IllegalArgumentException("Invalid number of permutations: " + nPerms);
    }
    int m = features.nRows();
    double[] stat = new double[m];
    double[] pSim = nPerms > 0 ? new double[m] : null;
    double[] pZSim = nPerms > 0 ? new double[m] : null;
    double[] varSim = nPerms > 0 ? new double[m] : null;
    double expected = mode.expected(wt.n);
    parallel.forEach((m + FEATURES_PER_TASK - 1) / FEATURES_PER_TASK, t -> {
      double[] dense = new double[wt.n];
      boolean[] taken = nPerms > 0 ? new boolean[wt.n] : null;
      for (int f = t * FEATURES_PER_TASK; f < Math.min(m, (t + 1) * FEATURES_PER_TASK); f++) {
        CsrMatrix.Row entries = features.row(f);
        CsrBlock block = entries.block();
        int from = entries.start();
        int len = entries.nnz();
        int[] idx = new int[len];
        double[] val = new double[len];
        for (int e = 0; e < len; e++) {
          idx[e] = block.index(from + e);
          val[e] = block.value(from + e);
        }
        stat[f] = statistic(wt, mode, idx, val, dense);
        if (nPerms == 0) {
          continue;
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(Seeds.stream(seed, f));
        double[] sims = new double[nPerms];
        int[] pos = new int[len];
        for (int p = 0; p < nPerms; p++) {
          // The values moved to a uniformly random set of cells (Floyd's sampling), in random order.
          int c = 0;
          for (int j = wt.n - len; j < wt.n; j++) {
            int v = rnd.nextInt(j + 1);
            int chosen = taken[v] ? j : v;
            taken[chosen] = true;
            pos[c++] = chosen;
          }
          for (int k = len - 1; k > 0; k--) {
            int o = rnd.nextInt(k + 1);
            int tmp = pos[k];
            pos[k] = pos[o];
            pos[o] = tmp;
          }
          for (int k = 0; k < len; k++) {
            taken[pos[k]] = false;
          }
          sims[p] = statistic(wt, mode, pos, val, dense);
        }
        double mean = 0;
        for (double v : sims) {
          mean += v / nPerms;
        }
        double var = 0;
        int above = 0;
        for (double v : sims) {
          var += (v - mean) * (v - mean) / nPerms;
          if (v >= stat[f]) {
            above++;
          }
        }
        int extreme = Math.min(above, nPerms - above);
        pSim[f] = (extreme + 1.0) / (nPerms + 1.0);
        varSim[f] = var;
        pZSim[f] = oneSided((stat[f] - mean) / Math.sqrt(var));
      }
    });
    return finish(wt, stat, mode, pSim, pZSim, varSim);
  }

  /** The analytic p-values (and FDRs) of statistics computed elsewhere, without permutations. */
  public static Result analytic(Weights wt, double[] stat, Mode mode) {
    return finish(wt, stat, mode, null, null, null);
  }

  private static Result finish(Weights wt, double[] stat, Mode mode, double[] pSim, double[] pZSim, double[] varSim) {
    int m = stat.length;
    double expected = mode.expected(wt.n);
    double[] pNorm = new double[m];
    double[] zNorm = new double[m];
    double se = Math.sqrt(wt.varNorm);
    for (int f = 0; f < m; f++) {
      zNorm[f] = (stat[f] - expected) / se;
      pNorm[f] = oneSided(zNorm[f]);
    }
    return new Result(stat, zNorm, pNorm, wt.varNorm, MultipleTesting.benjaminiHochberg(pNorm), pSim, pZSim, varSim,
        pSim == null ? null : MultipleTesting.benjaminiHochberg(pSim),
        pZSim == null ? null : MultipleTesting.benjaminiHochberg(pZSim));
  }

  /**
   * The statistic of some genes of a cells x genes matrix whose rows are the weights' cells, in two
   * passes over the cells and never a gene-major copy: each cell's row is scattered once and its
   * neighbours' rows walked against it, so the cost is the non-zeros times the degree, read in
   * order. Partial sums per row block are added in block order: the same bits for any thread count.
   */
  public static double[] statisticsOfColumns(Weights wt, CsrMatrix x, int[] genes, Mode mode, Parallel parallel) {
    if (x.nRows() != wt.n) {
      throw new IllegalArgumentException("X has " + x.nRows() + " cells, the weights " + wt.n);
    }
    int m = genes.length;
    int[] slot = new int[x.nCols()];
    java.util.Arrays.fill(slot, -1);
    for (int k = 0; k < m; k++) {
      slot[genes[k]] = k;
    }
    int blocks = x.nBlocks();
    // Pass 1: the sums, for the means.
    double[][] sumPart = new double[blocks][];
    parallel.forEach(blocks, b -> {
      double[] sum = new double[m];
      CsrBlock block = x.block(b);
      for (int e = 0; e < block.nnz(); e++) {
        int k = slot[block.index(e)];
        if (k >= 0) {
          sum[k] += block.value(e);
        }
      }
      sumPart[b] = sum;
    });
    double[] mean = new double[m];
    for (double[] part : sumPart) {
      for (int k = 0; k < m; k++) {
        mean[k] += part[k];
      }
    }
    for (int k = 0; k < m; k++) {
      mean[k] /= wt.n;
    }
    // Pass 2: squares about the mean, the row- and column-sum weighted sums, and the cross term.
    double[][][] parts = new double[blocks][][];
    parallel.forEach(blocks, b -> {
      double[] ss = new double[m];
      double[] byRow = new double[m];
      double[] byCol = new double[m];
      double[] sqRow = new double[m];
      double[] sqCol = new double[m];
      double[] cross = new double[m];
      int[] nnz = new int[m];
      double[] dense = new double[m];
      CsrBlock block = x.block(b);
      int row0 = x.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        int i = row0 + r;
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          int k = slot[block.index(e)];
          if (k < 0) {
            continue;
          }
          double v = block.value(e);
          dense[k] = v;
          nnz[k]++;
          ss[k] += (v - mean[k]) * (v - mean[k]);
          byRow[k] += v * wt.rowSum[i];
          byCol[k] += v * wt.colSum[i];
          sqRow[k] += v * v * wt.rowSum[i];
          sqCol[k] += v * v * wt.colSum[i];
        }
        for (int q = wt.ptr[i]; q < wt.ptr[i + 1]; q++) {
          int j = wt.col[q];
          double w = wt.w[q];
          CsrMatrix.Row entries = x.row(j);
          CsrBlock nb = entries.block();
          for (int e = entries.start(); e < entries.end(); e++) {
            int k = slot[nb.index(e)];
            if (k >= 0 && dense[k] != 0) {
              cross[k] += w * dense[k] * nb.value(e);
            }
          }
        }
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          int k = slot[block.index(e)];
          if (k >= 0) {
            dense[k] = 0;
          }
        }
      }
      double[] count = new double[m];
      for (int k = 0; k < m; k++) {
        count[k] = nnz[k];
      }
      parts[b] = new double[][] {ss, byRow, byCol, sqRow, sqCol, cross, count};
    });
    double[][] tot = new double[7][m];
    for (double[][] part : parts) {
      for (int q = 0; q < 7; q++) {
        for (int k = 0; k < m; k++) {
          tot[q][k] += part[q][k];
        }
      }
    }
    double[] out = new double[m];
    for (int k = 0; k < m; k++) {
      double ss = tot[0][k] + (wt.n - tot[6][k]) * mean[k] * mean[k];
      out[k] = combine(wt, mode, mean[k], ss, tot[1][k], tot[2][k], tot[3][k], tot[4][k], tot[5][k]);
    }
    return out;
  }

  /** The normal tail on the side of z: 1 - Phi(z) above 0, Phi(z) otherwise (squidpy's one-sided p). */
  private static double oneSided(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    return 0.5 * Erf.erfc(Math.abs(z) / Math.sqrt(2));
  }

  /**
   * The statistic of one feature given by its non-zero cells and their values; {@code dense}
   * is all zeros on entry and on exit.
   */
  static double statistic(Weights wt, Mode mode, int[] idx, double[] val, double[] dense) {
    int n = wt.n;
    double sum = 0;
    for (double v : val) {
      sum += v;
    }
    double mean = sum / n;
    double ss = (n - idx.length) * mean * mean;
    for (double v : val) {
      ss += (v - mean) * (v - mean);
    }
    for (int e = 0; e < idx.length; e++) {
      dense[idx[e]] = val[e];
    }
    // cross = sum_ij w_ij x_i x_j over the non-zero cells i; row and column sums for the rest.
    double cross = 0;
    double byRow = 0;
    double byCol = 0;
    double sqRow = 0;
    double sqCol = 0;
    for (int e = 0; e < idx.length; e++) {
      int i = idx[e];
      double xi = val[e];
      double s = 0;
      for (int k = wt.ptr[i]; k < wt.ptr[i + 1]; k++) {
        s += wt.w[k] * dense[wt.col[k]];
      }
      cross += xi * s;
      byRow += xi * wt.rowSum[i];
      byCol += xi * wt.colSum[i];
      sqRow += xi * xi * wt.rowSum[i];
      sqCol += xi * xi * wt.colSum[i];
    }
    for (int i : idx) {
      dense[i] = 0;
    }
    return combine(wt, mode, mean, ss, byRow, byCol, sqRow, sqCol, cross);
  }

  /** The statistic from a feature's sums: I or C, NaN for a constant feature. */
  private static double combine(Weights wt, Mode mode, double mean, double ss, double byRow, double byCol, double sqRow,
      double sqCol, double cross) {
    if (!(ss > 0)) {
      return Double.NaN;
    }
    int n = wt.n;
    if (mode == Mode.MORAN) {
      double num = cross - mean * byRow - mean * byCol + mean * mean * wt.s0;
      return n / wt.s0 * num / ss;
    }
    double num = sqRow + sqCol - 2 * cross;
    return (n - 1) * num / (2 * wt.s0 * ss);
  }
}
