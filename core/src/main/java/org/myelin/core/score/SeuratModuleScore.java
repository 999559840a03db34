package org.myelin.core.score;

import org.myelin.core.random.NumpyRandomState;
import org.myelin.core.random.RRandomState;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.myelin.core.stats.SortedArrays;

/**
 * Seurat's {@code AddModuleScore} (Seurat 4 and 5; after Tirosh et al., Science 2016), each set as
 * its own call with the same seed: genes are ordered by their mean over all cells and cut into
 * {@code nBins} bins of equal count (ggplot2's {@code cut_number}, R's type 7 quantiles, intervals
 * closed on the left, on the means plus Seurat's N(0,1)/1e30 jitter), then for every gene of the set,
 * in the set's order, {@code ctrl} genes are sampled without replacement from its own bin, in the
 * bin's mean order; the controls are the distinct genes drawn (the set's own genes may be among
 * them), and the score is the set's mean minus the controls' mean. The draws are R's
 * ({@link RRandomState}), so for the same data and seed the controls are Seurat's.
 */
public final class SeuratModuleScore {

  /** Seurat's defaults. */
  public static final int N_BINS = 24;
  public static final int CTRL = 100;

  private final double[] means;
  private final int[] sorted;
  private final int[] bin;
  private final int[] binStart;
  private final RRandomState afterJitter;

  /**
   * The bins for the genes' means and {@code seed} (a set's draws start from the generator's state
   * after the jitter, as in Seurat).
   */
  public SeuratModuleScore(double[] geneMeans, int nBins, int seed) {
    int g = geneMeans.length;
    if (nBins < 1 || nBins > g) {
      throw new IllegalArgumentException("Invalid number of bins " + nBins + " for " + g + " genes");
    }
    means = geneMeans.clone();
    // order() is stable: equal means keep the genes' order.
    sorted = SortedArrays.order(means);
    RRandomState rnd = new RRandomState(seed);
    double[] jittered = new double[g];
    for (int r = 0; r < g; r++) {
      jittered[r] = means[sorted[r]] + rnd.normRand() / 1e30;
    }
    afterJitter = rnd;
    double[] breaks = quantileBreaks(jittered, nBins);
    for (int k = 1; k < breaks.length; k++) {
      if (breaks[k] == breaks[k - 1]) {
        throw new IllegalArgumentException("too few distinct gene means (" + g + " genes) for " + nBins
            + " expression bins of equal count");
      }
    }
    bin = new int[g];
    int[] count = new int[nBins + 1];
    for (int r = 0; r < g; r++) {
      int b = binCode(jittered[r], breaks);
      bin[sorted[r]] = b;
      count[b + 1]++;
    }
    binStart = count;
    for (int b = 0; b < nBins; b++) {
      binStart[b + 1] += binStart[b];
    }
  }

  /**
   * The control genes for a set (column indices, in the order first drawn), as AddModuleScore
   * draws them.
   */
  public int[] controls(int[] genes, int ctrl) {
    RRandomState rnd = afterJitter.copy();
    // Each bin's genes in mean order (the order of sorted), gathered once.
    int[] byBin = new int[sorted.length];
    int[] fill = Arrays.copyOf(binStart, binStart.length - 1);
    for (int j : sorted) {
      byBin[fill[bin[j]]++] = j;
    }
    Set<Integer> used = new LinkedHashSet<>();
    for (int j : genes) {
      int b = bin[j];
      int size = binStart[b + 1] - binStart[b];
      if (ctrl > size) {
        throw new IllegalArgumentException("expression bin " + (b + 1) + " holds " + size + " genes, fewer than the "
            + ctrl + " controls to draw per gene: use fewer bins or controls");
      }
      for (int k : rnd.sample(size, ctrl)) {
        used.add(byBin[binStart[b] + k]);
      }
    }
    return used.stream().mapToInt(Integer::intValue).toArray();
  }

  /** 1-based bin of every gene, as Seurat's data.cut. */
  public int[] bins() {
    int[] out = new int[bin.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = bin[j] + 1;
    }
    return out;
  }

  /** {@code quantile(x, seq(0, 1, length.out = n + 1), type = 7)} for x in ascending order. */
  static double[] quantileBreaks(double[] x, int n) {
    double[] v = x.clone();
    Arrays.sort(v);
    double by = 1.0 / n;
    double[] out = new double[n + 1];
    for (int k = 0; k <= n; k++) {
      double p = k == 0 ? 0 : k == n ? 1 : k * by;
      double index = 1 + (v.length - 1) * p;
      int lo = (int) Math.floor(index);
      int hi = (int) Math.ceil(index);
      double q = v[lo - 1];
      if (index > lo && v[hi - 1] != q) {
        double h = index - lo;
        q = (1 - h) * q + h * v[hi - 1];
      }
      out[k] = q;
    }
    return out;
  }

  /** R's {@code .bincode(x, breaks, right = FALSE, include.lowest = TRUE)}, 0-based. */
  static int binCode(double x, double[] breaks) {
    int lo = 0;
    int hi = breaks.length - 1;
    while (hi - lo >= 2) {
      int mid = (hi + lo) / 2;
      if (x >= breaks[mid]) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
