package org.myelin.core.pp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.FloatCsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.DoubleColumn;

/**
 * Gene-wise standardisation as scanpy 1.9's {@code pp.scale}: each gene's values less its mean,
 * divided by its unbiased standard deviation (1 where that is 0), then values above
 * {@code max_value} clipped. Centred, the matrix is dense, as in scanpy (which densifies a sparse
 * X); it is kept as a CSR matrix with every entry stored, so anndata reads the same numbers.
 * Without centring, only stored entries change and X stays as sparse as it was. Values are rounded
 * to float32 after each of the two operations, as numpy does on scanpy's float32 X.
 */
public final class Scale {

  private Scale() {}

  /** Entries per dense block: a block of rows holds at most this many values. */
  private static final int BLOCK_ENTRIES = 1 << 22;

  /**
   * Scales X in place of the old one and writes var {@code mean} and {@code std} and
   * {@code uns["scale"]}.
   *
   * @param maxValue clip above this after scaling, or NaN for no clipping
   */
  public static void apply(CellData data, boolean zeroCenter, double maxValue, Parallel parallel) {
    if (!Double.isNaN(maxValue) && !(maxValue > 0)) {
      throw new IllegalArgumentException("Invalid max_value: " + maxValue + " (must be positive)");
    }
    CsrMatrix x = data.x();
    int n = x.nRows();
    int g = x.nCols();
    if (n < 2) {
      throw new IllegalArgumentException("scale needs at least 2 cells, not " + n);
    }
    double[][] moments = GeneMoments.of(x, parallel);
    double[] mean = new double[g];
    double[] std = new double[g];
    for (int j = 0; j < g; j++) {
      mean[j] = moments[0][j] / n;
      double var = (moments[1][j] / n - mean[j] * mean[j]) * n / (n - 1.0);
      std[j] = var > 0 ? Math.sqrt(var) : 0;
    }
    double[] divisor = new double[g];
    for (int j = 0; j < g; j++) {
      divisor[j] = std[j] == 0 ? 1 : std[j];
    }
    float cap = Double.isNaN(maxValue) ? Float.POSITIVE_INFINITY : (float) maxValue;
    CsrMatrix out = zeroCenter ? centred(x, mean, divisor, cap, parallel) : scaledSparse(x, divisor, cap, parallel);
    data.setX(out);
    data.var().put("mean", new DoubleColumn(mean));
    data.var().put("std", new DoubleColumn(std));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("zero_center", zeroCenter);
    params.put("max_value", maxValue);
    data.uns().put("scale", params);
  }

  private static CsrMatrix centred(CsrMatrix x, double[] mean, double[] divisor, float cap, Parallel parallel) {
    int n = x.nRows();
    int g = x.nCols();
    int rowsPerBlock = Math.max(1, Math.min(CsrMatrix.MAX_BLOCK_ROWS, BLOCK_ENTRIES / Math.max(1, g)));
    int nBlocks = (n + rowsPerBlock - 1) / rowsPerBlock;
    CsrBlock[] blocks = new CsrBlock[nBlocks];
    // The value of an unstored entry in each gene, computed once.
    float[] zero = new float[g];
    for (int j = 0; j < g; j++) {
      zero[j] = Math.min(cap, (float) ((float) (0 - mean[j]) / divisor[j]));
    }
    parallel.forEach(nBlocks, b -> {
      int r0 = b * rowsPerBlock;
      int rows = Math.min(rowsPerBlock, n - r0);
      int[] indptr = new int[rows + 1];
      int[] indices = new int[rows * g];
      float[] values = new float[rows * g];
      for (int r = 0; r < rows; r++) {
        indptr[r + 1] = (r + 1) * g;
        int base = r * g;
        System.arraycopy(zero, 0, values, base, g);
        for (int j = 0; j < g; j++) {
          indices[base + j] = j;
        }
        int row = r0 + r;
        CsrMatrix.Row src = x.row(row);
        for (int k = src.start(); k < src.end(); k++) {
          int j = src.index(k);
          float centred = (float) (src.value(k) - mean[j]);
          values[base + j] = Math.min(cap, (float) (centred / divisor[j]));
        }
      }
      blocks[b] = new FloatCsrBlock(g, indptr, indices, values);
    });
    return CsrMatrix.ofBlocks(g, false, List.of(blocks));
  }

  private static CsrMatrix scaledSparse(CsrMatrix x, double[] divisor, float cap, Parallel parallel) {
    int g = x.nCols();
    CsrBlock[] blocks = new CsrBlock[x.nBlocks()];
    parallel.forEach(x.nBlocks(), b -> {
      CsrBlock src = x.block(b);
      int[] indptr = new int[src.nRows() + 1];
      for (int r = 0; r <= src.nRows(); r++) {
        indptr[r] = src.rowStart(r);
      }
      int[] indices = new int[src.nnz()];
      float[] values = new float[src.nnz()];
      for (int k = 0; k < src.nnz(); k++) {
        indices[k] = src.index(k);
        values[k] = Math.min(cap, (float) (src.value(k) / divisor[indices[k]]));
      }
      blocks[b] = new FloatCsrBlock(g, indptr, indices, values);
    });
    return CsrMatrix.ofBlocks(g, false, new ArrayList<>(List.of(blocks)));
  }
}
