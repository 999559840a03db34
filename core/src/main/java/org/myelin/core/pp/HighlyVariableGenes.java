package org.myelin.core.pp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.DoubleColumn;

/**
 * Highly variable genes as scanpy 1.9's {@code highly_variable_genes} on log-normalised data, two
 * flavours: {@code seurat} (Satija et al., Nat Biotechnol 2015: dispersion of expm1(X), log mean in
 * 20 equal-width bins, z-scored within its bin) and {@code cell_ranger} (Zheng et al., Nat Commun
 * 2017: mean and dispersion of X, bins at the 10th to 100th percentiles of the mean in steps of 5,
 * normalised by the bin's median and MAD). The n genes with the largest normalised dispersion are
 * kept, ties at the cut-off included, as scanpy does. Writes var {@code means}, {@code dispersions},
 * {@code dispersions_norm}, {@code highly_variable}.
 */
public final class HighlyVariableGenes {

  /** The flavours implemented (scanpy's {@code seurat_v3}, on counts with a LOESS fit, is not yet). */
  public enum Flavor { SEURAT, CELL_RANGER }

  /** pandas.cut's default number of equal-width bins in the seurat flavour. */
  public static final int N_BINS = 20;

  /** statsmodels' robust.mad normalising constant: the 3rd quartile of the standard normal. */
  private static final double MAD_SCALE = 0.6744897501960817;

  private HighlyVariableGenes() {}

  /** Result columns, one value per gene. */
  public record Result(double[] means, double[] dispersions, double[] dispersionsNorm, boolean[] highlyVariable) {}

  /** Computes and writes the var columns; returns them too. */
  public static Result compute(CellData data, Flavor flavor, int nTopGenes, Parallel parallel) {
    if (nTopGenes < 1) {
      throw new IllegalArgumentException("Invalid n_top_genes: " + nTopGenes);
    }
    int g = data.nVars();
    int n = data.nObs();
    if (n < 2) {
      throw new IllegalArgumentException("highly variable genes need at least 2 cells, not " + n);
    }
    CsrMatrix x = data.x();
    boolean expm1 = flavor == Flavor.SEURAT;
    // Per-block sums of x and x^2, added in block order: the same bits for any thread count.
    double[][] s1 = new double[x.nBlocks()][];
    double[][] s2 = new double[x.nBlocks()][];
    parallel.forEach(x.nBlocks(), b -> {
      double[] a = new double[g];
      double[] q = new double[g];
      CsrBlock block = x.block(b);
      for (int k = 0; k < block.nnz(); k++) {
        // scanpy takes expm1 of float32 data in float32, then sums in float64.
        double v = expm1 ? (float) Math.expm1((float) block.value(k)) : block.value(k);
        a[block.index(k)] += v;
        q[block.index(k)] += v * v;
      }
      s1[b] = a;
      s2[b] = q;
    });
    double[] mean = new double[g];
    double[] var = new double[g];
    for (int j = 0; j < g; j++) {
      double a = 0;
      double q = 0;
      for (int b = 0; b < s1.length; b++) {
        a += s1[b][j];
        q += s2[b][j];
      }
      mean[j] = a / n;
      var[j] = (q / n - mean[j] * mean[j]) * n / (n - 1);
    }
    double[] dispersion = new double[g];
    for (int j = 0; j < g; j++) {
      if (mean[j] == 0) {
        mean[j] = 1e-12;
      }
      dispersion[j] = var[j] / mean[j];
      if (flavor == Flavor.SEURAT) {
        dispersion[j] = dispersion[j] == 0 ? Double.NaN : Math.log(dispersion[j]);
        mean[j] = Math.log1p(mean[j]);
      }
    }
    int[] bin = flavor == Flavor.SEURAT ? equalWidthBins(mean, N_BINS) : percentileBins(mean);
    double[] norm = flavor == Flavor.SEURAT ? zscoreInBins(dispersion, bin) : madInBins(dispersion, bin);
    boolean[] hv = top(norm, Math.min(nTopGenes, g));
    data.var().put("means", new DoubleColumn(mean));
    data.var().put("dispersions", new DoubleColumn(dispersion));
    data.var().put("dispersions_norm", new DoubleColumn(norm));
    data.var().put("highly_variable", new BooleanColumn(hv));
    return new Result(mean, dispersion, norm, hv);
  }

  /** pandas.cut(values, bins=n): equal widths over [min, max], the lowest edge lowered by 0.1% of the range. */
  static int[] equalWidthBins(double[] values, int nBins) {
    double mn = Double.POSITIVE_INFINITY;
    double mx = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      mn = Math.min(mn, v);
      mx = Math.max(mx, v);
    }
    double[] edges = new double[nBins + 1];
    if (mn == mx) {
      // pandas widens a zero range by 0.1% on both sides.
      double adj = mn == 0 ? 0.001 : Math.abs(mn) * 0.001;
      mn -= adj;
      mx += adj;
      for (int k = 0; k <= nBins; k++) {
        edges[k] = mn + (mx - mn) * k / nBins;
      }
    } else {
      for (int k = 0; k <= nBins; k++) {
        edges[k] = mn + (mx - mn) * k / nBins;
      }
      edges[0] -= (mx - mn) * 0.001;
    }
    return rightClosedBins(values, edges);
  }

  /** Bins by numpy.percentile (linear) at 10, 15, ..., 100, with -inf and +inf as outer edges. */
  static int[] percentileBins(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    List<Double> edges = new ArrayList<>();
    edges.add(Double.NEGATIVE_INFINITY);
    for (int p = 10; p <= 100; p += 5) {
      double pos = (sorted.length - 1) * p / 100.0;
      int lo = (int) Math.floor(pos);
      int hi = Math.min(sorted.length - 1, lo + 1);
      double e = sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
      if (e == edges.get(edges.size() - 1)) {
        throw new IllegalArgumentException("the cell_ranger flavour's mean percentiles repeat (" + e
            + "): too few distinct gene means to bin, as in scanpy; use the seurat flavour");
      }
      edges.add(e);
    }
    edges.add(Double.POSITIVE_INFINITY);
    return rightClosedBins(values, edges.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The (a, b] interval each value falls in, as pandas.cut(right=True). */
  private static int[] rightClosedBins(double[] values, double[] edges) {
    int[] out = new int[values.length];
    for (int j = 0; j < values.length; j++) {
      int lo = 0;
      int hi = edges.length - 1;
      // First edge >= value, minus one.
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (edges[mid] >= values[j]) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      out[j] = Math.max(0, lo - 1);
    }
    return out;
  }

  /**
   * (d - bin mean) / bin standard deviation (ddof 1), NaN dispersions skipped; a bin whose standard
   * deviation is undefined (one gene) gives its genes a normalised dispersion of 1, as scanpy does.
   */
  static double[] zscoreInBins(double[] d, int[] bin) {
    int nb = Arrays.stream(bin).max().orElse(0) + 1;
    double[] sum = new double[nb];
    long[] count = new long[nb];
    for (int j = 0; j < d.length; j++) {
      if (!Double.isNaN(d[j])) {
        sum[bin[j]] += d[j];
        count[bin[j]]++;
      }
    }
    double[] mean = new double[nb];
    double[] sq = new double[nb];
    for (int k = 0; k < nb; k++) {
      mean[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
    }
    for (int j = 0; j < d.length; j++) {
      if (!Double.isNaN(d[j])) {
        double e = d[j] - mean[bin[j]];
        sq[bin[j]] += e * e;
      }
    }
    double[] sd = new double[nb];
    for (int k = 0; k < nb; k++) {
      sd[k] = count[k] < 2 ? Double.NaN : Math.sqrt(sq[k] / (count[k] - 1));
      if (Double.isNaN(sd[k])) {
        sd[k] = mean[k];
        mean[k] = 0;
      }
    }
    double[] out = new double[d.length];
    for (int j = 0; j < d.length; j++) {
      out[j] = (d[j] - mean[bin[j]]) / sd[bin[j]];
    }
    return out;
  }

  /** (d - bin median) / bin MAD (statsmodels' robust.mad, scaled to the normal's SD). */
  static double[] madInBins(double[] d, int[] bin) {
    int nb = Arrays.stream(bin).max().orElse(0) + 1;
    List<List<Double>> members = new ArrayList<>();
    for (int k = 0; k < nb; k++) {
      members.add(new ArrayList<>());
    }
    for (int j = 0; j < d.length; j++) {
      members.get(bin[j]).add(d[j]);
    }
    double[] median = new double[nb];
    double[] mad = new double[nb];
    for (int k = 0; k < nb; k++) {
      double[] v = members.get(k).stream().mapToDouble(Double::doubleValue).toArray();
      median[k] = median(v);
      double[] dev = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        dev[i] = Math.abs(v[i] - median[k]);
      }
      mad[k] = median(dev) / MAD_SCALE;
    }
    double[] out = new double[d.length];
    for (int j = 0; j < d.length; j++) {
      out[j] = (d[j] - median[bin[j]]) / mad[bin[j]];
    }
    return out;
  }

  /** The median, NaN for an empty array or one holding NaN (numpy.median's behaviour). */
  private static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    if (Double.isNaN(s[s.length - 1])) {
      return Double.NaN;
    }
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  /** scanpy's selection: the n-th largest non-NaN value is the cut-off; NaN counts as 0. */
  static boolean[] top(double[] norm, int n) {
    double[] finite = Arrays.stream(norm).filter(v -> !Double.isNaN(v)).sorted().toArray();
    boolean[] out = new boolean[norm.length];
    if (finite.length == 0) {
      return out;
    }
    int k = Math.min(n, finite.length);
    double cut = finite[finite.length - k];
    for (int j = 0; j < norm.length; j++) {
      double v = Double.isNaN(norm[j]) ? 0 : norm[j];
      out[j] = v >= cut;
    }
    return out;
  }
}
