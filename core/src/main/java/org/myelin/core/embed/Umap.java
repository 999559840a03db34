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
    return layout(graph, o, parallel, progress, true);
  }

  /** As above; {@code paired} false steps one cell at a time, the reference the paired steps must match. */
  static double[] layout(CsrMatrix graph, Options o, Parallel parallel, org.myelin.core.tool.Progress progress,
      boolean paired) {
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
    Descent descent = new Descent(y, n, ptr, cols, next, perSample, nextNegative, perNegative, o.seed(),
        GradientTable.umap(a, b), paired);
    try (org.myelin.core.tool.Progress.Task task = progress.start("umap epochs", epochs)) {
      descent.run(epochs, o.learningRate(), parallel, task);
    }
    return y;
  }

  /**
   * The epochs of stochastic gradient descent, each from the positions of its start. Each task
   * first lists its cells' samples for the epoch, then steps through them. A cell's steps form one
   * chain, each waiting on the last (about 40 cycles: a table lookup, then the update), so two cells
   * step side by side: their chains overlap, and each cell still takes its own steps in its own
   * order, so the layout is bit for bit that of one cell at a time ({@code paired} false, tested).
   */
  private static final class Descent {

    private final double[] y;
    private final float[] snapshot;
    private final int n;
    private final long[] ptr;
    private final int[] cols;
    private final double[] next;
    private final double[] perSample;
    private final double[] nextNegative;
    private final double[] perNegative;
    /** The epoch each edge is next sampled at, ceil(next[e]): its epoch's edges are picked by an int compare. */
    private final int[] due;
    private final long seed;
    private final GradientTable coefficients;
    private final boolean paired;
    private final ThreadLocal<EpochSamples> samples;

    Descent(double[] y, int n, long[] ptr, int[] cols, double[] next, double[] perSample, double[] nextNegative,
        double[] perNegative, long seed, GradientTable coefficients, boolean paired) {
      this.y = y;
      this.snapshot = new float[2 * n];
      this.n = n;
      this.ptr = ptr;
      this.cols = cols;
      this.next = next;
      this.perSample = perSample;
      this.nextNegative = nextNegative;
      this.perNegative = perNegative;
      this.seed = seed;
      this.coefficients = coefficients;
      this.paired = paired;
      int edges = (int) ptr[n];
      due = new int[edges];
      int maxDegree = 0;
      for (int e = 0; e < edges; e++) {
        due[e] = (int) Math.ceil(next[e]);
      }
      for (int i = 0; i < n; i++) {
        maxDegree = Math.max(maxDegree, (int) (ptr[i + 1] - ptr[i]));
      }
      int degree = maxDegree;
      samples = ThreadLocal.withInitial(() -> new EpochSamples(degree));
    }

    void run(int epochs, double learningRate, Parallel parallel, org.myelin.core.tool.Progress.Task task) {
      int tasks = (n + CELLS_PER_TASK - 1) / CELLS_PER_TASK;
      for (int epoch = 0; epoch < epochs; epoch++) {
        double alpha = learningRate * (1.0 - (double) epoch / epochs);
        // The epoch's start in float32: half the bytes of the lookups that negative sampling makes at
        // random cells, so more of them hit the cache (10-14% faster at 100k cells).
        for (int c = 0; c < 2 * n; c++) {
          snapshot[c] = (float) y[c];
        }
        int ep = epoch;
        parallel.forEach(tasks, t -> {
          int first = t * CELLS_PER_TASK;
          int cells = Math.min(n, first + CELLS_PER_TASK) - first;
          EpochSamples s = samples.get();
          list(s, first, cells, ep);
          if (paired) {
            stepInPairs(s, first, cells, alpha);
          } else {
            for (int c = 0; c < cells; c++) {
              step(first + c, s.target, s.start[c], s.start[c + 1], alpha);
            }
          }
        });
        task.step(1);
      }
    }

    /**
     * The samples of cells [first, first + cells) this epoch, each cell's in the order it takes them:
     * for each due edge its neighbour j (as j), then its negative samples k (as ~k).
     */
    private void list(EpochSamples s, int first, int cells, int epoch) {
      int[] start = s.start;
      int[] dueEdges = s.dueEdges;
      int m = 0;
      for (int c = 0; c < cells; c++) {
        int i = first + c;
        start[c] = m;
        int edgesEnd = (int) ptr[i + 1];
        int dueCount = 0;
        for (int e = (int) ptr[i]; e < edgesEnd; e++) {
          dueEdges[dueCount] = e;
          dueCount += (due[e] - epoch - 1) >>> 31; // due[e] <= epoch, with no branch to mispredict
        }
        int sample = 0;
        for (int d = 0; d < dueCount; d++) {
          int e = dueEdges[d];
          next[e] += perSample[e];
          due[e] = (int) Math.ceil(next[e]);
          int negatives = (int) ((epoch - nextNegative[e]) / perNegative[e]);
          nextNegative[e] += negatives * perNegative[e];
          int[] target = s.reserve(m + 1 + Math.max(0, negatives));
          target[m++] = cols[e];
          for (int k = 0; k < negatives; k++) {
            target[m++] = ~(int) Math.unsignedMultiplyHigh(mix(seed, epoch, i, sample++), n); // no division
          }
        }
      }
      start[cells] = m;
    }

    /** Cell i's steps over samples [from, to) of {@code target}, from its position in y. */
    private void step(int i, int[] target, int from, int to, double alpha) {
      double p0 = y[2 * i];
      double p1 = y[2 * i + 1];
      for (int q = from; q < to; q++) {
        int c = target[q];
        int k = c ^ (c >> 31);
        double g0 = p0 - snapshot[2 * k];
        double g1 = p1 - snapshot[2 * k + 1];
        double d2 = g0 * g0 + g1 * g1;
        if (d2 > 0) {
          double coeff = coefficients.at(c >>> 31, d2);
          p0 += clip(coeff * g0) * alpha;
          p1 += clip(coeff * g1) * alpha;
        } else if (c < 0 && k != i) {
          p0 += 4.0 * alpha;
          p1 += 4.0 * alpha;
        }
      }
      y[2 * i] = p0;
      y[2 * i + 1] = p1;
    }

    /**
     * The steps of cells [first, first + cells), two at a time: lane a takes the even cells, lane b
     * the odd ones, each moving on to its next cell when its current one is done; when one lane has
     * no cells left, the other finishes alone.
     */
    private void stepInPairs(EpochSamples s, int first, int cells, double alpha) {
      int[] target = s.target;
      int[] start = s.start;
      int a = 0;
      int b = 1;
      int qa = start[0];
      int ea = start[1];
      int qb = cells > 1 ? start[1] : 0;
      int eb = cells > 1 ? start[2] : 0;
      double a0 = y[2 * first];
      double a1 = y[2 * first + 1];
      double b0 = cells > 1 ? y[2 * first + 2] : 0;
      double b1 = cells > 1 ? y[2 * first + 3] : 0;
      while (b < cells) {
        if (qa == ea) {
          y[2 * (first + a)] = a0;
          y[2 * (first + a) + 1] = a1;
          a += 2;
          if (a >= cells) {
            break;
          }
          a0 = y[2 * (first + a)];
          a1 = y[2 * (first + a) + 1];
          qa = start[a];
          ea = start[a + 1];
          continue;
        }
        if (qb == eb) {
          y[2 * (first + b)] = b0;
          y[2 * (first + b) + 1] = b1;
          b += 2;
          if (b >= cells) {
            break;
          }
          b0 = y[2 * (first + b)];
          b1 = y[2 * (first + b) + 1];
          qb = start[b];
          eb = start[b + 1];
          continue;
        }
        int ca = target[qa++];
        int cb = target[qb++];
        int ka = ca ^ (ca >> 31);
        int kb = cb ^ (cb >> 31);
        double ga0 = a0 - snapshot[2 * ka];
        double ga1 = a1 - snapshot[2 * ka + 1];
        double gb0 = b0 - snapshot[2 * kb];
        double gb1 = b1 - snapshot[2 * kb + 1];
        double da = ga0 * ga0 + ga1 * ga1;
        double db = gb0 * gb0 + gb1 * gb1;
        if (da > 0) {
          double coeff = coefficients.at(ca >>> 31, da);
          a0 += clip(coeff * ga0) * alpha;
          a1 += clip(coeff * ga1) * alpha;
        } else if (ca < 0 && ka != first + a) {
          a0 += 4.0 * alpha;
          a1 += 4.0 * alpha;
        }
        if (db > 0) {
          double coeff = coefficients.at(cb >>> 31, db);
          b0 += clip(coeff * gb0) * alpha;
          b1 += clip(coeff * gb1) * alpha;
        } else if (cb < 0 && kb != first + b) {
          b0 += 4.0 * alpha;
          b1 += 4.0 * alpha;
        }
      }
      // One lane is out of cells (or there was one cell): the other finishes its cell, then the rest of its own.
      if (a < cells) {
        y[2 * (first + a)] = a0;
        y[2 * (first + a) + 1] = a1;
        finish(s, first, cells, a, qa, alpha);
      } else if (b < cells) {
        y[2 * (first + b)] = b0;
        y[2 * (first + b) + 1] = b1;
        finish(s, first, cells, b, qb, alpha);
      }
    }

    /** A lane's cell {@code c} from sample {@code from} on, then its later cells, one at a time. */
    private void finish(EpochSamples s, int first, int cells, int c, int from, double alpha) {
      step(first + c, s.target, from, s.start[c + 1], alpha);
      for (int later = c + 2; later < cells; later += 2) {
        step(first + later, s.target, s.start[later], s.start[later + 1], alpha);
      }
    }
  }

  /** One thread's lists of a task's samples, reused from epoch to epoch. */
  private static final class EpochSamples {

    int[] target = new int[1 << 15];
    final int[] start = new int[CELLS_PER_TASK + 1];
    final int[] dueEdges;

    EpochSamples(int maxDegree) {
      dueEdges = new int[maxDegree];
    }

    /** The samples' array, grown to hold {@code size}. */
    int[] reserve(int size) {
      if (size > target.length) {
        target = java.util.Arrays.copyOf(target, Math.max(size, 2 * target.length));
      }
      return target;
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
