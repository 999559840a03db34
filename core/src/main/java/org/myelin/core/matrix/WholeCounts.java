package org.myelin.core.matrix;

/**
 * Whether values are counts: whole and not negative ({@code v >= 0 && v == rint(v)}), the test
 * behind the normalisation guard, run over every value of X. The Vector API kernel converts eight
 * floats to ints and back and compares; a lane it cannot settle (|v| of 2^31 or more, NaN) sends its
 * vector to the scalar twin, so both give the same answer for every input.
 */
public final class WholeCounts {

  interface Kernel {
    boolean all(float[] v, int from, int to);
  }

  private static final Kernel SCALAR = WholeCounts::allScalar;

  private static final Kernel KERNEL = Kernels.choose("org.myelin.core.matrix.VectorWholeCounts", Kernel.class,
      SCALAR);

  private WholeCounts() {}

  /** Whether v[from, to) are all whole and not negative, by the kernel chosen at start-up. */
  public static boolean all(float[] v, int from, int to) {
    return KERNEL.all(v, from, to);
  }

  /** The scalar twin. */
  static boolean allScalar(float[] v, int from, int to) {
    boolean ok = true;
    for (int k = from; k < to; k++) {
      float f = v[k];
      ok &= f >= 0 && f == Math.rint(f);
    }
    return ok;
  }

  /** The Vector API kernel itself, for tests that compare it with the scalar twin. */
  static boolean allVector(float[] v, int from, int to) {
    return new VectorWholeCounts().all(v, from, to);
  }
}
