package org.myelin.core.pp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.FloatCsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Groups;
import org.myelin.core.table.IntColumn;

/**
 * Regressing out unwanted sources of variation as scanpy 1.9's {@code pp.regress_out} (after
 * Seurat's RegressOut; Satija et al., Nat Biotechnol 2015): each gene's expression is replaced by
 * the residuals of an ordinary least-squares fit on an intercept and numeric obs covariates, or,
 * for one categorical covariate, by its difference from the mean of the cell's category (what
 * scanpy's fit on that category mean gives). Genes whose values are all equal are left as they are,
 * as scanpy leaves them. The result is dense, kept as a CSR matrix with every entry stored.
 *
 * <p>All genes share one design, so the fit is Z^T Z beta = Z^T X solved once for every gene with
 * the covariates centred and scaled (the residuals are the same, the system far better
 * conditioned), and X^T Z comes from one pass over the sparse rows.
 */
public final class RegressOut {

  private static final int BLOCK_ENTRIES = 1 << 22;

  private RegressOut() {}

  /** Replaces X by the residuals and records the keys in {@code uns["regress_out"]}. */
  public static void apply(CellData data, List<String> keys, Parallel parallel) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("regress_out needs at least one obs column");
    }
    CsrMatrix x = data.x();
    int n = x.nRows();
    int g = x.nCols();
    boolean categorical = data.obs().has(keys.get(0)) && data.obs().get(keys.get(0)) instanceof CategoricalColumn;
    if (categorical && keys.size() > 1) {
      throw new IllegalArgumentException("regress_out takes one categorical column alone, as scanpy does; '"
          + keys.get(0) + "' is categorical and " + (keys.size() - 1) + " more were given");
    }
    boolean[] constant = constantGenes(x, parallel);
    double[] fitted;
    int p;
    double[][] design;
    int[] group = null;
    if (categorical) {
      Groups groups = Groups.of(data.obs(), keys.get(0), "regress_out");
      group = groups.codes();
      p = groups.nGroups();
      design = null;
      // Group means of each gene: the fit is the cell's group mean.
      GeneMoments m = GeneMoments.of(x, group, p, false, null, parallel);
      int[] size = groups.sizes();
      fitted = new double[p * g];
      for (int c = 0; c < p; c++) {
        for (int j = 0; j < g; j++) {
          fitted[c * g + j] = size[c] == 0 ? 0 : m.sum()[c][j] / size[c];
        }
      }
    } else {
      design = design(data, keys, n);
      p = design.length;
      fitted = coefficients(x, design, parallel);
    }
    double[][] z = design;
    int[] grp = group;
    int pp = p;
    int rowsPerBlock = Math.max(1, Math.min(CsrMatrix.MAX_BLOCK_ROWS, BLOCK_ENTRIES / Math.max(1, g)));
    int nBlocks = (n + rowsPerBlock - 1) / rowsPerBlock;
    CsrBlock[] blocks = new CsrBlock[nBlocks];
    parallel.forEach(nBlocks, b -> {
      int r0 = b * rowsPerBlock;
      int rows = Math.min(rowsPerBlock, n - r0);
      int[] indptr = new int[rows + 1];
      int[] indices = new int[rows * g];
      double[] row = new double[g];
      float[] values = new float[rows * g];
      for (int r = 0; r < rows; r++) {
        int cell = r0 + r;
        java.util.Arrays.fill(row, 0);
        CsrMatrix.Row src = x.row(cell);
        for (int k = src.start(); k < src.end(); k++) {
          row[src.index(k)] = src.value(k);
        }
        int base = r * g;
        indptr[r + 1] = base + g;
        for (int j = 0; j < g; j++) {
          indices[base + j] = j;
          double fit;
          if (grp != null) {
            fit = fitted[grp[cell] * g + j];
          } else {
            fit = 0;
            for (int c = 0; c < pp; c++) {
              fit += z[c][cell] * fitted[c * g + j];
            }
          }
          values[base + j] = (float) (constant[j] ? row[j] : row[j] - fit);
        }
      }
      blocks[b] = new FloatCsrBlock(g, indptr, indices, values);
    });
    data.setX(CsrMatrix.ofBlocks(g, false, List.of(blocks)));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("keys", String.join(",", keys));
    params.put("categorical", categorical);
    data.uns().put("regress_out", params);
  }

  /** The intercept and each covariate, centred and scaled to unit variance; constant ones dropped. */
  private static double[][] design(CellData data, List<String> keys, int n) {
    double[][] cols = new double[keys.size() + 1][];
    cols[0] = new double[n];
    java.util.Arrays.fill(cols[0], 1);
    int p = 1;
    for (String key : keys) {
      if (!data.obs().has(key)) {
        throw new IllegalArgumentException("regress_out: no obs column '" + key + "' (columns: "
            + String.join(", ", data.obs().columns().keySet()) + ")");
      }
      double[] v = numeric(data.obs().get(key), key);
      double mean = 0;
      for (double a : v) {
        mean += a / n;
      }
      double ss = 0;
      for (double a : v) {
        ss += (a - mean) * (a - mean);
      }
      double sd = Math.sqrt(ss / n);
      if (!(sd > 0)) {
        continue; // collinear with the intercept: the residuals do not change
      }
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = (v[i] - mean) / sd;
      }
      cols[p++] = c;
    }
    return java.util.Arrays.copyOf(cols, p);
  }

  private static double[] numeric(Column c, String key) {
    int n = c.size();
    double[] v = new double[n];
    switch (c) {
      case DoubleColumn d -> System.arraycopy(d.values(), 0, v, 0, n);
      case IntColumn ic -> {
        for (int i = 0; i < n; i++) {
          v[i] = ic.values()[i];
        }
      }
      case BooleanColumn bc -> {
        for (int i = 0; i < n; i++) {
          v[i] = bc.values()[i] ? 1 : 0;
        }
      }
      default -> throw new IllegalArgumentException("regress_out: obs column '" + key + "' is " + c.typeName()
          + "; give numeric columns, or one categorical column alone");
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException("regress_out: obs column '" + key + "' has a missing or infinite value at row " + i);
      }
    }
    return v;
  }

  /** beta (p x g, row-major) solving (Z^T Z) beta = Z^T X. */
  private static double[] coefficients(CsrMatrix x, double[][] z, Parallel parallel) {
    int p = z.length;
    int g = x.nCols();
    int n = x.nRows();
    double[][] parts = new double[x.nBlocks()][];
    parallel.forEach(x.nBlocks(), b -> {
      double[] zx = new double[p * g];
      CsrBlock block = x.block(b);
      int row0 = x.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          int j = block.index(k);
          double v = block.value(k);
          for (int c = 0; c < p; c++) {
            zx[c * g + j] += z[c][row0 + r] * v;
          }
        }
      }
      parts[b] = zx;
    });
    double[] zx = new double[p * g];
    for (double[] part : parts) {
      for (int e = 0; e < zx.length; e++) {
        zx[e] += part[e];
      }
    }
    double[] ztz = new double[p * p];
    for (int a = 0; a < p; a++) {
      for (int c = 0; c < p; c++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += z[a][i] * z[c][i];
        }
        ztz[a * p + c] = s;
      }
    }
    return Cholesky.solve(ztz, p, zx, g);
  }

  /** Genes whose n values (stored or not) are all equal. */
  private static boolean[] constantGenes(CsrMatrix x, Parallel parallel) {
    int g = x.nCols();
    int n = x.nRows();
    GeneMoments m = GeneMoments.of(x, new int[n], 1, false, null, parallel);
    double[] min = new double[g];
    double[] max = new double[g];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (CsrBlock block : x.blocks()) {
      for (int k = 0; k < block.nnz(); k++) {
        int j = block.index(k);
        min[j] = Math.min(min[j], block.value(k));
        max[j] = Math.max(max[j], block.value(k));
      }
    }
    boolean[] out = new boolean[g];
    for (int j = 0; j < g; j++) {
      int stored = m.count()[0][j];
      if (stored < n) {
        min[j] = Math.min(min[j], 0);
        max[j] = Math.max(max[j], 0);
      }
      out[j] = min[j] == max[j];
    }
    return out;
  }
}
