package org.myelin.core.matrix;

/**
 * Whether an int array range holds a value, with the Vector API (eight lanes compared at once) when
 * the JVM has it, else a scalar loop. The neighbour search asks this of a cell's list before every
 * insertion, so it is hot; the answer is a plain yes or no, the same from either kernel.
 */
public final class IntSearch {

  /** A search kernel: the Vector API one, or the scalar loop. */
  interface Kernel {
    boolean contains(int[] a, int off, int len, int value);
  }

  private static final Kernel SCALAR = IntSearch::containsScalar;

  private static final Kernel KERNEL = Kernels.choose("org.myelin.core.matrix.VectorIntSearch", Kernel.class, SCALAR);

  private IntSearch() {}

  /** Whether the Vector API kernel is in use (else the scalar loop). */
  public static boolean vectorised() {
    return KERNEL != SCALAR;
  }

  /** The Vector API kernel itself, for tests that compare it with the scalar loop. */
  static boolean containsVector(int[] a, int off, int len, int value) {
    return new VectorIntSearch().contains(a, off, len, value);
  }

  /** Whether {@code value} is among a[off, off + len). */
  public static boolean contains(int[] a, int off, int len, int value) {
    return KERNEL.contains(a, off, len, value);
  }

  /** The scalar twin of {@link #contains}. */
  public static boolean containsScalar(int[] a, int off, int len, int value) {
    for (int s = 0; s < len; s++) {
      if (a[off + s] == value) {
        return true;
      }
    }
    return false;
  }
}
