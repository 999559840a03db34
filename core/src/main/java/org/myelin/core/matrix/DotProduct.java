package org.myelin.core.matrix;

/**
 * Dot products of double arrays with the Vector API (when the JVM has it), and a scalar twin that adds in the same order
 * and so gives the same bits. HotSpot does not vectorise a floating-point sum by itself (that would
 * reorder the additions), so the scalar loop runs one multiply-add per cycle at best; eight
 * partial sums in two 256-bit registers lift that limit (JMH: {@code DotProductBenchmark} in the
 * bench module). The width is fixed at 256 bits rather than the machine's preferred one so that
 * the order of additions, and the result, is the same on every machine.
 *
 * <p>Order: partial sum {@code l} (0 to 7) adds the products at positions {@code 8i + l}; lanes
 * {@code l} and {@code l + 4} are added, then the four results left to right, then the tail
 * products one by one. Multiplications and additions are rounded separately (no fused multiply-add).
 *
 * <p>Float32 rows take the order of {@link SquaredDistance}, with products in place of squared
 * differences: blocks of eight added alternately to two sets of eight partial sums, the sets added
 * lane by lane, the lanes pairwise, then the tail one by one.
 */
public final class DotProduct {

  /** Products summed per round: two vectors of four lanes. */
  public static final int STRIDE = 8;

  /** A dot-product kernel: the Vector API one, or the scalar twin. */
  interface Kernel {
    double dot(double[] a, int aOff, double[] b, int bOff, int len);

    float dot(float[] a, int aOff, float[] b, int bOff, int len);
  }

  /**
   * Chosen once: the Vector API kernel when the JVM has {@code jdk.incubator.vector} (the launcher
   * adds it), else the scalar twin, so {@code java -jar} without flags runs with the same numbers.
   */
  private static final Kernel SCALAR = new Kernel() {
    @Override
    public double dot(double[] a, int aOff, double[] b, int bOff, int len) {
      return dotScalar(a, aOff, b, bOff, len);
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
      return dotScalar(a, aOff, b, bOff, len);
    }
  };

  private static final Kernel KERNEL = Kernels.choose("org.myelin.core.matrix.VectorDotProduct", Kernel.class, SCALAR);

  private DotProduct() {}

  /** Whether the Vector API kernel is in use (else the scalar twin). */
  public static boolean vectorised() {
    return KERNEL != SCALAR;
  }

  /** The Vector API kernel itself, for tests that compare it with the scalar twin bit for bit. */
  static double dotVector(double[] a, int aOff, double[] b, int bOff, int len) {
    return new VectorDotProduct().dot(a, aOff, b, bOff, len);
  }

  /** The dot product of {@code len} values of a from aOff and of b from bOff, by the kernel chosen at start-up. */
  public static double dot(double[] a, int aOff, double[] b, int bOff, int len) {
    return KERNEL.dot(a, aOff, b, bOff, len);
  }

  /** The float32 Vector API kernel itself, for tests. */
  static float dotVector(float[] a, int aOff, float[] b, int bOff, int len) {
    return new VectorDotProduct().dot(a, aOff, b, bOff, len);
  }

  /** The float32 dot product of {@code len} values of a from aOff and of b from bOff, in the order above. */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
    return KERNEL.dot(a, aOff, b, bOff, len);
  }

  /** The dot product of two whole arrays of the same length. */
  public static double dot(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dot product of " + a.length + " and " + b.length + " values");
    }
    return dot(a, 0, b, 0, a.length);
  }

  /** The scalar twin of {@link #dot(double[], int, double[], int, int)}: the same additions, in the same order. */
  public static double dotScalar(double[] a, int aOff, double[] b, int bOff, int len) {
    double[] acc = new double[STRIDE];
    int i = 0;
    int bound = len - len % STRIDE;
    for (; i < bound; i += STRIDE) {
      for (int l = 0; l < STRIDE; l++) {
        acc[l] += a[aOff + i + l] * b[bOff + i + l];
      }
    }
    double s = (((acc[0] + acc[4]) + (acc[1] + acc[5])) + (acc[2] + acc[6])) + (acc[3] + acc[7]);
    for (; i < len; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }

  /** The scalar twin of {@link #dot(float[], int, float[], int, int)}: the same operations, in the same order. */
  public static float dotScalar(float[] a, int aOff, float[] b, int bOff, int len) {
    int block = SquaredDistance.BLOCK;
    float[][] acc = new float[2][block];
    int i = 0;
    int bound = len - len % block;
    for (; i < bound; i += block) {
      float[] sums = acc[(i / block) % 2];
      for (int l = 0; l < block; l++) {
        sums[l] += a[aOff + i + l] * b[bOff + i + l];
      }
    }
    float[] lane = new float[block];
    for (int l = 0; l < block; l++) {
      lane[l] = acc[0][l] + acc[1][l];
    }
    float s = SquaredDistance.lanes(lane);
    for (; i < len; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }
}
