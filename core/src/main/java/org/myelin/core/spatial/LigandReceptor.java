package org.myelin.core.spatial;

import org.myelin.core.random.Seeds;
import java.util.SplittableRandom;
import org.myelin.core.parallel.Parallel;

/**
 * Ligand-receptor co-localisation. Between categories, CellPhoneDB's permutation test as squidpy's
 * {@code ligrec} runs it (Efremova et al., Nat Protoc 2020): for a ligand expressed by category a
 * and a receptor by category b, the score is the mean of the ligand's mean in a and the receptor's
 * mean in b (a receptor of several subunits takes its lowest subunit mean), 0 unless each is
 * expressed in at least {@code minFraction} of its category's cells; the p-value is (label
 * permutations scoring at least as high + 1) / (permutations + 1), NaN for a score of 0. In space, the bivariate Moran's I of ligand and
 * receptor on the spatial weights (Wartenberg, Geogr Anal 1985): sum_ij w_ij z_l,i z_r,j / S0 with
 * z standardised, and a two-sided permutation p-value from shuffling the receptor over the cells.
 */
public final class LigandReceptor {

  private LigandReceptor() {}

  /**
   * The scores and p-values of one pair: [source][target].
   *
   * @param score 0 where either side is expressed in too few cells
   */
  public record Result(double[][] score, double[][] pValue, double[][] ligandMean, double[][] receptorMean) {}

  /**
   * @param ligand the ligand's value in every cell
   * @param receptor each receptor subunit's value in every cell
   */
  public static Result permutationTest(double[] ligand, double[][] receptor, int[] codes, int nCategories,
      double minFraction, int nPerms, long seed, Parallel parallel) {
    int n = ligand.length;
    int k = nCategories;
    double[][] observed = new double[k][k];
    double[] lMean = new double[k];
    double[] rMean = new double[k];
    boolean[] lOk = new boolean[k];
    boolean[] rOk = new boolean[k];
    means(ligand, receptor, codes, k, minFraction, lMean, rMean, lOk, rOk);
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        observed[a][b] = lOk[a] && rOk[b] ? (lMean[a] + rMean[b]) / 2 : 0;
      }
    }
    int threads = Math.max(1, Math.min(parallel.threads(), nPerms));
    long[][][] atLeast = new long[threads][k][k];
    parallel.forEach(threads, t -> {
      int[] shuffled = new int[n];
      double[] lm = new double[k];
      double[] rm = new double[k];
      boolean[] lo = new boolean[k];
      boolean[] ro = new boolean[k];
      for (int p = t; p < nPerms; p += threads) {
        System.arraycopy(codes, 0, shuffled, 0, n);
        SplittableRandom rnd = new SplittableRandom(Seeds.stream(seed, p));
        for (int i = n - 1; i > 0; i--) {
          int j = rnd.nextInt(i + 1);
          int x = shuffled[i];
          shuffled[i] = shuffled[j];
          shuffled[j] = x;
        }
        // The permutation's means: CellPhoneDB compares the mean scores without the expression filter.
        means(ligand, receptor, shuffled, k, 0, lm, rm, lo, ro);
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            if ((lm[a] + rm[b]) / 2 >= observed[a][b]) {
              atLeast[t][a][b]++;
            }
          }
        }
      }
    });
    double[][] pv = new double[k][k];
    double[][] lmOut = new double[k][k];
    double[][] rmOut = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        long c = 0;
        for (int t = 0; t < threads; t++) {
          c += atLeast[t][a][b];
        }
        pv[a][b] = observed[a][b] == 0 || nPerms == 0 ? Double.NaN : (c + 1.0) / (nPerms + 1.0);
        lmOut[a][b] = lMean[a];
        rmOut[a][b] = rMean[b];
      }
    }
    return new Result(observed, pv, lmOut, rmOut);
  }

  /** Per category: the ligand's mean, the receptor's lowest subunit mean, and whether each passes the filter. */
  private static void means(double[] ligand, double[][] receptor, int[] codes, int k, double minFraction,
      double[] lMean, double[] rMean, boolean[] lOk, boolean[] rOk) {
    int[] size = new int[k];
    double[] ls = new double[k];
    int[] lExpr = new int[k];
    double[][] rs = new double[receptor.length][k];
    int[][] rExpr = new int[receptor.length][k];
    for (int i = 0; i < ligand.length; i++) {
      int c = codes[i];
      if (c < 0) {
        continue;
      }
      size[c]++;
      ls[c] += ligand[i];
      lExpr[c] += ligand[i] > 0 ? 1 : 0;
      for (int u = 0; u < receptor.length; u++) {
        rs[u][c] += receptor[u][i];
        rExpr[u][c] += receptor[u][i] > 0 ? 1 : 0;
      }
    }
    for (int c = 0; c < k; c++) {
      lMean[c] = size[c] == 0 ? 0 : ls[c] / size[c];
      lOk[c] = size[c] > 0 && lExpr[c] >= minFraction * size[c];
      double min = Double.POSITIVE_INFINITY;
      boolean ok = size[c] > 0;
      for (int u = 0; u < receptor.length; u++) {
        min = Math.min(min, size[c] == 0 ? 0 : rs[u][c] / size[c]);
        ok &= rExpr[u][c] >= minFraction * size[c];
      }
      rMean[c] = min;
      rOk[c] = ok;
    }
  }

  /** A receptor of several subunits as one value per cell: the lowest subunit, as CellPhoneDB takes complexes. */
  public static double[] complex(double[][] subunits) {
    double[] out = subunits[0].clone();
    for (int u = 1; u < subunits.length; u++) {
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.min(out[i], subunits[u][i]);
      }
    }
    return out;
  }

  /** Bivariate Moran's I and its two-sided permutation p-value. */
  public record Bivariate(double stat, double pValue) {}

  public static Bivariate bivariateMoran(SpatialAutocorrelation.Weights w, double[] l, double[] r, int nPerms,
      long seed) {
    double[] zl = standardised(l);
    double[] zr = standardised(r);
    if (zl == null || zr == null) {
      return new Bivariate(Double.NaN, Double.NaN);
    }
    double stat = w.bivariate(zl, zr);
    int extreme = 0;
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] shuffled = zr.clone();
    for (int p = 0; p < nPerms; p++) {
      for (int i = shuffled.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        double x = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = x;
      }
      if (Math.abs(w.bivariate(zl, shuffled)) >= Math.abs(stat)) {
        extreme++;
      }
    }
    return new Bivariate(stat, nPerms == 0 ? Double.NaN : (extreme + 1.0) / (nPerms + 1.0));
  }

  /** (v - mean) / population sd, or null for a constant vector. */
  private static double[] standardised(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    double sd = Math.sqrt(ss / v.length);
    if (!(sd > 0)) {
      return null;
    }
    double[] z = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      z[i] = (v[i] - m) / sd;
    }
    return z;
  }
}
