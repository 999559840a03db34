package org.myelin.core.embed;

import org.myelin.core.random.Seeds;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/**
 * The UMAP layout of a fuzzy graph (McInnes, Healy &amp; Melville, arXiv:1802.03426), as umap-learn
 * 0.5's {@code simplicial_set_embedding} that scanpy's {@code tl.umap} calls: spectral
 * initialisation, the curve 1 / (1 + a d^2b) fitted to min_dist and spread, edges sampled in
 * proportion to their weight, 5 negative samples per positive one, a learning rate falling
 * linearly to 0.
 *
 * <p>Deliberately different, to be parallel and still deterministic: within an epoch each cell
 * moves by stochastic gradient steps over its own edges, against the positions the other cells had
 * when the epoch began (umap-learn moves both ends of an edge at once, in one thread or racing
 * threads). Each edge is listed from both ends, so both still move towards each other. Negative
 * samples come from a counter-based random stream keyed by (seed, epoch, cell, sample), so the
 * layout depends on the seed only, never on the thread count.
 */
public final class Umap {

  /** Cells per parallel task; fixed so the split never depends on threads. */
  private static final int CELLS_PER_TASK = 512;

  private Umap() {}

  /**
   * Options, umap-learn's names and scanpy's defaults.
   *
   * @param nEpochs epochs, or 0 for umap-learn's default (500 up to 10,000 cells, else 200)
   */
  public record Options(double minDist, double spread, int nEpochs, double learningRate, int negativeSampleRate,
      long seed) {

    public Options {
      if (!(spread > 0) || !(minDist >= 0) || minDist > spread) {
        throw new IllegalArgumentException("Invalid min_dist " + minDist + " / spread " + spread
            + " (0 <= min_dist <= spread, spread > 0)");
      }
      if (nEpochs < 0 || !(learningRate > 0) || negativeSampleRate < 0) {
        throw new IllegalArgumentException("Invalid n_epochs, learning rate or negative sample rate");
      }
    }

    /** scanpy's defaults: min_dist 0.5, spread 1, learning rate 1, 5 negative samples. */
    public static Options defaults(long seed) {
      return new Options(0.5, 1.0, 0, 1.0, 5, seed);
    }
  }

  /** The 2-D layout, n x 2 row-major. */
  public static double[] layout(CsrMatrix graph, Options o, Parallel parallel) {
    return layout(graph, o, parallel, org.myelin.core.tool.Progress.NONE);
  }

  /** The 2-D layout, n x 2 row-major, reporting each epoch to {@code progress}. */
  public static double[] layout(CsrMatrix graph, Options o, Parallel parallel, org.myelin.core.tool.Progress progress) {
    int n = graph.nRows();
    if (n < 3) {
      throw new IllegalArgumentException("UMAP needs at least 3 cells, not " + n);
    }
    int epochs = o.nEpochs() > 0 ? o.nEpochs() : (n <= 10_000 ? 500 : 200);
    double[] ab = fitAb(o.spread(), o.minDist());
    double a = ab[0];
    double b = ab[1];
    // Edges, from both ends, without those too weak to be sampled once (umap-learn prunes below max / n_epochs).
    double max = 0;
    for (CsrBlock block : graph.blocks()) {
      for (int e = 0; e < block.nnz(); e++) {
        max = Math.max(max, block.value(e));
      }
    }
    long[] ptr = new long[n + 1];
    int count = 0;
    int[] cols = new int[(int) graph.nnz()];
    double[] perSample = new double[(int) graph.nnz()];
    for (int bIdx = 0; bIdx < graph.nBlocks(); bIdx++) {
      CsrBlock block = graph.block(bIdx);
      int row0 = graph.rowOffset(bIdx);
      for (int r = 0; r < block.nRows(); r++) {
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          double w = block.value(e);
          if (w >= max / epochs && block.index(e) != row0 + r) {
            cols[count] = block.index(e);
            perSample[count] = max / w; // umap-learn's epochs_per_sample: n_epochs / (n_epochs * w / max)
            count++;
          }
        }
        ptr[row0 + r + 1] = count;
      }
    }
    double[] y = SpectralInit.coordinates(graph, o.seed(), parallel);
    double[] next = new double[count];
    double[] nextNegative = new double[count];
    double[] perNegative = new double[count];
    for (int e = 0; e < count; e++) {
      next[e] = perSample[e];
      perNegative[e] = o.negativeSampleRate() == 0 ? Double.POSITIVE_INFINITY : perSample[e] / o.negativeSampleRate();
      nextNegative[e] = perNegative[e];
    }
    float[] snapshot = new float[2 * n];
    int tasks = (n + CELLS_PER_TASK - 1) / CELLS_PER_TASK;
    try (org.myelin.core.tool.Progress.Task task = progress.start("umap epochs", epochs)) {
      optimise(y, snapshot, epochs, tasks, n, o, a, b, ptr, cols, next, perSample, nextNegative, perNegative,
          parallel, task);
    }
    return y;
  }

  /** The epochs of stochastic gradient descent, each from the positions of its start. */
  private static void optimise(double[] y, float[] snapshot, int epochs, int tasks, int n, Options o, double a,
      double b, long[] ptr, int[] cols, double[] next, double[] perSample, double[] nextNegative,
      double[] perNegative, Parallel parallel, org.myelin.core.tool.Progress.Task task) {
    GradientTable attract = GradientTable.attractive(a, b);
    GradientTable repel = GradientTable.repulsive(a, b);
    for (int epoch = 0; epoch < epochs; epoch++) {
      double alpha = o.learningRate() * (1.0 - (double) epoch / epochs);
      // The epoch's start in float32: half the bytes of the lookups that negative sampling makes at
      // random cells, so more of them hit the cache (10-14% faster at 100k cells).
      for (int c = 0; c < 2 * n; c++) {
        snapshot[c] = (float) y[c];
      }
      int ep = epoch;
      parallel.forEach(tasks, t -> {
        for (int i = t * CELLS_PER_TASK; i < Math.min(n, (t + 1) * CELLS_PER_TASK); i++) {
          double yi0 = y[2 * i];
          double yi1 = y[2 * i + 1];
          int sample = 0;
          for (int e = (int) ptr[i]; e < (int) ptr[i + 1]; e++) {
            if (next[e] > ep) {
              continue;
            }
            int j = cols[e];
            double d0 = yi0 - snapshot[2 * j];
            double d1 = yi1 - snapshot[2 * j + 1];
            double dist2 = d0 * d0 + d1 * d1;
            if (dist2 > 0) {
              double coeff = attract.at(dist2);
              yi0 += clip(coeff * d0) * alpha;
              yi1 += clip(coeff * d1) * alpha;
            }
            next[e] += perSample[e];
            int negatives = (int) ((ep - nextNegative[e]) / perNegative[e]);
            for (int s = 0; s < negatives; s++) {
              int k = (int) Math.unsignedMultiplyHigh(mix(o.seed(), ep, i, sample++), n); // no division
              double g0 = yi0 - snapshot[2 * k];
              double g1 = yi1 - snapshot[2 * k + 1];
              double d2 = g0 * g0 + g1 * g1;
              if (d2 > 0) {
                double coeff = repel.at(d2);
                yi0 += clip(coeff * g0) * alpha;
                yi1 += clip(coeff * g1) * alpha;
              } else if (k != i) {
                yi0 += 4.0 * alpha;
                yi1 += 4.0 * alpha;
              }
            }
            nextNegative[e] += negatives * perNegative[e];
          }
          y[2 * i] = yi0;
          y[2 * i + 1] = yi1;
        }
      });
      task.step(1);
    }
  }

  private static double clip(double v) {
    return v > 4 ? 4 : (v < -4 ? -4 : v);
  }

  /** SplitMix64 of the sample's coordinates: a random stream no thread order can change. */
  static long mix(long seed, int epoch, int cell, int sample) {
    return Seeds.mix2(Seeds.stream(seed, ((long) epoch << 42) + ((long) cell << 16) + sample));
  }

  /**
   * a and b of 1 / (1 + a x^2b) fitted by least squares to 1 below min_dist and
   * exp(-(x - min_dist) / spread) above it, at 300 points on [0, 3 spread] (umap-learn's
   * {@code find_ab_params}), by Gauss-Newton with step halving.
   */
  static double[] fitAb(double spread, double minDist) {
    int m = 300;
    double[] xs = new double[m];
    double[] ys = new double[m];
    for (int i = 0; i < m; i++) {
      xs[i] = spread * 3 * i / (m - 1);
      ys[i] = xs[i] < minDist ? 1.0 : Math.exp(-(xs[i] - minDist) / spread);
    }
    double a = 1;
    double b = 1;
    double sse = sse(xs, ys, a, b);
    for (int it = 0; it < 200; it++) {
      double jaa = 0;
      double jab = 0;
      double jbb = 0;
      double ga = 0;
      double gb = 0;
      for (int i = 1; i < m; i++) {
        double x = xs[i];
        double p = Math.pow(x, 2 * b);
        double f = 1 / (1 + a * p);
        double r = ys[i] - f;
        double dfa = -p * f * f;
        double dfb = -a * p * 2 * Math.log(x) * f * f;
        jaa += dfa * dfa;
        jab += dfa * dfb;
        jbb += dfb * dfb;
        ga += dfa * r;
        gb += dfb * r;
      }
      double det = jaa * jbb - jab * jab;
      if (det == 0) {
        break;
      }
      double da = (jbb * ga - jab * gb) / det;
      double db = (jaa * gb - jab * ga) / det;
      double step = 1;
      double na = a + da;
      double nb = b + db;
      double nsse = sse(xs, ys, na, nb);
      while ((nsse > sse || na <= 0 || nb <= 0) && step > 1e-10) {
        step /= 2;
        na = a + step * da;
        nb = b + step * db;
        nsse = sse(xs, ys, na, nb);
      }
      if (Math.abs(sse - nsse) <= 1e-15 * Math.max(1, sse)) {
        a = na;
        b = nb;
        break;
      }
      a = na;
      b = nb;
      sse = nsse;
    }
    return new double[] {a, b};
  }

  private static double sse(double[] xs, double[] ys, double a, double b) {
    double s = 0;
    for (int i = 0; i < xs.length; i++) {
      double r = ys[i] - 1 / (1 + a * Math.pow(xs[i], 2 * b));
      s += r * r;
    }
    return s;
  }
}
