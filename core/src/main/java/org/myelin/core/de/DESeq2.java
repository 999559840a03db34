package org.myelin.core.de;

import java.util.Arrays;
import java.util.HashMap;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.stats.GammaFunctions;
import org.myelin.core.stats.Glm;
import org.myelin.core.stats.HouseholderLeastSquares;
import org.myelin.core.stats.Lowess;
import org.myelin.core.stats.SmallMatrices;
import smile.math.special.Erf;
import smile.stat.distribution.FDistribution;

/**
 * Differential expression of counts across samples by the negative binomial model of DESeq2
 * (Love, Huber &amp; Anders, Genome Biol 2014), following DESeq2 1.38's {@code DESeq()} and {@code
 * results()} with their defaults: median-of-ratios size factors, gene-wise dispersions by
 * Cox–Reid adjusted profile likelihood (its Armijo line search and grid fallback), the parametric
 * trend a/μ + b fitted by a Gamma GLM, maximum a posteriori dispersions, Wald tests of IRLS fits
 * with a 1e-6 ridge, Cook's distances with outlier replacement and refitting for cells of seven or
 * more samples, Cook's filtering, and independent filtering on the mean of normalised counts with
 * Benjamini–Hochberg adjustment.
 *
 * <p>Not followed: the local (locfit) trend DESeq2 substitutes when the parametric one fails (an
 * error here, naming the mean trend as the alternative), the simulation-based prior variance for
 * designs with three or fewer residual degrees of freedom (an error), and the L-BFGS-B refit of
 * genes whose IRLS fit has not converged in 100 iterations (they keep the IRLS estimate and are
 * flagged).
 */
public final class DESeq2 {

  /** The dispersion trend: DESeq2's parametric a/μ + b, or the trimmed mean of the estimates. */
  public enum Trend {
    PARAMETRIC,
    MEAN
  }

  /** DESeq() and results() options; {@link #defaults()} are DESeq2's. */
  public record Options(Trend trend, int minReplicatesForReplace, boolean cooksFilter, boolean independentFiltering,
      double alpha, int threads) implements java.io.Serializable {
    public Options {
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
      }
      if (minReplicatesForReplace < 3) {
        throw new IllegalArgumentException("outliers are replaced only in cells of at least 3 samples, got " + minReplicatesForReplace);
      }
    }

    public static Options defaults() {
      return new Options(Trend.PARAMETRIC, 7, true, true, 0.1, 1);
    }

    public Options withThreads(int n) {
      return new Options(trend, minReplicatesForReplace, cooksFilter, independentFiltering, alpha, n);
    }

    public Options withTrend(Trend t) {
      return new Options(t, minReplicatesForReplace, cooksFilter, independentFiltering, alpha, threads);
    }
  }

  static final double MIN_DISP = 1e-8;
  private static final double KAPPA_0 = 1;
  private static final double DISP_TOL = 1e-6;
  private static final int MAXIT = 100;
  private static final double MIN_MU = 0.5;
  private static final double BETA_TOL = 1e-8;
  private static final double LAMBDA = 1e-6;
  private static final double LOG2E = 1 / Math.log(2);

  private DESeq2() {}

  /**
   * Everything {@code DESeq()} estimates, per gene (rows of the counts) unless said otherwise;
   * genes whose counts are all zero carry NaN.
   *
   * @param beta coefficients on the log2 scale, genes by coefficients
   * @param cooks Cook's distances of the first fit, genes by samples
   * @param replaced whether the gene's outlier counts were replaced and the gene refitted
   */
  public record Fit(
      Design design,
      double[][] counts,
      double[] sizeFactors,
      double[] baseMean,
      double[] baseVar,
      boolean[] allZero,
      double[] dispGeneEst,
      double[] dispFit,
      double[] dispMAP,
      double[] dispersion,
      boolean[] dispOutlier,
      double[] trendCoefficients,
      double dispPriorVar,
      double[][] beta,
      double[][] betaSE,
      boolean[] betaConverged,
      double[][] cooks,
      double[] maxCooks,
      boolean[] replaced) {

    /** Genes whose IRLS fit did not converge (DESeq2 refits them with L-BFGS-B). */
    public int unconverged() {
      int n = 0;
      for (int g = 0; g < betaConverged.length; g++) {
        n += !allZero[g] && !betaConverged[g] ? 1 : 0;
      }
      return n;
    }
  }

  /** What {@code results()} reports for one contrast; padj is NaN where DESeq2 gives NA. */
  public record Results(
      String contrast,
      double[] baseMean,
      double[] log2FoldChange,
      double[] lfcSE,
      double[] stat,
      double[] pvalue,
      double[] padj,
      double filterThreshold) {}

  /**
   * Runs DESeq2's pipeline on integer counts, genes by samples.
   *
   * @throws IllegalArgumentException when the counts or design cannot be fitted, with DESeq2's
   *     reason
   */
  public static Fit fit(double[][] counts, Design design, Options options) {
    double[][] x = design.matrix();
    int m = x.length;
    int p = x[0].length;
    if (counts.length == 0 || counts[0].length != m) {
      throw new IllegalArgumentException("counts have " + (counts.length == 0 ? 0 : counts[0].length) + " samples, the design " + m);
    }
    if (m == p) {
      throw new IllegalArgumentException("the number of samples equals the number of coefficients: there are no replicates to estimate dispersions");
    }
    if (m - p <= 3) {
      throw new IllegalArgumentException(
          "the design leaves " + (m - p) + " residual degrees of freedom; at least 4 are needed (" + m + " samples, " + p + " coefficients)");
    }
    try (Parallel parallel = new Parallel(options.threads())) {
      int n = counts.length;
      double[] sf = sizeFactors(counts);
      Moments mom = moments(counts, sf);
      int[] nz = indices(mom.allZero, false);
      double maxDisp = Math.max(10, m);
      double[][] y = rows(counts, nz);
      GeneWise gw = geneWise(y, x, sf, maxDisp, parallel);
      double[] dispGeneEst = scatter(n, nz, gw.dispGeneEst);
      double[] bmNz = pick(mom.baseMean, nz);
      double[] trend = trend(bmNz, gw.dispGeneEst, options.trend());
      double[] dispFitNz = evaluate(trend, bmNz);
      double varLogDispEsts = varLogDispEsts(gw.dispGeneEst, dispFitNz);
      double priorVar = Math.max(varLogDispEsts - GammaFunctions.trigamma((m - p) / 2.0), 0.25);
      MapDispersions dispNz = map(y, x, gw.mu, gw.dispGeneEst, dispFitNz, priorVar, varLogDispEsts, maxDisp, parallel);
      Wald wald = wald(y, x, sf, dispNz.dispersion, parallel);
      double[][] cooksNz = cooks(y, x, sf, wald.mu, wald.hat);
      double[] maxCooksNz = maxCooks(x, cooksNz);

      double[] dispFit = scatter(n, nz, dispFitNz);
      double[] dispMAP = scatter(n, nz, dispNz.dispMAP);
      double[] dispersion = scatter(n, nz, dispNz.dispersion);
      boolean[] dispOutlier = new boolean[n];
      for (int i = 0; i < nz.length; i++) {
        dispOutlier[nz[i]] = dispNz.outlier[i];
      }
      double[][] beta = nanMatrix(n, p);
      double[][] betaSE = nanMatrix(n, p);
      boolean[] conv = new boolean[n];
      double[][] cooks = nanMatrix(n, m);
      double[] maxCooks = scatter(n, nz, maxCooksNz);
      for (int i = 0; i < nz.length; i++) {
        int g = nz[i];
        for (int j = 0; j < p; j++) {
          beta[g][j] = LOG2E * wald.beta[i][j];
          betaSE[g][j] = LOG2E * Math.sqrt(Math.max(wald.betaVar[i][j], 0));
        }
        conv[g] = wald.converged[i];
        cooks[g] = cooksNz[i];
      }
      double[] baseMean = mom.baseMean;
      double[] baseVar = mom.baseVar;
      boolean[] allZero = mom.allZero;
      boolean[] replaced = new boolean[n];
      boolean[] replaceable = nOrMoreInCell(x, options.minReplicatesForReplace());
      if (any(replaceable)) {
        double cutoff = cooksCutoff(m, p);
        double[][] newCounts = new double[n][];
        int nrefit = 0;
        for (int g = 0; g < n; g++) {
          newCounts[g] = counts[g].clone();
          if (allZero[g]) {
            continue;
          }
          double trimmed = Double.NaN;
          for (int j = 0; j < m; j++) {
            if (cooks[g][j] > cutoff) {
              replaced[g] = true;
              if (replaceable[j]) {
                if (Double.isNaN(trimmed)) {
                  double[] norm = new double[m];
                  for (int k = 0; k < m; k++) {
                    norm[k] = counts[g][k] / sf[k];
                  }
                  trimmed = trimmedMean(norm, 0.2);
                }
                newCounts[g][j] = (int) (trimmed * sf[j]);
              }
            }
          }
          nrefit += replaced[g] ? 1 : 0;
        }
        if (nrefit > 0) {
          Moments newMom = moments(newCounts, sf);
          baseMean = newMom.baseMean;
          baseVar = newMom.baseVar;
          int newAllZero = 0;
          int[] refit = new int[nrefit];
          int r = 0;
          for (int g = 0; g < n; g++) {
            if (replaced[g] && newMom.allZero[g]) {
              newAllZero++;
              Arrays.fill(beta[g], Double.NaN);
              Arrays.fill(betaSE[g], Double.NaN);
              maxCooks[g] = Double.NaN;
            } else if (replaced[g]) {
              refit[r++] = g;
            }
          }
          refit = Arrays.copyOf(refit, r);
          if (nrefit > newAllZero) {
            double[][] ySub = rows(newCounts, refit);
            GeneWise gwSub = geneWise(ySub, x, sf, maxDisp, parallel);
            double[] fitSub = evaluate(trend, pick(baseMean, refit));
            MapDispersions mapSub = map(ySub, x, gwSub.mu, gwSub.dispGeneEst, fitSub, priorVar, varLogDispEsts, maxDisp, parallel);
            Wald waldSub = wald(ySub, x, sf, mapSub.dispersion, parallel);
            for (int i = 0; i < refit.length; i++) {
              int g = refit[i];
              dispGeneEst[g] = gwSub.dispGeneEst[i];
              dispFit[g] = fitSub[i];
              dispMAP[g] = mapSub.dispMAP[i];
              dispersion[g] = mapSub.dispersion[i];
              dispOutlier[g] = mapSub.outlier[i];
              for (int j = 0; j < p; j++) {
                beta[g][j] = LOG2E * waldSub.beta[i][j];
                betaSE[g][j] = LOG2E * Math.sqrt(Math.max(waldSub.betaVar[i][j], 0));
              }
              conv[g] = waldSub.converged[i];
            }
            // DESeq2 then takes the largest Cook's distance of the first fit over the samples that
            // could not be replaced, or none when every sample could.
            boolean allReplaceable = true;
            for (boolean b : replaceable) {
              allReplaceable &= b;
            }
            for (int g = 0; g < n; g++) {
              if (allZero[g]) {
                continue;
              }
              if (allReplaceable) {
                maxCooks[g] = Double.NaN;
              } else {
                double[] c = cooks[g].clone();
                for (int j = 0; j < m; j++) {
                  if (replaceable[j]) {
                    c[j] = 0;
                  }
                }
                maxCooks[g] = maxCooks(x, new double[][] {c})[0];
              }
            }
          }
        }
      }
      return new Fit(design, counts, sf, baseMean, baseVar, allZero, dispGeneEst, dispFit, dispMAP, dispersion, dispOutlier,
          trend, priorVar, beta, betaSE, conv, cooks, maxCooks, replaced);
    }
  }

  /** DESeq2's {@code results(dds, contrast = ...)} with its defaults. */
  public static Results results(Fit fit, Design.Contrast contrast, Options options) {
    int n = fit.counts().length;
    double[][] x = fit.design().matrix();
    int m = x.length;
    int p = x[0].length;
    double[] lfc = new double[n];
    double[] se = new double[n];
    double[] stat = new double[n];
    double[] pvalue = new double[n];
    double[] w = contrast.weights();
    for (int g = 0; g < n; g++) {
      if (fit.allZero()[g] || Double.isNaN(fit.beta()[g][0])) {
        lfc[g] = se[g] = stat[g] = pvalue[g] = Double.NaN;
        continue;
      }
      if (contrast.coefficient() >= 0) {
        int c = contrast.coefficient();
        lfc[g] = contrast.sign() * fit.beta()[g][c];
        se[g] = fit.betaSE()[g][c];
        stat[g] = contrast.sign() * (fit.beta()[g][c] / fit.betaSE()[g][c]);
      } else {
        double[] b = new double[p];
        double num = 0;
        for (int j = 0; j < p; j++) {
          b[j] = Math.log(2) * fit.beta()[g][j];
          num += w[j] * b[j];
        }
        double[] mu = new double[m];
        for (int i = 0; i < m; i++) {
          double eta = 0;
          for (int j = 0; j < p; j++) {
            eta += x[i][j] * b[j];
          }
          mu[i] = Math.max(fit.sizeFactors()[i] * Math.exp(eta), MIN_MU);
        }
        double[][] sigma = sandwich(x, mu, fit.dispersion()[g], lambdaNatural(p));
        double q = 0;
        for (int a = 0; a < p; a++) {
          for (int c = 0; c < p; c++) {
            q += w[a] * sigma[a][c] * w[c];
          }
        }
        lfc[g] = LOG2E * num;
        se[g] = LOG2E * Math.sqrt(q);
        stat[g] = lfc[g] / se[g];
      }
      pvalue[g] = Erf.erfc(Math.abs(stat[g]) / Math.sqrt(2));
      boolean zero = true;
      for (int i = 0; i < m && zero; i++) {
        zero = !contrast.samples()[i] || fit.counts()[g][i] == 0;
      }
      if (zero) {
        lfc[g] = 0;
        stat[g] = 0;
        pvalue[g] = 1;
      }
    }
    if (options.cooksFilter() && m > p) {
      double cutoff = cooksCutoff(m, p);
      for (int g = 0; g < n; g++) {
        if (!(fit.maxCooks()[g] > cutoff)) {
          continue;
        }
        boolean filter = true;
        if (fit.design().singleTwoLevelFactor()) {
          double[] c = fit.cooks()[g];
          int worst = 0;
          for (int i = 1; i < m; i++) {
            if (c[i] > c[worst]) {
              worst = i;
            }
          }
          int larger = 0;
          for (int i = 0; i < m; i++) {
            larger += fit.counts()[g][i] > fit.counts()[g][worst] ? 1 : 0;
          }
          filter = larger < 3;
        }
        if (filter) {
          pvalue[g] = Double.NaN;
        }
      }
    }
    for (int g = 0; g < n; g++) {
      if (fit.replaced()[g] && fit.baseMean()[g] == 0) {
        lfc[g] = 0;
        se[g] = 0;
        stat[g] = 0;
        pvalue[g] = 1;
      }
    }
    double threshold = Double.NaN;
    double[] padj;
    if (options.independentFiltering()) {
      IndependentFilter f = independentFilter(fit.baseMean(), pvalue, options.alpha());
      padj = f.padj;
      threshold = f.threshold;
    } else {
      padj = MultipleTesting.benjaminiHochberg(pvalue);
    }
    return new Results(contrast.name(), fit.baseMean().clone(), lfc, se, stat, pvalue, padj, threshold);
  }

  // ---- size factors and moments

  /** Median-of-ratios size factors (Anders &amp; Huber 2010) over genes with no zero count. */
  static double[] sizeFactors(double[][] counts) {
    int n = counts.length;
    int m = counts[0].length;
    double[] logGeo = new double[n];
    boolean any = false;
    for (int g = 0; g < n; g++) {
      double s = 0;
      for (int j = 0; j < m; j++) {
        s += Math.log(counts[g][j]);
      }
      logGeo[g] = s / m;
      any |= Double.isFinite(logGeo[g]);
    }
    if (!any) {
      throw new IllegalArgumentException("every gene contains at least one zero, so median-of-ratios size factors cannot be computed");
    }
    double[] sf = new double[m];
    double[] ratios = new double[n];
    for (int j = 0; j < m; j++) {
      int k = 0;
      for (int g = 0; g < n; g++) {
        if (Double.isFinite(logGeo[g]) && counts[g][j] > 0) {
          ratios[k++] = Math.log(counts[g][j]) - logGeo[g];
        }
      }
      sf[j] = Math.exp(median(Arrays.copyOf(ratios, k)));
    }
    return sf;
  }

  private record Moments(double[] baseMean, double[] baseVar, boolean[] allZero) {}

  private static Moments moments(double[][] counts, double[] sf) {
    int n = counts.length;
    int m = sf.length;
    double[] mean = new double[n];
    double[] var = new double[n];
    boolean[] zero = new boolean[n];
    for (int g = 0; g < n; g++) {
      double s = 0;
      double raw = 0;
      for (int j = 0; j < m; j++) {
        s += counts[g][j] / sf[j];
        raw += counts[g][j];
      }
      double mu = s / m;
      double ss = 0;
      for (int j = 0; j < m; j++) {
        double d = counts[g][j] / sf[j] - mu;
        ss += d * d;
      }
      mean[g] = mu;
      var[g] = ss / (m - 1);
      zero[g] = raw == 0;
    }
    return new Moments(mean, var, zero);
  }

  // ---- gene-wise dispersions

  private record GeneWise(double[] dispGeneEst, double[][] mu) {}

  private static GeneWise geneWise(double[][] y, double[][] x, double[] sf, double maxDisp, Parallel parallel) {
    int n = y.length;
    int m = x.length;
    int p = x[0].length;
    double[][] norm = new double[n][m];
    double xim = 0;
    for (double s : sf) {
      xim += 1 / s;
    }
    xim /= m;
    double[] alphaInit = new double[n];
    double[][] hat = hatMatrix(x);
    for (int g = 0; g < n; g++) {
      double mean = 0;
      for (int j = 0; j < m; j++) {
        norm[g][j] = y[g][j] / sf[j];
        mean += norm[g][j];
      }
      mean /= m;
      double ss = 0;
      for (int j = 0; j < m; j++) {
        ss += (norm[g][j] - mean) * (norm[g][j] - mean);
      }
      double moments = (ss / (m - 1) - xim * mean) / (mean * mean);
      double rough = 0;
      for (int j = 0; j < m; j++) {
        double mu = 0;
        for (int k = 0; k < m; k++) {
          mu += hat[j][k] * norm[g][k];
        }
        mu = Math.max(1, mu);
        rough += ((norm[g][j] - mu) * (norm[g][j] - mu) - mu) / (mu * mu);
      }
      rough = Math.max(rough / (m - p), 0);
      alphaInit[g] = Math.min(Math.max(MIN_DISP, Math.min(rough, moments)), maxDisp);
    }
    double[][] mu;
    if (distinctRows(x) == p) {
      mu = new double[n][m];
      for (int g = 0; g < n; g++) {
        for (int j = 0; j < m; j++) {
          double fitted = 0;
          for (int k = 0; k < m; k++) {
            fitted += hat[j][k] * norm[g][k];
          }
          mu[g][j] = fitted * sf[j];
        }
      }
    } else {
      mu = wald(y, x, sf, alphaInit, parallel).mu;
    }
    for (double[] row : mu) {
      for (int j = 0; j < m; j++) {
        row[j] = Math.max(row[j], MIN_MU);
      }
    }
    double[] logInit = new double[n];
    for (int g = 0; g < n; g++) {
      logInit[g] = Math.log(alphaInit[g]);
    }
    DispFit d = fitDisp(y, x, mu, logInit, logInit, 1, false, parallel);
    double[] est = new double[n];
    boolean[] grid = new boolean[n];
    for (int g = 0; g < n; g++) {
      est[g] = Math.min(Math.exp(d.logAlpha[g]), maxDisp);
      if (d.lastLp[g] < d.initialLp[g] + Math.abs(d.initialLp[g]) / 1e6) {
        est[g] = alphaInit[g];
      }
      boolean converged = d.iter[g] < MAXIT && d.iter[g] != 1;
      grid[g] = !converged && est[g] > MIN_DISP * 10;
    }
    double[] zero = new double[n];
    dispGrid(y, x, mu, zero, 1, false, grid, est, parallel);
    for (int g = 0; g < n; g++) {
      est[g] = Math.min(Math.max(est[g], MIN_DISP), maxDisp);
    }
    return new GeneWise(est, mu);
  }

  /** The projection X (X'X)^-1 X', so that fitted values of a linear model are hat · y. */
  private static double[][] hatMatrix(double[][] x) {
    double[] ones = new double[x.length];
    Arrays.fill(ones, 1);
    double[][] inv = SmallMatrices.inverse(SmallMatrices.crossProduct(x, ones));
    int m = x.length;
    int p = x[0].length;
    double[][] h = new double[m][m];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        double s = 0;
        for (int i = 0; i < p; i++) {
          for (int j = 0; j < p; j++) {
            s += x[a][i] * inv[i][j] * x[b][j];
          }
        }
        h[a][b] = s;
      }
    }
    return h;
  }

  private static int distinctRows(double[][] x) {
    return (int) Arrays.stream(x).map(Arrays::toString).distinct().count();
  }

  // ---- the dispersion trend and the prior

  private static double[] trend(double[] baseMean, double[] dispGeneEst, Trend type) {
    int k = 0;
    for (double d : dispGeneEst) {
      k += d > 100 * MIN_DISP ? 1 : 0;
    }
    if (k == 0) {
      throw new IllegalArgumentException(
          "all gene-wise dispersion estimates are within 2 orders of magnitude of the minimum, so no dispersion trend can be fitted");
    }
    if (type == Trend.MEAN) {
      int c = 0;
      double[] use = new double[dispGeneEst.length];
      for (double d : dispGeneEst) {
        if (d > 10 * MIN_DISP) {
          use[c++] = d;
        }
      }
      return new double[] {trimmedMean(Arrays.copyOf(use, c), 0.001), 0};
    }
    double[] means = new double[k];
    double[] disps = new double[k];
    k = 0;
    for (int g = 0; g < dispGeneEst.length; g++) {
      if (dispGeneEst[g] > 100 * MIN_DISP) {
        means[k] = baseMean[g];
        disps[k++] = dispGeneEst[g];
      }
    }
    double[] coefs = {0.1, 1};
    for (int iter = 0; ; iter++) {
      int good = 0;
      int[] idx = new int[k];
      for (int g = 0; g < k; g++) {
        double r = disps[g] / (coefs[0] + coefs[1] / means[g]);
        if (r > 1e-4 && r < 15) {
          idx[good++] = g;
        }
      }
      double[][] xg = new double[good][];
      double[] yg = new double[good];
      for (int i = 0; i < good; i++) {
        xg[i] = new double[] {1, 1 / means[idx[i]]};
        yg[i] = disps[idx[i]];
      }
      Glm.Fit f;
      try {
        f = Glm.fit(xg, yg, Glm.Family.GAMMA_IDENTITY, coefs);
      } catch (IllegalArgumentException e) {
        throw trendFailed();
      }
      double[] old = coefs;
      coefs = f.coefficients();
      if (!(coefs[0] > 0 && coefs[1] > 0)) {
        throw trendFailed();
      }
      double change = 0;
      for (int j = 0; j < 2; j++) {
        double l = Math.log(coefs[j] / old[j]);
        change += l * l;
      }
      if (change < 1e-6 && f.converged()) {
        return coefs;
      }
      if (iter + 1 > 10) {
        throw trendFailed();
      }
    }
  }

  private static IllegalArgumentException trendFailed() {
    return new IllegalArgumentException(
        "the parametric dispersion trend a/mean + b did not fit these counts (DESeq2 would substitute a local regression, which myelin does not do); use the mean trend instead");
  }

  private static double[] evaluate(double[] trend, double[] means) {
    double[] out = new double[means.length];
    for (int g = 0; g < means.length; g++) {
      out[g] = trend[0] + trend[1] / means[g];
    }
    return out;
  }

  private static double varLogDispEsts(double[] dispGeneEst, double[] dispFit) {
    double[] res = new double[dispGeneEst.length];
    int k = 0;
    for (int g = 0; g < dispGeneEst.length; g++) {
      if (dispGeneEst[g] >= MIN_DISP * 100) {
        res[k++] = Math.log(dispGeneEst[g]) - Math.log(dispFit[g]);
      }
    }
    res = Arrays.copyOf(res, k);
    double med = median(res.clone());
    for (int i = 0; i < k; i++) {
      res[i] = Math.abs(res[i] - med);
    }
    double mad = 1.4826 * median(res);
    return mad * mad;
  }

  // ---- maximum a posteriori dispersions

  private record MapDispersions(double[] dispMAP, double[] dispersion, boolean[] outlier) {}

  private static MapDispersions map(double[][] y, double[][] x, double[][] mu, double[] dispGeneEst, double[] dispFit,
      double priorVar, double varLogDispEsts, double maxDisp, Parallel parallel) {
    int n = y.length;
    double[] init = new double[n];
    double[] priorMean = new double[n];
    for (int g = 0; g < n; g++) {
      init[g] = Math.log(dispGeneEst[g] > 0.1 * dispFit[g] ? dispGeneEst[g] : dispFit[g]);
      priorMean[g] = Math.log(dispFit[g]);
    }
    DispFit d = fitDisp(y, x, mu, init, priorMean, priorVar, true, parallel);
    double[] est = new double[n];
    boolean[] grid = new boolean[n];
    for (int g = 0; g < n; g++) {
      est[g] = Math.exp(d.logAlpha[g]);
      grid[g] = d.iter[g] >= MAXIT;
    }
    dispGrid(y, x, mu, priorMean, priorVar, true, grid, est, parallel);
    double[] dispersion = new double[n];
    boolean[] outlier = new boolean[n];
    double sd = Math.sqrt(varLogDispEsts);
    for (int g = 0; g < n; g++) {
      est[g] = Math.min(Math.max(est[g], MIN_DISP), maxDisp);
      outlier[g] = Math.log(dispGeneEst[g]) > Math.log(dispFit[g]) + 2 * sd;
      dispersion[g] = outlier[g] ? dispGeneEst[g] : est[g];
    }
    return new MapDispersions(est, dispersion, outlier);
  }

  // ---- the Cox-Reid adjusted profile likelihood and its line search (DESeq2's fitDisp)

  private record DispFit(double[] logAlpha, int[] iter, double[] initialLp, double[] lastLp) {}

  private static DispFit fitDisp(double[][] y, double[][] x, double[][] mu, double[] logAlpha, double[] priorMean,
      double priorVar, boolean usePrior, Parallel parallel) {
    int n = y.length;
    double[] out = new double[n];
    int[] iters = new int[n];
    double[] initial = new double[n];
    double[] last = new double[n];
    double minLogAlpha = Math.log(MIN_DISP / 10);
    double epsilon = 1e-4;
    parallel.forRanges(n, 64, (from, to) -> {
      for (int g = from; g < to; g++) {
        double a = logAlpha[g];
        double lp = logPosterior(a, y[g], mu[g], x, priorMean[g], priorVar, usePrior);
        double dlp = dLogPosterior(a, y[g], mu[g], x, priorMean[g], priorVar, usePrior);
        double kappa = KAPPA_0;
        initial[g] = lp;
        int iter = 0;
        int accepted = 0;
        for (int t = 0; t < MAXIT; t++) {
          iter++;
          double propose = a + kappa * dlp;
          if (propose < -30) {
            kappa = (-30 - a) / dlp;
          }
          if (propose > 10) {
            kappa = (10 - a) / dlp;
          }
          double thetaKappa = -logPosterior(a + kappa * dlp, y[g], mu[g], x, priorMean[g], priorVar, usePrior);
          double thetaHatKappa = -lp - kappa * epsilon * dlp * dlp;
          if (thetaKappa <= thetaHatKappa) {
            accepted++;
            a = a + kappa * dlp;
            double lpnew = logPosterior(a, y[g], mu[g], x, priorMean[g], priorVar, usePrior);
            double change = lpnew - lp;
            if (change < DISP_TOL) {
              lp = lpnew;
              break;
            }
            if (a < minLogAlpha) {
              break;
            }
            lp = lpnew;
            dlp = dLogPosterior(a, y[g], mu[g], x, priorMean[g], priorVar, usePrior);
            kappa = Math.min(kappa * 1.1, KAPPA_0);
            if (accepted % 5 == 0) {
              kappa = kappa / 2;
            }
          } else {
            kappa = kappa / 2;
          }
        }
        last[g] = lp;
        out[g] = a;
        iters[g] = iter;
      }
    });
    return new DispFit(out, iters, initial, last);
  }

  /** DESeq2's fitDispGrid: a 20-point grid of log dispersions, refined once around its best. */
  private static void dispGrid(double[][] y, double[][] x, double[][] mu, double[] priorMean, double priorVar,
      boolean usePrior, boolean[] which, double[] est, Parallel parallel) {
    int m = x.length;
    double lo = Math.log(1e-8);
    double hi = Math.log(Math.max(10, m));
    int k = 20;
    double[] grid = new double[k];
    for (int i = 0; i < k; i++) {
      grid[i] = lo + i * ((hi - lo) / (k - 1));
    }
    grid[k - 1] = hi;
    double delta = grid[1] - grid[0];
    parallel.forRanges(y.length, 64, (from, to) -> {
      for (int g = from; g < to; g++) {
        if (!which[g]) {
          continue;
        }
        double best = argmaxLogPosterior(grid, y[g], mu[g], x, priorMean[g], priorVar, usePrior);
        double[] fine = new double[k];
        double start = best - delta;
        double end = best + delta;
        double step = (end - start) / (k - 1);
        for (int i = 0; i < k; i++) {
          fine[i] = start + i * step;
        }
        fine[k - 1] = end;
        est[g] = Math.exp(argmaxLogPosterior(fine, y[g], mu[g], x, priorMean[g], priorVar, usePrior));
      }
    });
  }

  private static double argmaxLogPosterior(double[] grid, double[] y, double[] mu, double[][] x, double priorMean,
      double priorVar, boolean usePrior) {
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < grid.length; i++) {
      double v = logPosterior(grid[i], y, mu, x, priorMean, priorVar, usePrior);
      if (v > bestValue) {
        bestValue = v;
        best = i;
      }
    }
    return grid[best];
  }

  static double logPosterior(double logAlpha, double[] y, double[] mu, double[][] x, double priorMean, double priorVar,
      boolean usePrior) {
    double alpha = Math.exp(logAlpha);
    int m = y.length;
    double[] w = new double[m];
    for (int j = 0; j < m; j++) {
      w[j] = 1 / (1 / mu[j] + alpha);
    }
    double crTerm = -0.5 * Math.log(SmallMatrices.determinant(SmallMatrices.crossProduct(x, w)));
    double inv = 1 / alpha;
    double lgInv = GammaFunctions.lgamma(inv);
    double ll = 0;
    for (int j = 0; j < m; j++) {
      ll += GammaFunctions.lgamma(y[j] + inv) - lgInv - y[j] * Math.log(mu[j] + inv) - inv * Math.log(1 + mu[j] * alpha);
    }
    double prior = usePrior ? -0.5 * (logAlpha - priorMean) * (logAlpha - priorMean) / priorVar : 0;
    return ll + prior + crTerm;
  }

  static double dLogPosterior(double logAlpha, double[] y, double[] mu, double[][] x, double priorMean, double priorVar,
      boolean usePrior) {
    double alpha = Math.exp(logAlpha);
    int m = y.length;
    double[] w = new double[m];
    double[] dw = new double[m];
    for (int j = 0; j < m; j++) {
      double s = 1 / mu[j] + alpha;
      w[j] = 1 / s;
      dw[j] = -1 / (s * s);
    }
    double[][] b = SmallMatrices.crossProduct(x, w);
    double[][] db = SmallMatrices.crossProduct(x, dw);
    double[][] bi = SmallMatrices.inverse(b);
    double trace = 0;
    for (int i = 0; i < b.length; i++) {
      for (int k = 0; k < b.length; k++) {
        trace += bi[i][k] * db[k][i];
      }
    }
    double crTerm = -0.5 * trace;
    double inv = 1 / alpha;
    double digInv = GammaFunctions.digamma(inv);
    double sum = 0;
    for (int j = 0; j < m; j++) {
      double ma = mu[j] * alpha;
      sum += digInv + Math.log(1 + ma) - ma / (1 + ma) - GammaFunctions.digamma(y[j] + inv) + y[j] / (mu[j] + inv);
    }
    double ll = inv * inv * sum;
    double prior = usePrior ? -(logAlpha - priorMean) / priorVar : 0;
    return (ll + crTerm) * alpha + prior;
  }

  // ---- the negative binomial GLM (DESeq2's fitBeta with useQR)

  private record Wald(double[][] beta, double[][] betaVar, double[][] hat, double[][] mu, boolean[] converged) {}

  private static double[] lambdaNatural(int p) {
    double[] l = new double[p];
    Arrays.fill(l, LAMBDA / (Math.log(2) * Math.log(2)));
    return l;
  }

  private static Wald wald(double[][] y, double[][] x, double[] sf, double[] alpha, Parallel parallel) {
    int n = y.length;
    int m = x.length;
    int p = x[0].length;
    double[] lambda = lambdaNatural(p);
    double[][] beta = new double[n][];
    double[][] betaVar = new double[n][];
    double[][] hat = new double[n][];
    double[][] muOut = new double[n][];
    boolean[] conv = new boolean[n];
    parallel.forRanges(n, 64, (from, to) -> {
      double[][] cols = new double[p][m + p];
      double[] target = new double[m + p];
      for (int g = from; g < to; g++) {
        double[] yr = y[g];
        // Start from the least-squares fit of log(normalised counts + 0.1).
        double[][] c0 = new double[p][m];
        double[] t0 = new double[m];
        for (int j = 0; j < m; j++) {
          t0[j] = Math.log(yr[j] / sf[j] + 0.1);
          for (int k = 0; k < p; k++) {
            c0[k][j] = x[j][k];
          }
        }
        double[] b = HouseholderLeastSquares.solve(c0, t0);
        double[] mu = new double[m];
        muOf(x, b, sf, mu, true);
        double dev = 0;
        double devOld = 0;
        int iter = 0;
        double[] w = new double[m];
        for (int t = 0; t < MAXIT; t++) {
          iter++;
          for (int j = 0; j < m; j++) {
            w[j] = mu[j] / (1 + alpha[g] * mu[j]);
            double sw = Math.sqrt(w[j]);
            double z = Math.log(mu[j] / sf[j]) + (yr[j] - mu[j]) / mu[j];
            target[j] = z * sw;
            for (int k = 0; k < p; k++) {
              cols[k][j] = x[j][k] * sw;
            }
          }
          for (int k = 0; k < p; k++) {
            for (int r = 0; r < p; r++) {
              cols[k][m + r] = r == k ? Math.sqrt(lambda[k]) : 0;
            }
            target[m + k] = 0;
          }
          double[] next = HouseholderLeastSquares.solve(cols, target);
          boolean large = false;
          for (double v : next) {
            large |= Math.abs(v) > 30;
          }
          b = next;
          if (large) {
            iter = MAXIT;
            break;
          }
          muOf(x, b, sf, mu, true);
          dev = 0;
          for (int j = 0; j < m; j++) {
            dev += -2 * logDnbinom(yr[j], 1 / alpha[g], mu[j]);
          }
          double convTest = Math.abs(dev - devOld) / (Math.abs(dev) + 0.1);
          if (Double.isNaN(convTest)) {
            iter = MAXIT;
            break;
          }
          if (t > 0 && convTest < BETA_TOL) {
            break;
          }
          devOld = dev;
        }
        for (int j = 0; j < m; j++) {
          w[j] = mu[j] / (1 + alpha[g] * mu[j]);
        }
        double[][] xtwx = SmallMatrices.crossProduct(x, w);
        for (int k = 0; k < p; k++) {
          xtwx[k][k] += lambda[k];
        }
        double[][] inv = SmallMatrices.inverse(xtwx);
        double[] h = new double[m];
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int a = 0; a < p; a++) {
            for (int c = 0; c < p; c++) {
              s += x[j][a] * x[j][c] * inv[c][a];
            }
          }
          h[j] = w[j] * s;
        }
        double[][] sigma = sandwich(x, mu, alpha[g], lambda);
        double[] var = new double[p];
        for (int k = 0; k < p; k++) {
          var[k] = sigma[k][k];
        }
        double[] muFinal = new double[m];
        muOf(x, b, sf, muFinal, false);
        beta[g] = b;
        betaVar[g] = var;
        hat[g] = h;
        muOut[g] = muFinal;
        conv[g] = iter < MAXIT;
      }
    });
    return new Wald(beta, betaVar, hat, muOut, conv);
  }

  /** (X'WX + Λ)^-1 X'WX (X'WX + Λ)^-1 with W = μ / (1 + α μ): the covariance of the ridge fit. */
  private static double[][] sandwich(double[][] x, double[] mu, double alpha, double[] lambda) {
    int m = x.length;
    int p = lambda.length;
    double[] w = new double[m];
    for (int j = 0; j < m; j++) {
      w[j] = mu[j] / (1 + alpha * mu[j]);
    }
    double[][] xtwx = SmallMatrices.crossProduct(x, w);
    double[][] ridged = new double[p][];
    for (int k = 0; k < p; k++) {
      ridged[k] = xtwx[k].clone();
      ridged[k][k] += lambda[k];
    }
    double[][] inv = SmallMatrices.inverse(ridged);
    return multiply(multiply(inv, xtwx), inv);
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int p = a.length;
    double[][] c = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int k = 0; k < p; k++) {
        for (int j = 0; j < p; j++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return c;
  }

  private static void muOf(double[][] x, double[] b, double[] sf, double[] mu, boolean clamp) {
    for (int j = 0; j < x.length; j++) {
      double eta = 0;
      for (int k = 0; k < b.length; k++) {
        eta += x[j][k] * b[k];
      }
      mu[j] = sf[j] * Math.exp(eta);
      if (clamp) {
        mu[j] = Math.max(mu[j], MIN_MU);
      }
    }
  }

  /** log of the negative binomial probability of y with size s and mean mu. */
  private static double logDnbinom(double y, double size, double mu) {
    double logP = size < mu ? Math.log(size / (size + mu)) : Math.log1p(-mu / (size + mu));
    if (y == 0) {
      return size * logP;
    }
    return GammaFunctions.lgamma(y + size) - GammaFunctions.lgamma(size) - GammaFunctions.lgamma(y + 1)
        + size * logP + y * Math.log(mu / (size + mu));
  }

  // ---- Cook's distances

  private static double[][] cooks(double[][] y, double[][] x, double[] sf, double[][] mu, double[][] hat) {
    int n = y.length;
    int m = x.length;
    int p = x[0].length;
    boolean[] three = nOrMoreInCell(x, 3);
    String[] cell = new String[m];
    for (int j = 0; j < m; j++) {
      cell[j] = Arrays.toString(x[j]);
    }
    double[][] out = new double[n][m];
    double[] norm = new double[m];
    for (int g = 0; g < n; g++) {
      double mean = 0;
      for (int j = 0; j < m; j++) {
        norm[j] = y[g][j] / sf[j];
        mean += norm[j];
      }
      mean /= m;
      double v;
      if (any(three)) {
        v = Double.NEGATIVE_INFINITY;
        java.util.LinkedHashSet<String> cells = new java.util.LinkedHashSet<>();
        for (int j = 0; j < m; j++) {
          if (three[j]) {
            cells.add(cell[j]);
          }
        }
        for (String c : cells) {
          v = Math.max(v, trimmedCellVariance(norm, cell, c));
        }
      } else {
        double rm = trimmedMean(norm, 1.0 / 8);
        double[] sq = new double[m];
        for (int j = 0; j < m; j++) {
          sq[j] = (norm[j] - rm) * (norm[j] - rm);
        }
        v = 1.51 * trimmedMean(sq, 1.0 / 8);
      }
      double alpha = Math.max((v - mean) / (mean * mean), 0.04);
      for (int j = 0; j < m; j++) {
        double mu0 = mu[g][j];
        double variance = mu0 + alpha * mu0 * mu0;
        double r = y[g][j] - mu0;
        double h = hat[g][j];
        out[g][j] = r * r / variance / p * h / ((1 - h) * (1 - h));
      }
    }
    return out;
  }

  private static double trimmedCellVariance(double[] norm, String[] cell, String which) {
    int k = 0;
    double[] v = new double[norm.length];
    for (int j = 0; j < norm.length; j++) {
      if (cell[j].equals(which)) {
        v[k++] = norm[j];
      }
    }
    v = Arrays.copyOf(v, k);
    double trim = k <= 3.5 ? 1.0 / 3 : k <= 23.5 ? 1.0 / 4 : 1.0 / 8;
    double scale = k <= 3.5 ? 2.04 : k <= 23.5 ? 1.86 : 1.51;
    double mean = trimmedMean(v, trim);
    double[] sq = new double[k];
    for (int j = 0; j < k; j++) {
      sq[j] = (v[j] - mean) * (v[j] - mean);
    }
    return scale * trimmedMean(sq, trim);
  }

  private static double[] maxCooks(double[][] x, double[][] cooks) {
    boolean[] three = nOrMoreInCell(x, 3);
    double[] out = new double[cooks.length];
    boolean use = x.length > x[0].length && any(three);
    for (int g = 0; g < cooks.length; g++) {
      double max = Double.NaN;
      if (use) {
        max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < x.length; j++) {
          if (three[j]) {
            max = Math.max(max, cooks[g][j]);
          }
        }
      }
      out[g] = max;
    }
    return out;
  }

  /** Samples whose row of the model matrix is shared by at least n samples. */
  static boolean[] nOrMoreInCell(double[][] x, int n) {
    HashMap<String, Integer> counts = new HashMap<>();
    String[] keys = new String[x.length];
    for (int j = 0; j < x.length; j++) {
      keys[j] = Arrays.toString(x[j]);
      counts.merge(keys[j], 1, Integer::sum);
    }
    boolean[] out = new boolean[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = counts.get(keys[j]) >= n;
    }
    return out;
  }

  private static double cooksCutoff(int m, int p) {
    return new FDistribution(p, m - p).quantile(0.99);
  }

  // ---- independent filtering (genefilter's filtered_p and DESeq2's choice of threshold)

  private record IndependentFilter(double[] padj, double threshold) {}

  private static IndependentFilter independentFilter(double[] filter, double[] pvalue, double alpha) {
    int n = filter.length;
    double zeros = 0;
    for (double f : filter) {
      zeros += f == 0 ? 1 : 0;
    }
    double lower = zeros / n;
    double upper = lower < 0.95 ? 0.95 : 1;
    int k = 50;
    double[] theta = new double[k];
    for (int i = 0; i < k; i++) {
      theta[i] = lower + i * ((upper - lower) / (k - 1));
    }
    theta[k - 1] = upper;
    double[] sorted = filter.clone();
    Arrays.sort(sorted);
    double[][] padj = new double[k][];
    double[] numRej = new double[k];
    double[] cutoffs = new double[k];
    for (int i = 0; i < k; i++) {
      cutoffs[i] = quantileType7(sorted, theta[i]);
      double[] sub = new double[n];
      int[] idx = new int[n];
      int c = 0;
      for (int g = 0; g < n; g++) {
        if (filter[g] >= cutoffs[i]) {
          idx[c] = g;
          sub[c++] = pvalue[g];
        }
      }
      double[] adj = MultipleTesting.benjaminiHochberg(Arrays.copyOf(sub, c));
      padj[i] = new double[n];
      Arrays.fill(padj[i], Double.NaN);
      for (int j = 0; j < c; j++) {
        padj[i][idx[j]] = adj[j];
        numRej[i] += adj[j] < alpha ? 1 : 0;
      }
    }
    int j = 0;
    double maxRej = Arrays.stream(numRej).max().orElse(0);
    if (maxRej > 10) {
      double[] fit = Lowess.fit(theta, numRej, 1.0 / 5);
      double ss = 0;
      int count = 0;
      for (int i = 0; i < k; i++) {
        if (numRej[i] > 0) {
          double r = numRej[i] - fit[i];
          ss += r * r;
          count++;
        }
      }
      double thresh = Arrays.stream(fit).max().orElse(0) - Math.sqrt(ss / count);
      for (int i = 0; i < k; i++) {
        if (numRej[i] > thresh) {
          j = i;
          break;
        }
      }
    }
    return new IndependentFilter(padj[j], cutoffs[j]);
  }

  /** R's default quantile (type 7) of sorted values. */
  static double quantileType7(double[] sorted, double prob) {
    // 1-based as R computes it, so that the fraction h rounds as R's does.
    double index = 1 + (sorted.length - 1) * prob;
    double lo = Math.floor(index);
    double q = sorted[(int) lo - 1];
    double hi = sorted[(int) Math.ceil(index) - 1];
    double h = index - lo;
    return h > 0 && hi != q ? (1 - h) * q + h * hi : q;
  }

  // ---- small helpers

  /** R's mean(x, trim): the mean of the values left after dropping floor(n trim) from each end. */
  static double trimmedMean(double[] v, double trim) {
    int n = v.length;
    double[] s = v.clone();
    Arrays.sort(s);
    int lo = (int) Math.floor(n * trim);
    int hi = n - lo;
    double sum = 0;
    for (int i = lo; i < hi; i++) {
      sum += s[i];
    }
    double mean = sum / (hi - lo);
    // R adds the mean residual as a second pass.
    double t = 0;
    for (int i = lo; i < hi; i++) {
      t += s[i] - mean;
    }
    return mean + t / (hi - lo);
  }

  static double median(double[] v) {
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static boolean any(boolean[] b) {
    for (boolean v : b) {
      if (v) {
        return true;
      }
    }
    return false;
  }

  private static int[] indices(boolean[] flags, boolean value) {
    int[] out = new int[flags.length];
    int k = 0;
    for (int i = 0; i < flags.length; i++) {
      if (flags[i] == value) {
        out[k++] = i;
      }
    }
    return Arrays.copyOf(out, k);
  }

  private static double[][] rows(double[][] m, int[] idx) {
    double[][] out = new double[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = m[idx[i]];
    }
    return out;
  }

  private static double[] pick(double[] v, int[] idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = v[idx[i]];
    }
    return out;
  }

  private static double[] scatter(int n, int[] idx, double[] v) {
    double[] out = new double[n];
    Arrays.fill(out, Double.NaN);
    for (int i = 0; i < idx.length; i++) {
      out[idx[i]] = v[i];
    }
    return out;
  }

  private static double[][] nanMatrix(int n, int p) {
    double[][] out = new double[n][p];
    for (double[] r : out) {
      Arrays.fill(r, Double.NaN);
    }
    return out;
  }
}
