package org.myelin.core.integrate;

import org.myelin.core.graph.ExactKnn;
import org.myelin.core.graph.KnnResult;
import org.myelin.core.parallel.Parallel;

/**
 * The local inverse Simpson's index (Korsunsky et al., Nat Methods 2019) as harmonypy's
 * {@code compute_lisi}: each cell's 3 × perplexity nearest neighbours weighted by a Gaussian kernel
 * whose width is tuned to the perplexity, and the inverse of the chance that two neighbours drawn
 * by those weights share a label. With batches as labels it counts the batches mixed around a cell
 * (integration LISI, up to the number of batches); with cell types, the types a cell is confused
 * with (cell-type LISI, 1 when types stay apart).
 */
public final class Lisi {

  private Lisi() {}

  /**
   * LISI of every cell of the embedding {@code x} (n x d, row-major) for labels {@code codes}
   * (0 to nLabels - 1).
   */
  public static double[] compute(double[] x, int n, int d, int[] codes, int nLabels, double perplexity,
      Parallel parallel) {
    int k = (int) Math.min(n, Math.round(perplexity * 3));
    KnnResult knn = ExactKnn.search(x, n, d, k, ExactKnn.Metric.EUCLIDEAN, parallel);
    double[] lisi = new double[n];
    int m = k - 1;
    parallel.forRanges(n, 1024, (from, to) -> {
      double[] dist = new double[m];
      double[] p = new double[m];
      double[] share = new double[nLabels];
      for (int i = from; i < to; i++) {
        for (int t = 0; t < m; t++) {
          dist[t] = knn.distances()[i * k + 1 + t];
        }
        calibrate(dist, p, Math.log(perplexity));
        java.util.Arrays.fill(share, 0);
        for (int t = 0; t < m; t++) {
          share[codes[knn.indices()[i * k + 1 + t]]] += p[t];
        }
        double simpson = 0;
        for (double s : share) {
          simpson += s * s;
        }
        lisi[i] = 1 / simpson;
      }
    });
    return lisi;
  }

  /** The kernel weights exp(−β d) normalised, β bisected until their entropy is log(perplexity), as harmonypy. */
  private static void calibrate(double[] dist, double[] p, double logU) {
    double beta = 1;
    double betaMin = Double.NEGATIVE_INFINITY;
    double betaMax = Double.POSITIVE_INFINITY;
    double h = entropy(dist, p, beta);
    for (int tries = 0; tries < 50 && Math.abs(h - logU) >= 1e-5; tries++) {
      if (h - logU > 0) {
        betaMin = beta;
        beta = Double.isInfinite(betaMax) ? beta * 2 : (beta + betaMax) / 2;
      } else {
        betaMax = beta;
        beta = Double.isInfinite(betaMin) ? beta / 2 : (beta + betaMin) / 2;
      }
      h = entropy(dist, p, beta);
    }
  }

  private static double entropy(double[] dist, double[] p, double beta) {
    double sum = 0;
    double weighted = 0;
    for (int t = 0; t < dist.length; t++) {
      p[t] = Math.exp(-dist[t] * beta);
      sum += p[t];
      weighted += dist[t] * p[t];
    }
    if (sum == 0) {
      java.util.Arrays.fill(p, 0);
      return 0;
    }
    for (int t = 0; t < p.length; t++) {
      p[t] /= sum;
    }
    return Math.log(sum) + beta * weighted / sum;
  }
}
