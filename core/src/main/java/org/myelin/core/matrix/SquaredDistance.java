package org.myelin.core.matrix;

/**
 * Squared Euclidean distances between float32 rows with the Vector API (when the JVM has it), and a
 * scalar twin that adds in the same order and so gives the same bits. The neighbour search spends
 * nearly all of its time here, on rows of 50 principal components: float32 halves the memory read
 * per pair against double (the embedding is float32 in scanpy too), and two sets of eight partial sums
 * in 256-bit registers lift the one-addition-per-cycle limit of a scalar sum. The width is fixed at 256
 * bits so that the order of additions, and the result, is the same on every machine.
 *
 * <p>Order: the values are taken in blocks of eight; block {@code b} adds its squared differences
 * lane by lane to partial sums {@code b mod 2} (two sets of eight, so two additions are in flight
 * at once); the two sets are added lane by lane, then the eight lanes pairwise as
 * {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}, then the last {@code len mod 8} terms
 * one by one. Subtractions, multiplications and additions are rounded separately (no fused
 * multiply-add). Rows padded with zeros to a multiple of eight have no such tail.
 */
public final class SquaredDistance {

  /** Values per block: one 256-bit vector of eight float lanes. */
  public static final int BLOCK = 8;

  /** A squared-distance kernel: the Vector API one, or the scalar twin. */
  interface Kernel {
    float distance(float[] a, int aOff, float[] b, int bOff, int len);
  }

  private static final Kernel SCALAR = SquaredDistance::scalar;

  private static final Kernel KERNEL = Kernels.choose("org.myelin.core.matrix.VectorSquaredDistance", Kernel.class,
      SCALAR);

  private SquaredDistance() {}

  /** Whether the Vector API kernel is in use (else the scalar twin). */
  public static boolean vectorised() {
    return KERNEL != SCALAR;
  }

  /** The Vector API kernel itself, for tests that compare it with the scalar twin bit for bit. */
  static float vector(float[] a, int aOff, float[] b, int bOff, int len) {
    return new VectorSquaredDistance().distance(a, aOff, b, bOff, len);
  }

  /** The squared distance between {@code len} values of a from aOff and of b from bOff. */
  public static float of(float[] a, int aOff, float[] b, int bOff, int len) {
    return KERNEL.distance(a, aOff, b, bOff, len);
  }

  /** The scalar twin of {@link #of}: the same operations, in the same order. */
  public static float scalar(float[] a, int aOff, float[] b, int bOff, int len) {
    float[][] acc = new float[2][BLOCK];
    int i = 0;
    int bound = len - len % BLOCK;
    for (; i < bound; i += BLOCK) {
      float[] sums = acc[(i / BLOCK) % 2];
      for (int l = 0; l < BLOCK; l++) {
        float diff = a[aOff + i + l] - b[bOff + i + l];
        sums[l] += diff * diff;
      }
    }
    float[] lane = new float[BLOCK];
    for (int l = 0; l < BLOCK; l++) {
      lane[l] = acc[0][l] + acc[1][l];
    }
    float s = lanes(lane);
    for (; i < len; i++) {
      float diff = a[aOff + i] - b[bOff + i];
      s += diff * diff;
    }
    return s;
  }

  /** Eight partial sums added pairwise, in the order the class documents. */
  static float lanes(float[] s) {
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  }
}
