package org.myelin.core.integrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.myelin.core.cluster.KMeans;
import org.myelin.core.matrix.DotProduct;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.random.NumpyRandomState;
import org.myelin.core.stats.PairwiseSum;
import org.myelin.core.tool.InvalidOptionException;

/**
 * Harmony (Korsunsky et al., Nat Methods 2019) as harmonypy 0.0.9 runs it for scanpy's
 * {@code harmony_integrate}: soft k-means on the cosine-normalised embedding with a diversity
 * penalty per batch, then a ridge regression per cluster removing each batch's offset, repeated
 * until the objective settles. The start is harmonypy's: numpy's generator seeded, scikit-learn's
 * k-means++ on the normalised cells ({@link KMeans}), the cells updated in blocks in the order of
 * {@code np.random.shuffle}; from the same seed the corrected embedding is harmonypy's to rounding.
 *
 * <p>Cells are held cell-major (cell i's coordinates, then cell i+1's). Every sum over cells is
 * taken in cell order by one thread per cluster group, so the result is the same for any number of
 * threads; only the per-cell work (distances, exponentials, corrections) is split over cells.
 */
public final class Harmony {

  /** Clusters summed together over the cells, so that the cells are read once per group. */
  private static final int CLUSTER_GROUP = 8;
  /** Cells per piece of per-cell work. */
  private static final int CELL_BLOCK = 4096;
  /** harmonypy's k-means convergence window. */
  private static final int WINDOW = 3;

  private Harmony() {}

  /**
   * harmonypy's parameters.
   *
   * @param nClusters clusters; 0 for harmonypy's min(round(N / 30), 100)
   * @param theta diversity penalty of every batch (harmonypy's default 1)
   * @param lambda ridge penalty of every batch
   * @param sigma soft k-means width
   * @param blockSize fraction of the cells updated at once
   * @param maxIterations Harmony rounds at most
   * @param maxIterationsKmeans soft k-means iterations per round at most
   * @param epsilonCluster k-means convergence (relative change of the objective over the window)
   * @param epsilonHarmony Harmony convergence (relative change of the objective between rounds)
   */
  public record Options(int nClusters, double theta, double lambda, double sigma, double blockSize,
      int maxIterations, int maxIterationsKmeans, double epsilonCluster, double epsilonHarmony) {

    public Options {
      InvalidOptionException.check(nClusters == 0 || nClusters >= 2, "nclust", nClusters, "0 for automatic, or 2 or more");
      InvalidOptionException.check(theta >= 0 && Double.isFinite(theta), "theta", theta, "0 or more");
      InvalidOptionException.check(lambda > 0 && Double.isFinite(lambda), "lamb", lambda, "positive");
      InvalidOptionException.check(sigma > 0 && Double.isFinite(sigma), "sigma", sigma, "positive");
      InvalidOptionException.check(blockSize > 0 && blockSize <= 1, "block_size", blockSize, "in (0, 1]");
      InvalidOptionException.check(maxIterations >= 1, "max_iter_harmony", maxIterations, "1 or more");
      InvalidOptionException.check(maxIterationsKmeans >= 1, "max_iter_kmeans", maxIterationsKmeans, "1 or more");
      InvalidOptionException.check(epsilonCluster > 0, "epsilon_cluster", epsilonCluster, "positive");
      InvalidOptionException.check(epsilonHarmony > 0, "epsilon_harmony", epsilonHarmony, "positive");
    }

    /** harmonypy's defaults. */
    public static Options defaults() {
      return new Options(0, 1, 1, 0.1, 0.05, 10, 20, 1e-5, 1e-4);
    }
  }

  /**
   * @param corrected the corrected embedding, cell-major
   * @param clusters the number of clusters
   * @param rounds Harmony rounds run
   * @param converged whether the objective settled before the last round
   * @param objective the objective after the start and after each round
   */
  public record Result(double[] corrected, int clusters, int rounds, boolean converged, double[] objective) {}

  /**
   * Corrects {@code n} cells of {@code d} coordinates ({@code z}, cell-major, not changed) for the
   * batches {@code batch} (codes 0 to nBatches - 1, every batch present).
   *
   * @param seed numpy's seed, harmonypy's random_state
   */
  public static Result run(double[] z, int n, int d, int[] batch, int nBatches, Options o, long seed,
      Parallel parallel) {
    int k = o.nClusters() > 0 ? o.nClusters() : (int) Math.min(Math.rint(n / 30.0), 100);
    if (k < 2 || k > n) {
      throw new IllegalArgumentException("Harmony needs at least 2 clusters and no more than the cells: " + n
          + " cells give " + k + (o.nClusters() > 0 ? "" : " (about one per 30 cells; 45 cells at least)"));
    }
    return new Harmony.State(z, n, d, k, batch, nBatches, o, new NumpyRandomState(seed), parallel).harmonize();
  }

  /** One run's buffers, named as harmonypy's (R, E, O, Y, Z_cos, Z_corr), transposed to cells first. */
  private static final class State {
    private final double[] zOrig;
    private final int n;
    private final int d;
    private final int k;
    private final int[] batch;
    private final int nb;
    private final Options o;
    private final NumpyRandomState random;
    private final Parallel parallel;
    private final double[] prB;
    private final double[] zCos;
    private final double[] zCorr;
    /** Cluster probabilities, R[i * k + c]. */
    private final double[] r;
    /** 2 (1 - cos) between cells and centroids, dist[i * k + c]. */
    private final double[] dist;
    private final double[] scaleDist;
    /** Centroids, y[c * d + j]. */
    private double[] y;
    /** Expected and observed cluster sizes per batch, e[c * nb + b]. */
    private final double[] e;
    private final double[] obs;
    private final List<Double> objectiveKmeans = new ArrayList<>();
    private final List<Double> objectiveHarmony = new ArrayList<>();

    State(double[] z, int n, int d, int k, int[] batch, int nb, Options o, NumpyRandomState random,
        Parallel parallel) {
      this.zOrig = z;
      this.n = n;
      this.d = d;
      this.k = k;
      this.batch = batch;
      this.nb = nb;
      this.o = o;
      this.random = random;
      this.parallel = parallel;
      prB = new double[nb];
      for (int i = 0; i < n; i++) {
        prB[batch[i]]++;
      }
      for (int b = 0; b < nb; b++) {
        if (prB[b] == 0) {
          throw new IllegalArgumentException("batch " + b + " has no cells");
        }
        prB[b] /= n;
      }
      zCos = new double[n * d];
      zCorr = z.clone();
      r = new double[n * k];
      dist = new double[n * k];
      scaleDist = new double[n * k];
      e = new double[k * nb];
      obs = new double[k * nb];
      // Z_orig / Z_orig.max(axis=0), then unit length: a cell whose largest coordinate is negative flips.
      forCells((from, to) -> {
        for (int i = from; i < to; i++) {
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < d; j++) {
            max = Math.max(max, z[i * d + j]);
          }
          for (int j = 0; j < d; j++) {
            zCos[i * d + j] = z[i * d + j] / max;
          }
        }
      });
      normaliseCells(zCos);
    }

    Result harmonize() {
      initCluster();
      boolean converged = false;
      int round = 0;
      while (round < o.maxIterations()) {
        round++;
        cluster();
        correct();
        int h = objectiveHarmony.size();
        double old = objectiveHarmony.get(h - 2);
        if ((old - objectiveHarmony.get(h - 1)) / Math.abs(old) < o.epsilonHarmony()) {
          converged = true;
          break;
        }
      }
      double[] objective = objectiveHarmony.stream().mapToDouble(Double::doubleValue).toArray();
      return new Result(zCorr, k, round, converged, objective);
    }

    private void initCluster() {
      KMeans.Result km = KMeans.fit(zCos, n, d, k, 10, 25, 1e-4, random, parallel);
      y = km.centers();
      normaliseRows(y, k);
      distances();
      scaledDistances(r);
      forCells((from, to) -> {
        for (int i = from; i < to; i++) {
          int at = i * k;
          double sum = 0;
          for (int c = 0; c < k; c++) {
            sum += r[at + c];
          }
          for (int c = 0; c < k; c++) {
            r[at + c] /= sum;
          }
        }
      });
      double[] total = clusterTotals(r);
      Arrays.fill(obs, 0);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          obs[c * nb + batch[i]] += r[i * k + c];
        }
      }
      for (int c = 0; c < k; c++) {
        for (int b = 0; b < nb; b++) {
          e[c * nb + b] = total[c] * prB[b];
        }
      }
      objectiveKmeans.add(objective());
      objectiveHarmony.add(objectiveKmeans.getLast());
    }

    /** harmonypy's cluster(): soft k-means until the objective over the window settles. */
    private void cluster() {
      for (int i = 0; i < o.maxIterationsKmeans(); i++) {
        double[][] sums = weightedSums(zCos, null, 1);
        for (int c = 0; c < k; c++) {
          System.arraycopy(sums[c], 0, y, c * d, d);
        }
        normaliseRows(y, k);
        distances();
        updateR();
        objectiveKmeans.add(objective());
        if (i > WINDOW && kmeansConverged()) {
          break;
        }
      }
      objectiveHarmony.add(objectiveKmeans.getLast());
    }

    private boolean kmeansConverged() {
      int m = objectiveKmeans.size();
      double old = 0;
      double now = 0;
      for (int i = 0; i < WINDOW; i++) {
        old += objectiveKmeans.get(m - 2 - i);
        now += objectiveKmeans.get(m - 1 - i);
      }
      return Math.abs(old - now) / Math.abs(old) < o.epsilonCluster();
    }

    /** dist = 2 (1 - Y·Z_cos). */
    private void distances() {
      forCells((from, to) -> {
        for (int i = from; i < to; i++) {
          for (int c = 0; c < k; c++) {
            dist[i * k + c] = 2 * (1 - DotProduct.dot(y, c * d, zCos, i * d, d));
          }
        }
      });
    }

    /** exp(-dist / sigma), each cell's largest taken out first, into {@code out}. */
    private void scaledDistances(double[] out) {
      forCells((from, to) -> {
        for (int i = from; i < to; i++) {
          int at = i * k;
          double max = Double.NEGATIVE_INFINITY;
          for (int c = 0; c < k; c++) {
            out[at + c] = -dist[at + c] / o.sigma();
            max = Math.max(max, out[at + c]);
          }
          for (int c = 0; c < k; c++) {
            out[at + c] = Math.exp(out[at + c] - max);
          }
        }
      });
    }

    /** harmonypy's update_R: the cells in shuffled blocks, each block's penalty from the others' counts. */
    private void updateR() {
      scaledDistances(scaleDist);
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      random.shuffle(order);
      int blocks = (int) Math.ceil(1 / o.blockSize());
      int each = n / blocks;
      int extra = n % blocks;
      double[] penalty = new double[k * nb];
      int start = 0;
      for (int blk = 0; blk < blocks; blk++) {
        int size = each + (blk < extra ? 1 : 0);
        int[] cells = Arrays.copyOfRange(order, start, start + size);
        start += size;
        moveBlock(cells, -1);
        for (int c = 0; c < k; c++) {
          for (int b = 0; b < nb; b++) {
            double ratio = (e[c * nb + b] + 1) / (obs[c * nb + b] + 1);
            penalty[c * nb + b] = Math.pow(ratio, o.theta());
          }
        }
        for (int i : cells) {
          int at = i * k;
          double norm = 0;
          for (int c = 0; c < k; c++) {
            r[at + c] = scaleDist[at + c] * penalty[c * nb + batch[i]];
            norm += Math.abs(r[at + c]);
          }
          for (int c = 0; c < k; c++) {
            r[at + c] /= norm;
          }
        }
        moveBlock(cells, 1);
      }
    }

    /** Takes a block's cells out of E and O (sign -1) or puts them back (+1). */
    private void moveBlock(int[] cells, int sign) {
      double[] column = new double[cells.length];
      for (int c = 0; c < k; c++) {
        for (int t = 0; t < cells.length; t++) {
          column[t] = r[cells[t] * k + c];
        }
        double total = PairwiseSum.sum(column);
        for (int b = 0; b < nb; b++) {
          e[c * nb + b] += sign * (total * prB[b]);
        }
      }
      double[] observed = new double[k * nb];
      for (int i : cells) {
        for (int c = 0; c < k; c++) {
          observed[c * nb + batch[i]] += r[i * k + c];
        }
      }
      for (int t = 0; t < observed.length; t++) {
        obs[t] += sign * observed[t];
      }
    }

    /** harmonypy's compute_objective: distortion + sigma-weighted entropy + the diversity cross-entropy. */
    private double objective() {
      double[] logRatio = new double[k * nb];
      for (int c = 0; c < k; c++) {
        for (int b = 0; b < nb; b++) {
          logRatio[c * nb + b] = o.theta() * Math.log((obs[c * nb + b] + 1) / (e[c * nb + b] + 1));
        }
      }
      int blocks = (n + CELL_BLOCK - 1) / CELL_BLOCK;
      double[] partial = new double[blocks * 3];
      parallel.forEach(blocks, blk -> {
        double distortion = 0;
        double entropy = 0;
        double cross = 0;
        for (int i = blk * CELL_BLOCK, end = Math.min(n, i + CELL_BLOCK); i < end; i++) {
          for (int c = 0; c < k; c++) {
            double p = r[i * k + c];
            distortion += p * dist[i * k + c];
            double h = p * Math.log(p);
            if (Double.isFinite(h)) {
              entropy += h * o.sigma();
            }
            cross += p * o.sigma() * logRatio[c * nb + batch[i]];
          }
        }
        partial[blk * 3] = distortion;
        partial[blk * 3 + 1] = entropy;
        partial[blk * 3 + 2] = cross;
      });
      double distortion = 0;
      double entropy = 0;
      double cross = 0;
      for (int blk = 0; blk < blocks; blk++) {
        distortion += partial[blk * 3];
        entropy += partial[blk * 3 + 1];
        cross += partial[blk * 3 + 2];
      }
      return distortion + entropy + cross;
    }

    /**
     * harmonypy's moe_correct_ridge: per cluster, a ridge regression of the original embedding on
     * the batches weighted by the cluster's probabilities; each cell loses its batch's term, the
     * intercept kept.
     */
    private void correct() {
      double[][] sums = weightedSums(zOrig, batch, nb);
      double[] weight = new double[k * nb];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          weight[c * nb + batch[i]] += r[i * k + c];
        }
      }
      // w[c][b * d + j]: cluster c's coefficient of batch b on coordinate j.
      double[][] w = new double[k][];
      parallel.forEach(k, c -> w[c] = ridge(sums[c], Arrays.copyOfRange(weight, c * nb, (c + 1) * nb)));
      forCells((from, to) -> {
        for (int i = from; i < to; i++) {
          int b = batch[i];
          System.arraycopy(zOrig, i * d, zCorr, i * d, d);
          for (int c = 0; c < k; c++) {
            double p = r[i * k + c];
            double[] wc = w[c];
            for (int j = 0; j < d; j++) {
              zCorr[i * d + j] -= wc[b * d + j] * p;
            }
          }
        }
      });
      System.arraycopy(zCorr, 0, zCos, 0, zCos.length);
      normaliseCells(zCos);
    }

    /**
     * Solves (Φ R Φᵀ + λ) W = Φ R Zᵀ for one cluster, Φ with the intercept row; returns the batch
     * rows of W (the intercept's is dropped, as harmonypy zeroes it).
     */
    private double[] ridge(double[] sums, double[] weight) {
      int m = nb + 1;
      double[] a = new double[m * m];
      double[] rhs = new double[m * d];
      for (int b = 0; b < nb; b++) {
        a[0] += weight[b];
        a[b + 1] = weight[b];
        a[(b + 1) * m] = weight[b];
        a[(b + 1) * m + b + 1] = weight[b] + o.lambda();
        for (int j = 0; j < d; j++) {
          rhs[j] += sums[b * d + j];
          rhs[(b + 1) * d + j] = sums[b * d + j];
        }
      }
      solve(a, rhs, m, d);
      return Arrays.copyOfRange(rhs, d, m * d);
    }

    /** Weighted sums over cells per cluster and group: out[c][g * d + j] = Σ_{i in g} R[i, c] x[i, j]. */
    private double[][] weightedSums(double[] x, int[] group, int groups) {
      double[][] out = new double[k][groups * d];
      int pieces = (k + CLUSTER_GROUP - 1) / CLUSTER_GROUP;
      parallel.forEach(pieces, piece -> {
        int c0 = piece * CLUSTER_GROUP;
        int c1 = Math.min(k, c0 + CLUSTER_GROUP);
        for (int i = 0; i < n; i++) {
          int off = group == null ? 0 : group[i] * d;
          for (int c = c0; c < c1; c++) {
            double p = r[i * k + c];
            double[] sum = out[c];
            for (int j = 0; j < d; j++) {
              sum[off + j] += p * x[i * d + j];
            }
          }
        }
      });
      return out;
    }

    /** Σ_i R[i, c] per cluster, each in numpy's pairwise order. */
    private double[] clusterTotals(double[] p) {
      double[] total = new double[k];
      parallel.forEach(k, c -> {
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
          column[i] = p[i * k + c];
        }
        total[c] = PairwiseSum.sum(column);
      });
      return total;
    }

    private void normaliseCells(double[] x) {
      forCells((from, to) -> {
        for (int i = from; i < to; i++) {
          unitLength(x, i, d);
        }
      });
    }

    private void normaliseRows(double[] x, int rows) {
      for (int c = 0; c < rows; c++) {
        unitLength(x, c, d);
      }
    }

    private void forCells(Parallel.Range body) {
      parallel.forRanges(n, CELL_BLOCK, body);
    }
  }

  /** Row {@code row} of {@code x} (d wide) divided by its euclidean length, as numpy's norm(axis=0). */
  private static void unitLength(double[] x, int row, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += x[row * d + j] * x[row * d + j];
    }
    double norm = Math.sqrt(s);
    for (int j = 0; j < d; j++) {
      x[row * d + j] /= norm;
    }
  }

  /** Solves a x = b in place (b holds {@code cols} right-hand sides per row) by LU with partial pivoting. */
  static void solve(double[] a, double[] b, int m, int cols) {
    for (int p = 0; p < m; p++) {
      int pivot = p;
      for (int i = p + 1; i < m; i++) {
        if (Math.abs(a[i * m + p]) > Math.abs(a[pivot * m + p])) {
          pivot = i;
        }
      }
      if (pivot != p) {
        swapRows(a, p, pivot, m);
        swapRows(b, p, pivot, cols);
      }
      double diag = a[p * m + p];
      for (int i = p + 1; i < m; i++) {
        double f = a[i * m + p] / diag;
        if (f == 0) {
          continue;
        }
        for (int j = p; j < m; j++) {
          a[i * m + j] -= f * a[p * m + j];
        }
        for (int j = 0; j < cols; j++) {
          b[i * cols + j] -= f * b[p * cols + j];
        }
      }
    }
    for (int p = m - 1; p >= 0; p--) {
      double diag = a[p * m + p];
      for (int j = 0; j < cols; j++) {
        double s = b[p * cols + j];
        for (int q = p + 1; q < m; q++) {
          s -= a[p * m + q] * b[q * cols + j];
        }
        b[p * cols + j] = s / diag;
      }
    }
  }

  private static void swapRows(double[] x, int r1, int r2, int width) {
    for (int j = 0; j < width; j++) {
      double t = x[r1 * width + j];
      x[r1 * width + j] = x[r2 * width + j];
      x[r2 * width + j] = t;
    }
  }
}
