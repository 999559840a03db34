package org.myelin.core.matrix;

/**
 * Runs the Vector API kernels on small arrays on a thread of its own, so that the JIT compiles
 * them before a step needs them. Until then a kernel runs interpreted or from C1, where every
 * vector operation allocates an object: tens of times slower than compiled code, and a step's first
 * thousands of calls (a PCA's first cells, NN-descent's first leaves) took that long. The kernels
 * are pure functions of their arguments, so this changes no result, only when the compiling happens.
 */
public final class KernelWarmUp {

  /** Calls per kernel: past HotSpot's thresholds for its optimising compiler. */
  private static final int CALLS = 20_000;

  private static final java.util.concurrent.atomic.AtomicBoolean STARTED =
      new java.util.concurrent.atomic.AtomicBoolean();

  private KernelWarmUp() {}

  /**
   * Starts the warm-up on a daemon thread, once per JVM, and only where the Vector API kernels are
   * in use; returns whether this call started it.
   */
  public static boolean start() {
    if (!DotProduct.vectorised() || !STARTED.compareAndSet(false, true)) {
      return false;
    }
    Thread.ofPlatform().daemon().name("myelin-kernel-warm-up").start(KernelWarmUp::run);
    return true;
  }

  /**
   * Calls each kernel {@link #CALLS} times on arrays just long enough to take every path of it (its
   * widest loop, its single vectors, its scalar tail); returns a checksum, so no call is dropped.
   * Small, because the calls before compilation are the slow ones.
   */
  static double run() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
    int dims = 20;
    float[] rows = new float[4 * dims];
    double[] dense = new double[2 * dims];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) rnd.nextGaussian();
    }
    for (int i = 0; i < dense.length; i++) {
      dense[i] = rnd.nextGaussian();
    }
    int[] list = new int[40];
    for (int i = 0; i < list.length; i++) {
      list[i] = rnd.nextInt(1000);
    }
    int candidates = 4 * TileDistance.LANES + 3;
    int stride = TileDistance.stride(candidates);
    float[] tile = new float[stride * dims];
    for (int i = 0; i < tile.length; i++) {
      tile[i] = (float) rnd.nextGaussian();
    }
    float[] out = new float[stride];
    int k = 42;
    double[] acc = new double[k];
    double[] w = new double[4 * k];
    int[] genes = {0, 1, 2, 3};
    double[] values = {0.5, 1.5, 2.5, 3.5};
    float[] counts = new float[20];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = i;
    }
    double check = 0;
    for (int call = 0; call < CALLS; call++) {
      int r = call & 3;
      check += DotProduct.dot(dense, 0, dense, dims, dims);
      check += DotProduct.dot(rows, r * dims, rows, 0, dims);
      check += SquaredDistance.of(rows, r * dims, rows, 0, dims);
      check += IntSearch.contains(list, 0, list.length, call % 1000) ? 1 : 0;
      TileDistance.distances(rows, r * dims, tile, stride, dims, 0, candidates, out);
      check += out[r];
      ScaledRowSum.add(acc, 0, k, w, genes, values, genes.length);
      check += WholeCounts.all(counts, 0, counts.length) ? 1 : 0;
    }
    return check + acc[0];
  }
}
