package org.myelin.core.matrix;

/**
 * Squared Euclidean distances between float32 rows, from one row to many at once, the many copied
 * into a tile that holds them dimension by dimension (the column-major layout of a GEMM panel, as
 * in BLIS and EJML's blocked kernels): eight rows of the tile share a 256-bit vector, so one query
 * value broadcast against one load of the tile advances eight distances, and no distance ends in a
 * sum across lanes. NN-descent asks for exactly this: every cell compares all the candidates it
 * introduces to one another, so the candidates are copied once and compared many times.
 *
 * <p>Every distance, from whichever method, is the same function of its two rows, so that a pair
 * has one distance in the search: {@code s = 0}, then for each dimension c in order
 * {@code diff = a[c] - b[c]} (rounded) and {@code s = fma(diff, diff, s)}. It is symmetric to the
 * bit (the difference only changes sign). The Vector API kernel and its scalar twin give the same bits.
 */
public final class TileDistance {

  /** Rows of the tile per vector: the tile's stride is a multiple of this. */
  public static final int LANES = 8;

  /** A tile kernel: the Vector API one, or the scalar twin. */
  interface Kernel {
    void distances(float[] x, int xOff, float[] tile, int stride, int dims, int from, int to, float[] out);
  }

  private static final Kernel SCALAR = TileDistance::scalar;

  private static final Kernel KERNEL = Kernels.choose("org.myelin.core.matrix.VectorTileDistance", Kernel.class,
      SCALAR);

  private TileDistance() {}

  /** The squared distance between {@code dims} values of a from aOff and of b from bOff. */
  public static float pair(float[] a, int aOff, float[] b, int bOff, int dims) {
    float s = 0;
    for (int c = 0; c < dims; c++) {
      float diff = a[aOff + c] - b[bOff + c];
      s = Math.fma(diff, diff, s);
    }
    return s;
  }

  /** The stride of a tile of {@code rows} rows: rounded up to whole vectors. */
  public static int stride(int rows) {
    return (rows + LANES - 1) / LANES * LANES;
  }

  /**
   * Copies rows {@code ids[0..count)} of {@code data} (rows of {@code rowLength} values, the first
   * {@code dims} used) into the tile from its row {@code first}: value c of {@code ids[j]} goes to
   * {@code tile[c * stride + first + j]}. The rows are first copied whole, one after another, into
   * {@code rows} (at least {@code count * rowLength} values), then turned from there: the rows are
   * scattered in memory, and a plain copy lets the processor fetch many of them at once, where
   * turning each straight from memory waits on one row after another.
   */
  public static void fill(float[] data, int rowLength, int dims, int[] ids, int count, int first, float[] tile,
      int stride, float[] rows) {
    for (int j = 0; j < count; j++) {
      System.arraycopy(data, ids[j] * rowLength, rows, j * rowLength, rowLength);
    }
    for (int j = 0; j < count; j++) {
      int row = j * rowLength;
      for (int c = 0; c < dims; c++) {
        tile[c * stride + first + j] = rows[row + c];
      }
    }
  }

  /**
   * {@code out[j]}, for j in [from, to), the squared distance from the row of x at xOff to row j of
   * the tile, as {@link #pair} gives it. Other entries of out in the vectors that [from, to) touches
   * may be written too: out holds at least {@code stride} values.
   */
  public static void distances(float[] x, int xOff, float[] tile, int stride, int dims, int from, int to,
      float[] out) {
    KERNEL.distances(x, xOff, tile, stride, dims, from, to, out);
  }

  /** The scalar twin of {@link #distances}. */
  static void scalar(float[] x, int xOff, float[] tile, int stride, int dims, int from, int to, float[] out) {
    for (int j = from; j < to; j++) {
      float s = 0;
      for (int c = 0; c < dims; c++) {
        float diff = x[xOff + c] - tile[c * stride + j];
        s = Math.fma(diff, diff, s);
      }
      out[j] = s;
    }
  }

  /** The Vector API kernel itself, for tests that compare it with the scalar twin bit for bit. */
  static void vector(float[] x, int xOff, float[] tile, int stride, int dims, int from, int to, float[] out) {
    new VectorTileDistance().distances(x, xOff, tile, stride, dims, from, to, out);
  }

  /** Whether the Vector API kernel is in use (else the scalar twin). */
  public static boolean vectorised() {
    return KERNEL != SCALAR;
  }
}
