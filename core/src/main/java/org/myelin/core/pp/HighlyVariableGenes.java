package org.myelin.core.pp;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.stats.Loess;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Groups;
import org.myelin.core.table.IntColumn;

/**
 * Highly variable genes as scanpy 1.9's {@code highly_variable_genes}, its three flavours:
 * {@code seurat} (Satija et al., Nat Biotechnol 2015: dispersion of expm1(X), log mean in 20
 * equal-width bins, z-scored within its bin), {@code cell_ranger} (Zheng et al., Nat Commun 2017:
 * mean and dispersion of X, bins at the 10th to 100th percentiles of the mean, normalised by the
 * bin's median and MAD) and {@code seurat_v3} (Stuart et al., Cell 2019: on counts, the variance of
 * values clipped at mean + sqrt(n) standard deviations, standardised by a LOESS fit of log variance
 * on log mean). With a batch key, each batch is scored alone and the genes chosen most often win, as
 * scanpy combines them. The var columns written are scanpy's, name for name.
 */
public final class HighlyVariableGenes {

  /** The three flavours of scanpy. */
  public enum Flavor {
    SEURAT, CELL_RANGER, SEURAT_V3;

    /** scanpy's name: seurat, cell_ranger or seurat_v3. */
    public String scanpyName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The flavour of a scanpy name; refuses others. */
    public static Flavor parse(String name) {
      for (Flavor f : values()) {
        if (f.scanpyName().equals(name.toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      throw new IllegalArgumentException("Invalid HVG flavour: " + name + " (seurat, cell_ranger or seurat_v3)");
    }
  }

  /** pandas.cut's default number of equal-width bins in the seurat flavour. */
  public static final int N_BINS = 20;

  /** scanpy's default LOESS span for seurat_v3. */
  public static final double DEFAULT_SPAN = 0.3;

  /** statsmodels' robust.mad normalising constant: the 3rd quartile of the standard normal. */
  private static final double MAD_SCALE = 0.6744897501960817;

  /** The indices of var['highly_variable'], refusing data that has none marked. */
  public static int[] selected(CellData data) {
    if (!(data.var().get(org.myelin.core.data.Keys.VAR_HIGHLY_VARIABLE) instanceof BooleanColumn hv)) {
      throw new IllegalArgumentException("var has no boolean 'highly_variable' column (run 'myelin hvg' first)");
    }
    int[] keep = java.util.stream.IntStream.range(0, hv.size()).filter(j -> hv.values()[j]).toArray();
    if (keep.length == 0) {
      throw new IllegalArgumentException("no gene is marked highly variable");
    }
    return keep;
  }

  private HighlyVariableGenes() {}

  /**
   * What to compute.
   *
   * @param flavor the method
   * @param nTopGenes genes to select
   * @param batchKey obs column of batches, or null
   * @param layer layer to read instead of X, or null for X (seurat_v3 wants counts)
   * @param span LOESS span (seurat_v3 only)
   */
  public record Options(Flavor flavor, int nTopGenes, String batchKey, String layer, double span) {

    public Options {
      if (nTopGenes < 1) {
        throw new IllegalArgumentException("Invalid n_top_genes: " + nTopGenes);
      }
      if (!(span > 0 && span <= 1)) {
        throw new IllegalArgumentException("Invalid span: " + span + " (must be in (0, 1])");
      }
    }

    public Options(Flavor flavor, int nTopGenes) {
      this(flavor, nTopGenes, null, null, DEFAULT_SPAN);
    }
  }

  /**
   * The var columns written, in scanpy's order, and the selection.
   *
   * @param columns numeric columns by scanpy's name (means, dispersions or variances, ...)
   * @param highlyVariable the selection
   */
  public record Result(Map<String, double[]> columns, boolean[] highlyVariable) {

    /** A numeric column; refuses a name the flavour does not write. */
    public double[] column(String name) {
      double[] c = columns.get(name);
      if (c == null) {
        throw new IllegalArgumentException("no HVG column " + name + " (have " + columns.keySet() + ")");
      }
      return c;
    }

    /** How many genes are selected. */
    public int nSelected() {
      int k = 0;
      for (boolean b : highlyVariable) {
        k += b ? 1 : 0;
      }
      return k;
    }
  }

  /** One flavour on X, no batches. */
  public static Result compute(CellData data, Flavor flavor, int nTopGenes, Parallel parallel) {
    return compute(data, new Options(flavor, nTopGenes), parallel);
  }

  /** Computes and writes the var columns; returns them too. */
  public static Result compute(CellData data, Options options, Parallel parallel) {
    int n = data.nObs();
    if (n < 2) {
      throw new IllegalArgumentException("highly variable genes need at least 2 cells, not " + n);
    }
    CsrMatrix m = data.x();
    if (options.layer() != null) {
      m = data.layers().get(options.layer());
      if (m == null) {
        throw new IllegalArgumentException("no layer '" + options.layer() + "' (layers: "
            + String.join(", ", data.layers().keySet()) + ")");
      }
    }
    Groups batches = options.batchKey() == null
        ? new Groups(new int[n], new String[] {"all"})
        : Groups.of(data.obs(), options.batchKey(), "highly variable genes' batch key");
    for (int b = 0; b < batches.nGroups(); b++) {
      if (batches.sizes()[b] < 2) {
        throw new IllegalArgumentException("batch '" + batches.labels()[b] + "' of " + options.batchKey()
            + " has " + batches.sizes()[b] + " cell(s); each batch needs at least 2");
      }
    }
    Result r = options.flavor() == Flavor.SEURAT_V3
        ? seuratV3(m, batches, options, parallel)
        : dispersionFlavours(m, batches, options, parallel, data.var().index());
    for (Map.Entry<String, double[]> e : r.columns().entrySet()) {
      if (e.getKey().equals("highly_variable_nbatches")) {
        data.var().put(e.getKey(), new IntColumn(Arrays.stream(e.getValue()).mapToLong(v -> (long) v).toArray()));
      } else {
        data.var().put(e.getKey(), new DoubleColumn(e.getValue()));
      }
    }
    if (options.batchKey() != null && options.flavor() != Flavor.SEURAT_V3) {
      double[] nb = r.column("highly_variable_nbatches");
      boolean[] all = new boolean[nb.length];
      for (int j = 0; j < nb.length; j++) {
        all[j] = nb[j] == batches.nGroups();
      }
      data.var().put("highly_variable_intersection", new BooleanColumn(all));
    }
    data.var().put("highly_variable", new BooleanColumn(r.highlyVariable()));
    return r;
  }

  // ---------------------------------------------------------------- seurat and cell_ranger

  private static Result dispersionFlavours(CsrMatrix m, Groups batches, Options o, Parallel parallel, String[] genes) {
    int g = m.nCols();
    GeneMoments mom = GeneMoments.of(m, batches.codes(), batches.nGroups(), o.flavor() == Flavor.SEURAT, null, parallel);
    int nb = batches.nGroups();
    int[] sizes = batches.sizes();
    if (o.batchKey() == null) {
      int[] all = new int[g];
      Arrays.setAll(all, j -> j);
      double[][] one = singleBatch(mom.sum()[0], mom.sumSq()[0], sizes[0], all, o.flavor(), o.nTopGenes());
      Map<String, double[]> cols = new LinkedHashMap<>();
      cols.put("means", one[0]);
      cols.put("dispersions", one[1]);
      cols.put("dispersions_norm", one[2]);
      return new Result(cols, toBoolean(one[3]));
    }
    // Each batch alone on the genes it expresses (scanpy's filter_genes(min_cells=1)); genes a batch
    // does not express count as zeros there, as scanpy pads them.
    double[][] means = new double[nb][];
    double[][] disp = new double[nb][];
    double[][] norm = new double[nb][];
    double[] nBatches = new double[g];
    for (int b = 0; b < nb; b++) {
      int[] expressed = expressed(mom.count()[b]);
      double[][] one = singleBatch(mom.sum()[b], mom.sumSq()[b], sizes[b], expressed, o.flavor(), o.nTopGenes());
      means[b] = new double[g];
      disp[b] = new double[g];
      norm[b] = new double[g];
      for (int t = 0; t < expressed.length; t++) {
        int j = expressed[t];
        means[b][j] = one[0][t];
        disp[b][j] = one[1][t];
        norm[b][j] = one[2][t];
        nBatches[j] += one[3][t];
      }
    }
    double[] meanAll = nanMean(means);
    double[] dispAll = nanMean(disp);
    double[] normAll = nanMean(norm);
    // Most batches first, then the larger mean normalised dispersion, NaN last; ties in gene-name
    // order, as pandas' groupby sorts by name and its multi-column sort is stable.
    Integer[] order = new Integer[g];
    Arrays.setAll(order, j -> j);
    Arrays.sort(order, (a, c) -> {
      int byCount = Double.compare(nBatches[c], nBatches[a]);
      if (byCount != 0) {
        return byCount;
      }
      boolean na = Double.isNaN(normAll[a]);
      boolean nc = Double.isNaN(normAll[c]);
      if (na != nc) {
        return na ? 1 : -1;
      }
      int byNorm = na ? 0 : Double.compare(normAll[c], normAll[a]);
      return byNorm != 0 ? byNorm : genes[a].compareTo(genes[c]);
    });
    boolean[] hv = new boolean[g];
    for (int t = 0; t < Math.min(o.nTopGenes(), g); t++) {
      hv[order[t]] = true;
    }
    Map<String, double[]> cols = new LinkedHashMap<>();
    cols.put("means", meanAll);
    cols.put("dispersions", dispAll);
    cols.put("dispersions_norm", normAll);
    cols.put("highly_variable_nbatches", nBatches);
    return new Result(cols, hv);
  }

  /**
   * scanpy's single-batch computation on the listed genes: {mean, dispersion, normalised
   * dispersion, selected (1 or 0)}, each indexed like {@code genes}.
   */
  private static double[][] singleBatch(double[] sum, double[] sumSq, int n, int[] genes, Flavor flavor, int nTop) {
    int g = genes.length;
    double[] mean = new double[g];
    double[] dispersion = new double[g];
    for (int t = 0; t < g; t++) {
      int j = genes[t];
      double mu = sum[j] / n;
      double var = (sumSq[j] / n - mu * mu) * n / (n - 1);
      if (mu == 0) {
        mu = 1e-12;
      }
      dispersion[t] = var / mu;
      mean[t] = mu;
      if (flavor == Flavor.SEURAT) {
        dispersion[t] = dispersion[t] == 0 ? Double.NaN : Math.log(dispersion[t]);
        mean[t] = Math.log1p(mu);
      }
    }
    int[] bin = flavor == Flavor.SEURAT ? equalWidthBins(mean, N_BINS) : percentileBins(mean);
    double[] norm = flavor == Flavor.SEURAT ? zscoreInBins(dispersion, bin) : madInBins(dispersion, bin);
    boolean[] hv = top(norm, Math.min(nTop, g));
    double[] sel = new double[g];
    for (int t = 0; t < g; t++) {
      sel[t] = hv[t] ? 1 : 0;
    }
    return new double[][] {mean, dispersion, norm, sel};
  }

  // ---------------------------------------------------------------- seurat_v3

  private static Result seuratV3(CsrMatrix m, Groups batches, Options o, Parallel parallel) {
    int g = m.nCols();
    int nb = batches.nGroups();
    int[] sizes = batches.sizes();
    GeneMoments mom = GeneMoments.of(m, batches.codes(), nb, false, null, parallel);
    // Per batch: the LOESS-regularised standard deviation and the clip value of each gene.
    double[][] mean = new double[nb][g];
    double[][] regStd = new double[nb][g];
    double[][] clip = new double[nb][g];
    for (int b = 0; b < nb; b++) {
      int n = sizes[b];
      double[] var = new double[g];
      int nonConst = 0;
      for (int j = 0; j < g; j++) {
        mean[b][j] = mom.sum()[b][j] / n;
        var[j] = (mom.sumSq()[b][j] / n - mean[b][j] * mean[b][j]) * n / (n - 1);
        nonConst += var[j] > 0 ? 1 : 0;
      }
      double[] lx = new double[nonConst];
      double[] ly = new double[nonConst];
      int t = 0;
      for (int j = 0; j < g; j++) {
        if (var[j] > 0) {
          lx[t] = Math.log10(mean[b][j]);
          ly[t] = Math.log10(var[j]);
          t++;
        }
      }
      double[] fitted;
      try {
        fitted = Loess.fit(lx, ly, o.span(), 2);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("seurat_v3 flavour" + (nb > 1 ? " in batch '" + batches.labels()[b] + "'" : "")
            + ": " + e.getMessage());
      }
      t = 0;
      double vmax = Math.sqrt(n);
      for (int j = 0; j < g; j++) {
        double estimated = var[j] > 0 ? fitted[t++] : 0;
        regStd[b][j] = Math.sqrt(Math.pow(10, estimated));
        clip[b][j] = regStd[b][j] * vmax + mean[b][j];
      }
    }
    GeneMoments clipped = GeneMoments.of(m, batches.codes(), nb, false, clip, parallel);
    double[][] normVar = new double[nb][g];
    for (int b = 0; b < nb; b++) {
      int n = sizes[b];
      for (int j = 0; j < g; j++) {
        double mu = mean[b][j];
        double sd = regStd[b][j];
        normVar[b][j] = (1 / ((n - 1) * (sd * sd)))
            * ((n * (mu * mu)) + clipped.sumSq()[b][j] - 2 * clipped.sum()[b][j] * mu);
      }
    }
    // Rank within each batch (0 = most variable; equal values keep gene order), then the median
    // rank over the batches where a gene made the top n, as Seurat's SelectIntegrationFeatures.
    int nTop = o.nTopGenes();
    float[][] rank = new float[nb][g];
    for (int b = 0; b < nb; b++) {
      double[] v = normVar[b];
      Integer[] order = new Integer[g];
      Arrays.setAll(order, j -> j);
      Arrays.sort(order, (a, c) -> Double.compare(v[c], v[a]));
      for (int r = 0; r < g; r++) {
        rank[b][order[r]] = r;
      }
    }
    double[] nBatches = new double[g];
    double[] medianRank = new double[g];
    double[] variancesNorm = new double[g];
    float[] ranks = new float[nb];
    for (int j = 0; j < g; j++) {
      int k = 0;
      double sum = 0;
      for (int b = 0; b < nb; b++) {
        if (rank[b][j] < nTop) {
          ranks[k++] = rank[b][j];
        }
        sum += normVar[b][j];
      }
      nBatches[j] = k;
      variancesNorm[j] = sum / nb;
      if (k == 0) {
        medianRank[j] = Double.NaN;
      } else {
        Arrays.sort(ranks, 0, k);
        // numpy.ma.median of float32 ranks: the middle one, or the float32 mean of the middle two.
        medianRank[j] = k % 2 == 1 ? ranks[k / 2] : (float) ((ranks[k / 2 - 1] + ranks[k / 2]) / 2f);
      }
    }
    Integer[] order = new Integer[g];
    Arrays.setAll(order, j -> j);
    Arrays.sort(order, (a, c) -> {
      boolean na = Double.isNaN(medianRank[a]);
      boolean nc = Double.isNaN(medianRank[c]);
      if (na != nc) {
        return na ? 1 : -1;
      }
      int byRank = na ? 0 : Double.compare(medianRank[a], medianRank[c]);
      return byRank != 0 ? byRank : Double.compare(nBatches[c], nBatches[a]);
    });
    boolean[] hv = new boolean[g];
    for (int t = 0; t < Math.min(nTop, g); t++) {
      hv[order[t]] = true;
    }
    // Means and variances over all cells, as scanpy reports them.
    GeneMoments all = nb == 1 ? mom : GeneMoments.of(m, new int[m.nRows()], 1, false, null, parallel);
    int n = m.nRows();
    double[] means = new double[g];
    double[] variances = new double[g];
    for (int j = 0; j < g; j++) {
      means[j] = all.sum()[0][j] / n;
      variances[j] = (all.sumSq()[0][j] / n - means[j] * means[j]) * n / (n - 1);
    }
    Map<String, double[]> cols = new LinkedHashMap<>();
    cols.put("means", means);
    cols.put("variances", variances);
    cols.put("highly_variable_rank", medianRank);
    cols.put("variances_norm", variancesNorm);
    if (o.batchKey() != null) {
      cols.put("highly_variable_nbatches", nBatches);
    }
    return new Result(cols, hv);
  }

  // ---------------------------------------------------------------- shared pieces

  private static int[] expressed(int[] count) {
    return java.util.stream.IntStream.range(0, count.length).filter(j -> count[j] > 0).toArray();
  }

  private static boolean[] toBoolean(double[] v) {
    boolean[] out = new boolean[v.length];
    for (int j = 0; j < v.length; j++) {
      out[j] = v[j] != 0;
    }
    return out;
  }

  /** numpy.nanmean over the first axis; NaN where every value is NaN. */
  private static double[] nanMean(double[][] v) {
    int g = v[0].length;
    double[] out = new double[g];
    for (int j = 0; j < g; j++) {
      double sum = 0;
      int k = 0;
      for (double[] row : v) {
        if (!Double.isNaN(row[j])) {
          sum += row[j];
          k++;
        }
      }
      out[j] = k == 0 ? Double.NaN : sum / k;
    }
    return out;
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
    double[] edges = new double[21];
    edges[0] = Double.NEGATIVE_INFINITY;
    int e = 1;
    for (int p = 10; p <= 100; p += 5) {
      double pos = (sorted.length - 1) * p / 100.0;
      int lo = (int) Math.floor(pos);
      int hi = Math.min(sorted.length - 1, lo + 1);
      double edge = sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
      if (edge == edges[e - 1]) {
        throw new IllegalArgumentException("the cell_ranger flavour's mean percentiles repeat (" + edge
            + "): too few distinct gene means to bin, as in scanpy; use the seurat flavour");
      }
      edges[e++] = edge;
    }
    edges[e] = Double.POSITIVE_INFINITY;
    return rightClosedBins(values, edges);
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
    int[] size = new int[nb];
    for (int b : bin) {
      size[b]++;
    }
    double[][] members = new double[nb][];
    for (int k = 0; k < nb; k++) {
      members[k] = new double[size[k]];
    }
    int[] fill = new int[nb];
    for (int j = 0; j < d.length; j++) {
      members[bin[j]][fill[bin[j]]++] = d[j];
    }
    double[] median = new double[nb];
    double[] mad = new double[nb];
    for (int k = 0; k < nb; k++) {
      double[] v = members[k];
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
