package org.myelin.core.doublet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.myelin.core.graph.ExactKnn;
import org.myelin.core.graph.KnnResult;
import org.myelin.core.matrix.DotProduct;
import org.myelin.core.matrix.SymmetricEigen;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.random.NumpyRandomState;
import org.myelin.core.stats.Histogram;
import org.myelin.core.stats.NelderMead;
import org.myelin.core.stats.PairwiseSum;
import org.myelin.core.stats.Quantiles;
import org.myelin.core.tool.InvalidOptionException;

/**
 * Scrublet (Wolock, Lopez and Klein, Cell Systems 2019) as scrublet 0.2.2's {@code scrub_doublets}
 * with exact neighbours: highly variable genes by v-score (Klein et al., Cell 2015), doublets
 * simulated by adding the counts of random pairs of cells (drawn by numpy's legacy generator, so
 * the same pairs as scrublet's for a seed), both normalised to 10^6 and z-scored with the observed
 * cells' moments, a 30-component PCA of the observed cells, then each cell's share of simulated
 * doublets among its k nearest neighbours turned into a doublet likelihood, and the threshold at
 * the minimum between the two modes of the simulated doublets' scores (skimage's
 * {@code threshold_minimum}).
 *
 * <p>The principal components come from Lanczos rather than ARPACK; distances in the embedding
 * depend only on the components' span, which both find to rounding, so the neighbours and the
 * scores are scrublet's.
 */
public final class Scrublet {

  /** Cells per block of the PCA's products: the sums over cells are taken in this fixed order. */
  private static final int ROW_BLOCK = 1024;

  private Scrublet() {}

  /**
   * scrublet's parameters.
   *
   * @param simDoubletRatio simulated doublets per observed cell
   * @param nNeighbors neighbours; 0 for scrublet's round(sqrt(cells) / 2)
   * @param expectedDoubletRate the doublet rate expected of the experiment
   * @param stdevDoubletRate its uncertainty
   * @param minCounts a gene counts where its normalised count reaches this ...
   * @param minCells ... in at least this many cells
   * @param minGeneVariabilityPctl genes at or above this percentile of v-score are kept
   * @param nPrinComps principal components of the embedding
   * @param threshold the doublet score above which a cell is called a doublet; NaN to find it
   */
  public record Options(double simDoubletRatio, int nNeighbors, double expectedDoubletRate,
      double stdevDoubletRate, double minCounts, int minCells, double minGeneVariabilityPctl, int nPrinComps,
      double threshold) {

    public Options {
      InvalidOptionException.check(simDoubletRatio > 0 && Double.isFinite(simDoubletRatio), "sim_doublet_ratio",
          simDoubletRatio, "positive");
      InvalidOptionException.check(nNeighbors >= 0, "n_neighbors", nNeighbors, "0 for automatic, or positive");
      InvalidOptionException.check(expectedDoubletRate > 0 && expectedDoubletRate < 1, "expected_doublet_rate",
          expectedDoubletRate, "in (0, 1)");
      InvalidOptionException.check(stdevDoubletRate >= 0 && stdevDoubletRate < 1, "stdev_doublet_rate",
          stdevDoubletRate, "in [0, 1)");
      InvalidOptionException.check(minCounts >= 0, "min_counts", minCounts, "0 or more");
      InvalidOptionException.check(minCells >= 0, "min_cells", minCells, "0 or more");
      InvalidOptionException.check(minGeneVariabilityPctl >= 0 && minGeneVariabilityPctl <= 100,
          "min_gene_variability_pctl", minGeneVariabilityPctl, "in [0, 100]");
      InvalidOptionException.check(nPrinComps >= 2, "n_prin_comps", nPrinComps, "2 or more");
      InvalidOptionException.check(Double.isNaN(threshold) || (threshold >= 0 && threshold <= 1), "threshold",
          threshold, "in [0, 1], or automatic");
    }

    /** scrublet's defaults. */
    public static Options defaults() {
      return new Options(2.0, 0, 0.1, 0.02, 3, 3, 85, 30, Double.NaN);
    }
  }

  /**
   * @param scoresObs each cell's doublet score
   * @param errorsObs its standard error
   * @param scoresSim the simulated doublets' scores
   * @param threshold the score threshold; NaN when the simulated scores have no two modes to split
   * @param predicted the cells called doublets (score above the threshold); null without a threshold
   * @param genes the genes of the embedding (column indices)
   * @param parents the simulated doublets' two cells, n_sim x 2 row-major
   * @param neighbors the neighbours each score is taken over
   * @param tieAtK per cell, then per simulated doublet: whether its last neighbour and the next are an
   *     observed cell and a simulated doublet at exactly the same distance (a doublet made of one cell
   *     twice is that cell's double), so that how the tie is broken decides one neighbour's kind. Here
   *     the lower index wins; scikit-learn's choice depends on BLAS rounding.
   */
  public record Result(double[] scoresObs, double[] errorsObs, double[] scoresSim, double threshold,
      boolean[] predicted, int[] genes, int[] parents, int neighbors, boolean[] tieAtK) {

    /** Cells called doublets; 0 without a threshold. */
    public int nPredicted() {
      int c = 0;
      if (predicted != null) {
        for (boolean p : predicted) {
          c += p ? 1 : 0;
        }
      }
      return c;
    }
  }

  /** One sample's counts: cells as rows, sparse, with their entries in column order. */
  public record Counts(int nCells, int nGenes, int[] indptr, int[] indices, double[] values) {}

  /**
   * Scores the cells of one sample ({@code counts}, raw UMI counts).
   *
   * @param seed scrublet's random_state (numpy's seed for the pairs)
   */
  public static Result run(Counts counts, Options o, long seed, Parallel parallel) {
    int n = counts.nCells();
    double[] totals = new double[n];
    for (int i = 0; i < n; i++) {
      double t = 0;
      for (int p = counts.indptr()[i]; p < counts.indptr()[i + 1]; p++) {
        t += counts.values()[p];
      }
      if (!(t > 0)) {
        throw new IllegalArgumentException("cell " + i + " has no counts; filter empty cells first");
      }
      totals[i] = t;
    }
    double meanTotal = PairwiseSum.sum(totals) / n;
    int[] genes = geneFilter(scaled(counts, totals, meanTotal), o);
    if (genes.length < o.nPrinComps()) {
      throw new IllegalArgumentException(genes.length + " genes pass scrublet's filter (at least " + o.minCells()
          + " cells with " + o.minCounts() + " or more normalised counts, v-score at or above the "
          + o.minGeneVariabilityPctl() + "th percentile); the embedding needs " + o.nPrinComps());
    }
    Counts observed = selectGenes(counts, genes);

    // Doublets: the counts of pairs of cells drawn with numpy's legacy randint.
    int nSim = (int) (n * o.simDoubletRatio());
    NumpyRandomState random = new NumpyRandomState(seed);
    int[] parents = new int[nSim * 2];
    for (int t = 0; t < parents.length; t++) {
      parents[t] = (int) random.randint(n);
    }
    Counts simulated = addPairs(observed, parents);
    double[] simTotals = new double[nSim];
    for (int s = 0; s < nSim; s++) {
      simTotals[s] = totals[parents[2 * s]] + totals[parents[2 * s + 1]];
    }
    Counts obsNorm = scaled(observed, totals, 1e6);
    Counts simNorm = scaled(simulated, simTotals, 1e6);

    // z-scores with the observed cells' moments, then PCA of the observed cells.
    int g = genes.length;
    double[][] moments = moments(obsNorm);
    double[] zObs = zscore(obsNorm, moments[0], moments[1], parallel);
    int comps = o.nPrinComps();
    double[] pcaMean = new double[g];
    double[] column = new double[n];
    for (int j = 0; j < g; j++) {
      for (int i = 0; i < n; i++) {
        column[i] = zObs[i * g + j];
      }
      pcaMean[j] = PairwiseSum.sum(column) / n;
    }
    forRows(n, parallel, (from, to) -> {
      for (int i = from; i < to; i++) {
        for (int j = 0; j < g; j++) {
          zObs[i * g + j] -= pcaMean[j];
        }
      }
    });
    double[] components = components(zObs, n, g, comps, parallel);
    int total = n + nSim;
    double[] manifold = new double[total * comps];
    forRows(n, parallel, (from, to) -> {
      for (int i = from; i < to; i++) {
        project(zObs, i * g, g, components, comps, manifold, i * comps);
      }
    });
    // The simulated doublets are z-scored and projected a row at a time rather than held dense.
    forRows(nSim, parallel, (from, to) -> {
      double[] row = new double[g];
      for (int s = from; s < to; s++) {
        zscoreRow(simNorm, s, moments[0], moments[1], row);
        for (int j = 0; j < g; j++) {
          row[j] -= pcaMean[j];
        }
        project(row, 0, g, components, comps, manifold, (n + s) * comps);
      }
    });

    // Doublet likelihoods from the simulated share of each cell's neighbours.
    int k = o.nNeighbors() > 0 ? o.nNeighbors() : (int) Math.rint(0.5 * Math.sqrt(n));
    int kAdj = (int) Math.rint(k * (1 + nSim / (double) n));
    if (kAdj + 1 > total) {
      throw new IllegalArgumentException(n + " cells are too few for " + k + " neighbours");
    }
    // One neighbour more than needed tells whether the last one is tied with the next.
    int searched = Math.min(total, kAdj + 2);
    KnnResult knn = ExactKnn.search(manifold, total, comps, searched, ExactKnn.Metric.EUCLIDEAN, parallel);
    double rho = o.expectedDoubletRate();
    double r = nSim / (double) n;
    double bigN = kAdj;
    double seRho = o.stdevDoubletRate();
    double[] scores = new double[total];
    double[] errors = new double[total];
    boolean[] tied = new boolean[total];
    for (int i = 0; i < total; i++) {
      int simNeighbours = 0;
      for (int t = 1; t <= kAdj; t++) {
        simNeighbours += knn.indices()[i * searched + t] >= n ? 1 : 0;
      }
      if (searched == kAdj + 2) {
        int last = knn.indices()[i * searched + kAdj];
        int next = knn.indices()[i * searched + kAdj + 1];
        tied[i] = (last >= n) != (next >= n)
            && squaredDistance(manifold, i, last, comps) == squaredDistance(manifold, i, next, comps);
      }
      double q = (simNeighbours + 1) / (bigN + 2);
      double denominator = 1 - rho - q * (1 - rho - rho / r);
      scores[i] = q * rho / r / denominator;
      double seQ = Math.sqrt(q * (1 - q) / (bigN + 3));
      double a = seQ / q * (1 - rho);
      double b = seRho / rho * (1 - q);
      errors[i] = q * rho / r / (denominator * denominator) * Math.sqrt(a * a + b * b);
    }
    double[] scoresObs = Arrays.copyOfRange(scores, 0, n);
    double[] errorsObs = Arrays.copyOfRange(errors, 0, n);
    double[] scoresSim = Arrays.copyOfRange(scores, n, total);
    double threshold = Double.isNaN(o.threshold()) ? thresholdMinimum(scoresSim) : o.threshold();
    boolean[] predicted = null;
    if (!Double.isNaN(threshold)) {
      predicted = new boolean[n];
      for (int i = 0; i < n; i++) {
        predicted[i] = scoresObs[i] > threshold;
      }
    }
    return new Result(scoresObs, errorsObs, scoresSim, threshold, predicted, genes, parents, kAdj, tied);
  }

  private static double squaredDistance(double[] x, int a, int b, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double e = x[a * d + j] - x[b * d + j];
      s += e * e;
    }
    return s;
  }

  /** Each cell's counts times target / its total, as scrublet's tot_counts_norm. */
  static Counts scaled(Counts c, double[] totals, double target) {
    double[] v = new double[c.values().length];
    for (int i = 0; i < c.nCells(); i++) {
      double f = target / totals[i];
      for (int p = c.indptr()[i]; p < c.indptr()[i + 1]; p++) {
        v[p] = f * c.values()[p];
      }
    }
    return new Counts(c.nCells(), c.nGenes(), c.indptr(), c.indices(), v);
  }

  /**
   * scrublet's filter_genes on the normalised counts: genes with a positive v-score at or above the
   * percentile, counting at least minCounts in at least minCells cells.
   */
  static int[] geneFilter(Counts e, Options o) {
    int n = e.nCells();
    int g = e.nGenes();
    // scipy's mean over cells: each value times 1/n, summed in cell order.
    double inv = 1.0 / n;
    double[] mean = new double[g];
    double[] meanSq = new double[g];
    int[] cellsAbove = new int[g];
    for (int i = 0; i < n; i++) {
      for (int p = e.indptr()[i]; p < e.indptr()[i + 1]; p++) {
        int j = e.indices()[p];
        double v = e.values()[p];
        mean[j] += v * inv;
        meanSq[j] += v * v * inv;
        if (v >= o.minCounts()) {
          cellsAbove[j]++;
        }
      }
    }
    List<Integer> expressed = new ArrayList<>();
    for (int j = 0; j < g; j++) {
      if (mean[j] > 0) {
        expressed.add(j);
      }
    }
    int m = expressed.size();
    double[] mu = new double[m];
    double[] ff = new double[m];
    double[] x = new double[m];
    double[] y = new double[m];
    for (int t = 0; t < m; t++) {
      int j = expressed.get(t);
      mu[t] = mean[j];
      double var = meanSq[j] - mean[j] * mean[j];
      ff[t] = var / mu[t];
      x[t] = Math.log(mu[t]);
      y[t] = Math.log(ff[t] / mu[t]);
    }
    double[][] fit = runningQuantile(x, y, 0.1, 50);
    double[] logFf = new double[m];
    for (int t = 0; t < m; t++) {
      logFf[t] = Math.log(ff[t]);
    }
    Histogram h = Histogram.of(logFf, 200);
    int maxAt = 0;
    for (int b = 1; b < h.counts().length; b++) {
      if (h.counts()[b] > h.counts()[maxAt]) {
        maxAt = b;
      }
    }
    double[] edges = h.edges();
    double c = Math.max(Math.exp(edges[maxAt] + (edges[maxAt + 1] - edges[maxAt]) / 2), 1);
    double[] fx = fit[0];
    double[] fy = fit[1];
    double[] residual = new double[fx.length];
    double bFit = NelderMead.minimize(b2 -> {
      for (int t = 0; t < fx.length; t++) {
        residual[t] = Math.abs(Math.log(c * Math.exp(-fx[t]) + b2[0]) - fy[t]);
      }
      return PairwiseSum.sum(residual);
    }, new double[] {0.1})[0];
    double a = c / (1 + bFit) - 1;
    double[] vscore = new double[m];
    List<Double> positive = new ArrayList<>();
    for (int t = 0; t < m; t++) {
      vscore[t] = ff[t] / ((1 + a) * (1 + bFit) + bFit * mu[t]);
      if (vscore[t] > 0) {
        positive.add(vscore[t]);
      }
    }
    if (positive.isEmpty()) {
      return new int[0];
    }
    double minV = Quantiles.percentile(positive.stream().mapToDouble(Double::doubleValue).toArray(),
        o.minGeneVariabilityPctl());
    return java.util.stream.IntStream.range(0, m)
        .filter(t -> vscore[t] > 0 && vscore[t] >= minV && cellsAbove[expressed.get(t)] >= o.minCells())
        .map(expressed::get).toArray();
  }

  /**
   * scrublet's runningquantile: the p-th percentile of y in nBins equal bins of x, an empty bin
   * taking its predecessor's; leading empty bins dropped. Returns {bin centres, percentiles}.
   */
  static double[][] runningQuantile(double[] x, double[] y, double p, int nBins) {
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    double[] xs = new double[x.length];
    double[] ys = new double[x.length];
    for (int i = 0; i < order.length; i++) {
      xs[i] = x[order[i]];
      ys[i] = y[order[i]];
    }
    double dx = (xs[xs.length - 1] - xs[0]) / nBins;
    double[] xOut = Histogram.linspace(xs[0] + dx / 2, xs[xs.length - 1] - dx / 2, nBins);
    double[] yOut = new double[nBins];
    List<Double> in = new ArrayList<>();
    for (int i = 0; i < nBins; i++) {
      in.clear();
      double lo = xOut[i] - dx / 2;
      double hi = xOut[i] + dx / 2;
      for (int t = 0; t < xs.length; t++) {
        if (xs[t] >= lo && xs[t] < hi) {
          in.add(ys[t]);
        }
      }
      if (!in.isEmpty()) {
        yOut[i] = Quantiles.percentile(in.stream().mapToDouble(Double::doubleValue).toArray(), p);
      } else {
        yOut[i] = i > 0 ? yOut[i - 1] : Double.NaN;
      }
    }
    int first = 0;
    while (first < nBins && Double.isNaN(yOut[first])) {
      first++;
    }
    return new double[][] {Arrays.copyOfRange(xOut, first, nBins), Arrays.copyOfRange(yOut, first, nBins)};
  }

  /** The counts of the chosen genes (ascending column indices), renumbered 0.. */
  static Counts selectGenes(Counts c, int[] genes) {
    int[] newIndex = new int[c.nGenes()];
    Arrays.fill(newIndex, -1);
    for (int t = 0; t < genes.length; t++) {
      newIndex[genes[t]] = t;
    }
    int[] indptr = new int[c.nCells() + 1];
    int kept = 0;
    for (int p = 0; p < c.indices().length; p++) {
      kept += newIndex[c.indices()[p]] >= 0 ? 1 : 0;
    }
    int[] indices = new int[kept];
    double[] values = new double[kept];
    int at = 0;
    for (int i = 0; i < c.nCells(); i++) {
      for (int p = c.indptr()[i]; p < c.indptr()[i + 1]; p++) {
        int j = newIndex[c.indices()[p]];
        if (j >= 0) {
          indices[at] = j;
          values[at++] = c.values()[p];
        }
      }
      indptr[i + 1] = at;
    }
    return new Counts(c.nCells(), genes.length, indptr, indices, values);
  }

  /** Row s: the counts of cells parents[2s] and parents[2s+1] added. */
  static Counts addPairs(Counts c, int[] parents) {
    int nSim = parents.length / 2;
    int[] indptr = new int[nSim + 1];
    List<int[]> idx = new ArrayList<>();
    List<double[]> val = new ArrayList<>();
    int nnz = 0;
    for (int s = 0; s < nSim; s++) {
      int a = parents[2 * s];
      int b = parents[2 * s + 1];
      int pa = c.indptr()[a];
      int pb = c.indptr()[b];
      int ea = c.indptr()[a + 1];
      int eb = c.indptr()[b + 1];
      int[] ri = new int[(ea - pa) + (eb - pb)];
      double[] rv = new double[ri.length];
      int m = 0;
      while (pa < ea || pb < eb) {
        int ja = pa < ea ? c.indices()[pa] : Integer.MAX_VALUE;
        int jb = pb < eb ? c.indices()[pb] : Integer.MAX_VALUE;
        if (ja == jb) {
          ri[m] = ja;
          rv[m++] = c.values()[pa++] + c.values()[pb++];
        } else if (ja < jb) {
          ri[m] = ja;
          rv[m++] = c.values()[pa++];
        } else {
          ri[m] = jb;
          rv[m++] = c.values()[pb++];
        }
      }
      idx.add(Arrays.copyOf(ri, m));
      val.add(Arrays.copyOf(rv, m));
      nnz += m;
      indptr[s + 1] = nnz;
    }
    int[] indices = new int[nnz];
    double[] values = new double[nnz];
    for (int s = 0; s < nSim; s++) {
      System.arraycopy(idx.get(s), 0, indices, indptr[s], idx.get(s).length);
      System.arraycopy(val.get(s), 0, values, indptr[s], val.get(s).length);
    }
    return new Counts(nSim, c.nGenes(), indptr, indices, values);
  }

  /** Per gene: the mean and the standard deviation over cells, as scrublet's sparse_var (E[x²] − E[x]²). */
  static double[][] moments(Counts e) {
    int g = e.nGenes();
    double inv = 1.0 / e.nCells();
    double[] mean = new double[g];
    double[] meanSq = new double[g];
    for (int i = 0; i < e.nCells(); i++) {
      for (int p = e.indptr()[i]; p < e.indptr()[i + 1]; p++) {
        double v = e.values()[p];
        mean[e.indices()[p]] += v * inv;
        meanSq[e.indices()[p]] += v * v * inv;
      }
    }
    double[] sd = new double[g];
    for (int j = 0; j < g; j++) {
      sd[j] = Math.sqrt(meanSq[j] - mean[j] * mean[j]);
    }
    return new double[][] {mean, sd};
  }

  /** Dense (x − mean) × (1 / sd), cells x genes row-major, as scrublet's sparse_zscore. */
  static double[] zscore(Counts e, double[] mean, double[] sd, Parallel parallel) {
    int g = e.nGenes();
    double[] z = new double[Math.multiplyExact(e.nCells(), g)];
    forRows(e.nCells(), parallel, (from, to) -> {
      double[] row = new double[g];
      for (int i = from; i < to; i++) {
        zscoreRow(e, i, mean, sd, row);
        System.arraycopy(row, 0, z, i * g, g);
      }
    });
    return z;
  }

  /** Row i of the z-scores into {@code row}: (x − mean) × (1 / sd), zeros included. */
  private static void zscoreRow(Counts e, int i, double[] mean, double[] sd, double[] row) {
    for (int j = 0; j < row.length; j++) {
      row[j] = (0 - mean[j]) * (1 / sd[j]);
    }
    for (int p = e.indptr()[i]; p < e.indptr()[i + 1]; p++) {
      int j = e.indices()[p];
      row[j] = (e.values()[p] - mean[j]) * (1 / sd[j]);
    }
  }

  /** The top principal axes (g x comps row-major) of centred rows, by Lanczos on XᵀX. */
  private static double[] components(double[] xc, int n, int g, int comps, Parallel parallel) {
    int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
    double[] u = new double[n];
    double[][] partial = new double[blocks][g];
    SymmetricEigen.Operator gram = (v, out) -> {
      parallel.forEach(blocks, b -> {
        double[] acc = partial[b];
        Arrays.fill(acc, 0);
        for (int i = b * ROW_BLOCK, end = Math.min(n, (b + 1) * ROW_BLOCK); i < end; i++) {
          double ui = DotProduct.dot(xc, i * g, v, 0, g);
          u[i] = ui;
          for (int j = 0; j < g; j++) {
            acc[j] += ui * xc[i * g + j];
          }
        }
      });
      Arrays.fill(out, 0);
      for (double[] acc : partial) {
        for (int j = 0; j < g; j++) {
          out[j] += acc[j];
        }
      }
    };
    double[][] eigen = SymmetricEigen.top(gram, g, comps, 1e-10, parallel);
    return eigen[1];
  }

  /** One centred row times the axes: its coordinates in the embedding. */
  private static void project(double[] x, int from, int g, double[] components, int comps, double[] out, int at) {
    for (int c = 0; c < comps; c++) {
      out[at + c] = 0;
    }
    for (int j = 0; j < g; j++) {
      double v = x[from + j];
      for (int c = 0; c < comps; c++) {
        out[at + c] += v * components[j * comps + c];
      }
    }
  }

  /**
   * skimage's threshold_minimum: a 256-bin histogram smoothed by a running mean of three until it
   * has two maxima, the threshold at the lowest bin between them. NaN when it never has two.
   */
  static double thresholdMinimum(double[] values) {
    Histogram h = Histogram.of(values, 256);
    double[] smooth = new double[h.counts().length];
    for (int i = 0; i < smooth.length; i++) {
      smooth[i] = h.counts()[i];
    }
    List<Integer> maxima = List.of();
    for (int iteration = 0; iteration < 10000; iteration++) {
      smooth = uniformFilter3(smooth);
      maxima = localMaxima(smooth);
      if (maxima.size() < 3) {
        break;
      }
    }
    if (maxima.size() != 2) {
      return Double.NaN;
    }
    int lowest = maxima.get(0);
    for (int i = maxima.get(0) + 1; i <= maxima.get(1); i++) {
      if (smooth[i] < smooth[lowest]) {
        lowest = i;
      }
    }
    return h.centers()[lowest];
  }

  /** scipy's uniform_filter1d(x, 3) in 'reflect' mode: a running sum of three, each output the sum / 3. */
  static double[] uniformFilter3(double[] x) {
    int n = x.length;
    double[] out = new double[n];
    double sum = x[0] + x[0] + x[Math.min(1, n - 1)];
    out[0] = sum / 3;
    for (int i = 1; i < n; i++) {
      sum += x[Math.min(i + 1, n - 1)] - x[Math.max(i - 2, 0)];
      out[i] = sum / 3;
    }
    return out;
  }

  private static List<Integer> localMaxima(double[] h) {
    List<Integer> maxima = new ArrayList<>();
    boolean rising = true;
    for (int i = 0; i < h.length - 1; i++) {
      if (rising) {
        if (h[i + 1] < h[i]) {
          rising = false;
          maxima.add(i);
        }
      } else if (h[i + 1] > h[i]) {
        rising = true;
      }
    }
    return maxima;
  }

  private static void forRows(int n, Parallel parallel, Parallel.Range body) {
    parallel.forRanges(n, ROW_BLOCK, body);
  }
}
