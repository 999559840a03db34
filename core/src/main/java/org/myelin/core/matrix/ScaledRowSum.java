package org.myelin.core.matrix;

/**
 * A sparse row times a dense matrix: {@code acc[c] += v[t] * w[rows[t] * k + c]} for each entry t
 * in order and each of the k columns, as projecting a cell's stored values onto principal axes
 * does. The Vector API kernel keeps a stretch of {@code acc} in registers while the entries pass
 * (the scalar loop loads and stores the whole of {@code acc} for every entry); each {@code acc[c]}
 * still receives its products one at a time in entry order, multiplied and added with separate
 * roundings, so both kernels give the same bits.
 */
public final class ScaledRowSum {

  /** A kernel: the Vector API one, or the scalar twin. */
  interface Kernel {
    void add(double[] acc, int accOff, int k, double[] w, int[] rows, double[] v, int n);
  }

  private static final Kernel SCALAR = ScaledRowSum::addScalar;

  private static final Kernel KERNEL = Kernels.choose("org.myelin.core.matrix.VectorScaledRowSum", Kernel.class,
      SCALAR);

  private ScaledRowSum() {}

  /** Whether the Vector API kernel is in use (else the scalar twin). */
  public static boolean vectorised() {
    return KERNEL != SCALAR;
  }

  /** The Vector API kernel itself, for tests that compare it with the scalar twin bit for bit. */
  static void addVector(double[] acc, int accOff, int k, double[] w, int[] rows, double[] v, int n) {
    new VectorScaledRowSum().add(acc, accOff, k, w, rows, v, n);
  }

  /**
   * Adds {@code v[t]} times row {@code rows[t]} of w (row-major, k columns) to acc[accOff, accOff + k),
   * for t from 0 to n - 1 in order.
   */
  public static void add(double[] acc, int accOff, int k, double[] w, int[] rows, double[] v, int n) {
    KERNEL.add(acc, accOff, k, w, rows, v, n);
  }

  /** The scalar twin. */
  public static void addScalar(double[] acc, int accOff, int k, double[] w, int[] rows, double[] v, int n) {
    for (int t = 0; t < n; t++) {
      int base = rows[t] * k;
      double vt = v[t];
      for (int c = 0; c < k; c++) {
        acc[accOff + c] += vt * w[base + c];
      }
    }
  }
}
