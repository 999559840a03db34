package org.myelin.core.cluster;

import java.util.Arrays;
import org.myelin.core.matrix.DotProduct;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.random.NumpyRandomState;
import org.myelin.core.stats.PairwiseSum;
import org.myelin.core.stats.SortedArrays;

/**
 * k-means as scikit-learn 1.2's {@code KMeans(init="k-means++", algorithm="lloyd")}: greedy k-means++
 * seeding (Arthur and Vassilvitskii, SODA 2007; 2 + ln k trials per centre), Lloyd's iterations
 * until the labels stop changing or the centres move less than {@code tol} times the mean variance,
 * the best of {@code nInit} starts by inertia. The data are centred first, as scikit-learn does, and
 * every draw comes from one numpy {@code RandomState}, so for the same generator state the seeds,
 * the iterations and the centres are scikit-learn's.
 *
 * <p>Labels are assigned on all threads, centres summed in cell order: the result does not depend on
 * the number of threads. When several clusters empty at once they are refilled from the points
 * farthest from their centres, farthest first; scikit-learn takes the same points in the order of
 * numpy's {@code argpartition}, which only a tie could make matter.
 */
public final class KMeans {

  /** Cells per assignment chunk, as scikit-learn's Lloyd loop. */
  private static final int CHUNK = 256;

  private KMeans() {}

  /**
   * @param centers k x d, row-major
   * @param labels each point's centre
   * @param inertia the sum of squared distances to the centres
   * @param iterations Lloyd iterations of the chosen start
   */
  public record Result(double[] centers, int[] labels, double inertia, int iterations) {}

  /**
   * Clusters {@code n} points of {@code d} coordinates ({@code x} row-major, not changed).
   *
   * @param nInit starts, the best kept
   * @param maxIter Lloyd iterations per start at most
   * @param tol scikit-learn's relative tolerance (1e-4 by default)
   * @param random numpy's generator, drawn from in scikit-learn's order
   */
  public static Result fit(double[] x, int n, int d, int k, int nInit, int maxIter, double tol,
      NumpyRandomState random, Parallel parallel) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k-means needs between 1 and " + n + " clusters, not " + k);
    }
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] centred = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred[i * d + j] = x[i * d + j] - mean[j];
      }
    }
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = DotProduct.dot(centred, i * d, centred, i * d, d);
    }
    double threshold = tolerance(centred, n, d, tol);
    Result best = null;
    for (int start = 0; start < nInit; start++) {
      double[] init = plusPlus(centred, norms, n, d, k, random);
      Result r = lloyd(centred, n, d, k, init, maxIter, threshold, parallel);
      if (best == null || (r.inertia < best.inertia && !sameClustering(r.labels, best.labels, k))) {
        best = r;
      }
    }
    double[] centers = best.centers.clone();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        centers[c * d + j] += mean[j];
      }
    }
    return new Result(centers, best.labels, best.inertia, best.iterations);
  }

  /** scikit-learn's _tolerance: tol times the mean of the coordinates' variances. */
  private static double tolerance(double[] centred, int n, int d, double tol) {
    double total = 0;
    for (int j = 0; j < d; j++) {
      double m = 0;
      for (int i = 0; i < n; i++) {
        m += centred[i * d + j];
      }
      m /= n;
      double v = 0;
      for (int i = 0; i < n; i++) {
        double e = centred[i * d + j] - m;
        v += e * e;
      }
      total += v / n;
    }
    return total / d * tol;
  }

  /** scikit-learn's _kmeans_plusplus: each new centre the best of 2 + ln k candidates drawn by D². */
  static double[] plusPlus(double[] x, double[] norms, int n, int d, int k, NumpyRandomState random) {
    int trials = 2 + (int) Math.log(k);
    double[] centers = new double[k * d];
    int first = (int) random.randint(n);
    System.arraycopy(x, first * d, centers, 0, d);
    double[] closest = squaredDistances(x, norms, n, d, first);
    double potential = PairwiseSum.sum(closest);
    double[] cumulative = new double[n];
    double[][] candidateDistances = new double[trials][];
    int[] candidates = new int[trials];
    for (int c = 1; c < k; c++) {
      double running = 0;
      for (int i = 0; i < n; i++) {
        running += closest[i];
        cumulative[i] = running;
      }
      for (int t = 0; t < trials; t++) {
        double draw = random.randomSample() * potential;
        candidates[t] = Math.min(SortedArrays.lowerBound(cumulative, draw), n - 1); // searchsorted
      }
      int bestTrial = 0;
      double bestPotential = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        double[] dist = squaredDistances(x, norms, n, d, candidates[t]);
        for (int i = 0; i < n; i++) {
          dist[i] = Math.min(closest[i], dist[i]);
        }
        candidateDistances[t] = dist;
        double pot = PairwiseSum.sum(dist);
        if (pot < bestPotential) {
          bestPotential = pot;
          bestTrial = t;
        }
      }
      potential = bestPotential;
      closest = candidateDistances[bestTrial];
      System.arraycopy(x, candidates[bestTrial] * d, centers, c * d, d);
    }
    return centers;
  }

  /** Squared distances from point {@code p} to all, as scikit-learn's: |p|² − 2 p·x + |x|², at least 0. */
  private static double[] squaredDistances(double[] x, double[] norms, int n, int d, int p) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double v = -2 * DotProduct.dot(x, p * d, x, i * d, d) + norms[p] + norms[i];
      out[i] = Math.max(v, 0);
    }
    return out;
  }

  /** scikit-learn's _kmeans_single_lloyd from the given centres. */
  static Result lloyd(double[] x, int n, int d, int k, double[] init, int maxIter, double threshold,
      Parallel parallel) {
    double[] centers = init.clone();
    double[] next = new double[k * d];
    int[] labels = new int[n];
    int[] old = new int[n];
    Arrays.fill(old, -1);
    double[] weights = new double[k];
    boolean strict = false;
    int iter = 0;
    for (; iter < maxIter; iter++) {
      assign(x, n, d, k, centers, labels, parallel);
      double shift = update(x, n, d, k, centers, labels, next, weights);
      double[] t = centers;
      centers = next;
      next = t;
      if (Arrays.equals(labels, old)) {
        strict = true;
        break;
      }
      if (shift <= threshold) {
        break;
      }
      System.arraycopy(labels, 0, old, 0, n);
    }
    if (!strict) {
      assign(x, n, d, k, centers, labels, parallel);
    }
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      int c = labels[i];
      double s = 0;
      for (int j = 0; j < d; j++) {
        double e = x[i * d + j] - centers[c * d + j];
        s += e * e;
      }
      inertia += s;
    }
    return new Result(centers, labels, inertia, Math.min(iter + 1, maxIter));
  }

  /** Each point's nearest centre by |c|² − 2 x·c, the first of equals, in chunks on all threads. */
  private static void assign(double[] x, int n, int d, int k, double[] centers, int[] labels, Parallel parallel) {
    double[] centerNorms = new double[k];
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += centers[c * d + j] * centers[c * d + j];
      }
      centerNorms[c] = s;
    }
    int chunks = (n + CHUNK - 1) / CHUNK;
    parallel.forEach(chunks, chunk -> {
      int end = Math.min(n, (chunk + 1) * CHUNK);
      for (int i = chunk * CHUNK; i < end; i++) {
        int label = 0;
        double min = centerNorms[0] + -2 * DotProduct.dot(x, i * d, centers, 0, d);
        for (int c = 1; c < k; c++) {
          double v = centerNorms[c] + -2 * DotProduct.dot(x, i * d, centers, c * d, d);
          if (v < min) {
            min = v;
            label = c;
          }
        }
        labels[i] = label;
      }
    });
  }

  /**
   * The new centres: the means of their points, summed in point order; empty clusters refilled
   * from the farthest points. Returns the total squared shift of the centres.
   */
  private static double update(double[] x, int n, int d, int k, double[] centers, int[] labels, double[] next,
      double[] weights) {
    Arrays.fill(next, 0);
    Arrays.fill(weights, 0);
    for (int i = 0; i < n; i++) {
      int c = labels[i];
      weights[c] += 1;
      for (int j = 0; j < d; j++) {
        next[c * d + j] += x[i * d + j];
      }
    }
    relocateEmpty(x, n, d, k, centers, labels, next, weights);
    for (int c = 0; c < k; c++) {
      if (weights[c] > 0) {
        double alpha = 1.0 / weights[c];
        for (int j = 0; j < d; j++) {
          next[c * d + j] *= alpha;
        }
      }
    }
    double total = 0;
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        double e = next[c * d + j] - centers[c * d + j];
        s += e * e;
      }
      total += s; // scikit-learn squares the square root of s: equal to a rounding
    }
    return total;
  }

  private static void relocateEmpty(double[] x, int n, int d, int k, double[] centers, int[] labels, double[] next,
      double[] weights) {
    int empty = 0;
    for (int c = 0; c < k; c++) {
      if (weights[c] == 0) {
        empty++;
      }
    }
    if (empty == 0) {
      return;
    }
    double[] dist = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        double e = x[i * d + j] - centers[labels[i] * d + j];
        s += e * e;
      }
      dist[i] = s;
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : dist[a] != dist[b] ? Double.compare(dist[b], dist[a]) : a - b);
    int taken = 0;
    for (int c = 0; c < k; c++) {
      if (weights[c] != 0) {
        continue;
      }
      int far = order[taken++];
      int from = labels[far];
      for (int j = 0; j < d; j++) {
        next[from * d + j] -= x[far * d + j];
        next[c * d + j] = x[far * d + j];
      }
      weights[c] = 1;
      weights[from] -= 1;
    }
  }

  /** scikit-learn's _is_same_clustering: the same partition, the labels perhaps renamed. */
  static boolean sameClustering(int[] a, int[] b, int k) {
    int[] mapping = new int[k];
    Arrays.fill(mapping, -1);
    for (int i = 0; i < a.length; i++) {
      if (mapping[a[i]] == -1) {
        mapping[a[i]] = b[i];
      } else if (mapping[a[i]] != b[i]) {
        return false;
      }
    }
    return true;
  }
}
