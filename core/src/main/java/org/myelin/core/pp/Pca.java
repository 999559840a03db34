package org.myelin.core.pp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.FloatCsrBlock;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.matrix.ScaledRowSum;
import org.myelin.core.matrix.SymmetricEigen;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.BooleanColumn;

/**
 * Principal components as scanpy's {@code scale(max_value)} followed by {@code pca} (Pearson 1901;
 * sklearn's PCA), without ever making X dense: each gene is standardised implicitly (mean and
 * unbiased standard deviation of the sparse column), values above {@code maxValue} standard
 * deviations are clipped (clipping only ever touches stored entries), and the components are the
 * top eigenvectors of the genes' covariance matrix, formed from the sparse rows and decomposed by
 * Lanczos iteration with full reorthogonalisation. Signs follow sklearn's {@code svd_flip}: the
 * score of largest magnitude in each component is positive.
 *
 * <p>Writes {@code obsm["X_pca"]}, {@code varm["PCs"]} (zero rows for genes not used) and
 * {@code uns["pca"]} with {@code variance} and {@code variance_ratio}, as scanpy does.
 */
public final class Pca {

  private Pca() {}

  /** The result: scores (cells x k), loadings (genes used x k), variances and their ratios. */
  public record Result(double[] scores, double[] loadings, int[] genes, double[] variance, double[] varianceRatio,
      int nComps) {}

  /**
   * @param useHighlyVariable restrict to var["highly_variable"] when it exists
   * @param maxValue clip standardised values above this (scanpy's max_value), or NaN for none
   */
  public static Result fit(CellData data, int nComps, boolean useHighlyVariable, double maxValue, Parallel parallel) {
    return fit(data, nComps, useHighlyVariable, maxValue, true, parallel);
  }

  /**
   * @param standardize fold scanpy's scale into the fit; false for X that is already scaled (by
   *     {@link Scale}, say), which is then only centred, as scanpy's pca centres it
   */
  public static Result fit(CellData data, int nComps, boolean useHighlyVariable, double maxValue, boolean standardize,
      Parallel parallel) {
    int[] genes = genes(data, useHighlyVariable);
    int n = data.nObs();
    int p = genes.length;
    int k = Math.min(nComps, Math.min(n - 1, p - 1));
    if (nComps < 1 || k < 1) {
      throw new IllegalArgumentException("Invalid n_comps: " + nComps + " for " + n + " cells and " + p + " genes");
    }
    // Every gene used: no copy of X.
    CsrMatrix x = genes.length == data.nVars() ? data.x() : data.x().selectColumns(genes, parallel);
    // Gene means and unbiased standard deviations (scanpy's scale).
    double[][] moments = GeneMoments.of(x, parallel);
    double[] mu = new double[p];
    double[] sd = new double[p];
    for (int j = 0; j < p; j++) {
      mu[j] = moments[0][j] / n;
      double var = (moments[1][j] / n - mu[j] * mu[j]) * n / (n - 1.0);
      sd[j] = var > 0 && standardize ? Math.sqrt(var) : 1;
    }
    // Clip stored values at mu + maxValue * sd (zeros are at or below the mean, never clipped).
    double[] cap = new double[p];
    for (int j = 0; j < p; j++) {
      cap[j] = Double.isNaN(maxValue) || !standardize ? Double.POSITIVE_INFINITY : mu[j] + maxValue * sd[j];
    }
    // Column means of the clipped matrix, in x units: each gene's sum runs over its cells in order.
    double[] m = new double[p];
    for (int b = 0; b < x.nBlocks(); b++) {
      CsrBlock block = x.block(b);
      for (int e = 0; e < block.nnz(); e++) {
        int j = block.index(e);
        m[j] += Math.min(block.value(e), cap[j]);
      }
    }
    for (int j = 0; j < p; j++) {
      m[j] /= n;
    }
    double[] cov = covariance(x, x != data.x(), cap, m, sd, n, parallel);
    double trace = 0;
    for (int j = 0; j < p; j++) {
      trace += cov[j * p + j];
    }
    double[][] eig = SymmetricEigen.top(cov, p, k, parallel);
    double[] values = eig[0];
    double[] vectors = eig[1]; // p x k, row-major
    // Scores: (x' - m) / sd times V, from the stored entries of each row.
    double[] w = new double[p * k];
    double[] offset = new double[k];
    for (int j = 0; j < p; j++) {
      for (int c = 0; c < k; c++) {
        w[j * k + c] = vectors[j * k + c] / sd[j];
        offset[c] += m[j] * w[j * k + c];
      }
    }
    double[] scores = new double[n * k];
    parallel.forEach(x.nBlocks(), b -> {
      CsrBlock block = x.block(b);
      int base = x.rowOffset(b);
      int[] genesOfRow = new int[0];
      double[] valuesOfRow = new double[0];
      for (int r = 0; r < block.nRows(); r++) {
        int row = (base + r) * k;
        for (int c = 0; c < k; c++) {
          scores[row + c] = -offset[c];
        }
        int from = block.rowStart(r);
        int len = block.rowStart(r + 1) - from;
        if (genesOfRow.length < len) {
          genesOfRow = new int[2 * len];
          valuesOfRow = new double[2 * len];
        }
        for (int t = 0; t < len; t++) {
          int j = block.index(from + t);
          genesOfRow[t] = j;
          valuesOfRow[t] = Math.min(block.value(from + t), cap[j]);
        }
        ScaledRowSum.add(scores, row, k, w, genesOfRow, valuesOfRow, len);
      }
    });
    flipSigns(scores, vectors, n, p, k);
    double[] ratio = new double[k];
    for (int c = 0; c < k; c++) {
      ratio[c] = values[c] / trace;
    }
    return new Result(scores, vectors, genes, values, ratio, k);
  }

  /** Fits and writes obsm["X_pca"], varm["PCs"] and uns["pca"]. */
  public static Result run(CellData data, int nComps, boolean useHighlyVariable, double maxValue, Parallel parallel) {
    return run(data, nComps, useHighlyVariable, maxValue, true, parallel);
  }

  /** As {@link #run(CellData, int, boolean, double, Parallel)}, standardising X or only centring it. */
  public static Result run(CellData data, int nComps, boolean useHighlyVariable, double maxValue, boolean standardize,
      Parallel parallel) {
    Result r = fit(data, nComps, useHighlyVariable, maxValue, standardize, parallel);
    int k = r.nComps();
    float[] xpca = new float[r.scores().length];
    for (int i = 0; i < xpca.length; i++) {
      xpca[i] = (float) r.scores()[i];
    }
    data.putObsm("X_pca", new DenseFloatMatrix(data.nObs(), k, xpca));
    double[] pcs = new double[data.nVars() * k];
    for (int a = 0; a < r.genes().length; a++) {
      System.arraycopy(r.loadings(), a * k, pcs, r.genes()[a] * k, k);
    }
    data.putVarm("PCs", new DenseDoubleMatrix(data.nVars(), k, pcs));
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("variance", r.variance().clone());
    uns.put("variance_ratio", r.varianceRatio().clone());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("zero_center", Boolean.TRUE);
    params.put("use_highly_variable", useHighlyVariable && data.var().get("highly_variable") instanceof BooleanColumn);
    params.put("max_value", standardize ? maxValue : Double.NaN);
    params.put("scaled_here", standardize);
    uns.put("params", params);
    data.uns().put("pca", uns);
    return r;
  }

  private static int[] genes(CellData data, boolean useHighlyVariable) {
    if (useHighlyVariable && data.var().get("highly_variable") instanceof BooleanColumn hv) {
      return java.util.stream.IntStream.range(0, data.nVars()).filter(j -> hv.values()[j]).toArray();
    }
    return java.util.stream.IntStream.range(0, data.nVars()).toArray();
  }

  /**
   * The genes' covariance (ddof 1) of the clipped, standardised matrix:
   * D^-1 (X'^T X' - n m m^T) D^-1 / (n - 1). Row a of X'^T X' is the sum, over the cells holding
   * gene a in order, of x'_a times the cell's row. Tasks take a run of genes each and pass once over
   * the cells for all of them, so a cell's row is read once per run rather than once per gene (the
   * rows of a 100k-cell section are ten times the caches; read per gene they came from memory 2,000
   * times); each entry is still made by one task, in cell order, whatever the thread count. When X's
   * columns were copied for the fit ({@code owned}), the copy's column indices are used as they are
   * rather than copied again (at a million cells, gigabytes); its values stay unclipped, since the
   * scores are made from them.
   */
  private static double[] covariance(CsrMatrix x, boolean owned, double[] cap, double[] m, double[] sd, int n,
      Parallel parallel) {
    int p = x.nCols();
    // Clipped values once, and where each cell's row lives, so the inner loop only multiplies.
    float[][] clipped = new float[x.nBlocks()][];
    int[][] indices = new int[x.nBlocks()][];
    int[] cellBlock = new int[n];
    int[] rowStart = new int[n];
    int[] rowEnd = new int[n];
    boolean[] unsortedBlock = new boolean[x.nBlocks()];
    parallel.forEach(x.nBlocks(), b -> {
      CsrBlock block = x.block(b);
      float[] v = new float[block.nnz()];
      int[] idx;
      if (owned && block instanceof FloatCsrBlock f) {
        idx = f.indices();
      } else {
        idx = new int[block.nnz()];
        block.copyIndices(0, idx, 0, idx.length);
      }
      for (int e = 0; e < v.length; e++) {
        v[e] = (float) Math.min(block.value(e), cap[idx[e]]);
      }
      clipped[b] = v;
      indices[b] = idx;
      boolean sortedRows = true;
      for (int r = 0; r < block.nRows(); r++) {
        int cell = x.rowOffset(b) + r;
        cellBlock[cell] = b;
        rowStart[cell] = block.rowStart(r);
        rowEnd[cell] = block.rowStart(r + 1);
        for (int e = block.rowStart(r) + 1; e < block.rowStart(r + 1); e++) {
          sortedRows &= idx[e] > idx[e - 1];
        }
      }
      unsortedBlock[b] = !sortedRows;
    });
    boolean sortedRows = true;
    for (boolean unsorted : unsortedBlock) {
      sortedRows &= !unsorted;
    }
    final boolean sorted = sortedRows;
    double[] cov = new double[p * p];
    int rowsPerTask = Math.max(1, Math.min(GENES_PER_TASK, p / 32 + 1));
    int tasks = (p + rowsPerTask - 1) / rowsPerTask;
    parallel.forEach(tasks, t -> {
      int a0 = t * rowsPerTask;
      int a1 = Math.min(p, a0 + rowsPerTask);
      double[] rows = new double[(a1 - a0) * p]; // row a - a0 holds X'^T X' (a, c) for c >= a
      for (int cell = 0; cell < n; cell++) {
        int b = cellBlock[cell];
        CsrBlock block = x.block(b);
        int[] idx = indices[b];
        float[] v = clipped[b];
        int start = rowStart[cell];
        int end = rowEnd[cell];
        if (sorted) {
          // The run's genes in this cell, then the row from each of them on (the upper triangle).
          int g = java.util.Arrays.binarySearch(idx, start, end, a0);
          for (g = g < 0 ? -g - 1 : g; g < end && idx[g] < a1; g++) {
            int a = idx[g];
            double va = Math.min(block.value(g), cap[a]);
            int row = (a - a0) * p;
            for (int f = g; f < end; f++) {
              rows[row + idx[f]] += va * v[f];
            }
          }
        } else {
          for (int g = start; g < end; g++) {
            int a = idx[g];
            if (a < a0 || a >= a1) {
              continue;
            }
            double va = Math.min(block.value(g), cap[a]);
            int row = (a - a0) * p;
            for (int f = start; f < end; f++) {
              if (idx[f] >= a) {
                rows[row + idx[f]] += va * v[f];
              }
            }
          }
        }
      }
      for (int a = a0; a < a1; a++) {
        int row = (a - a0) * p;
        for (int c = a; c < p; c++) {
          cov[a * p + c] = (rows[row + c] - n * m[a] * m[c]) / (sd[a] * sd[c]) / (n - 1.0);
        }
      }
    });
    parallel.forEach(tasks, t -> {
      for (int a = t * rowsPerTask; a < Math.min(p, (t + 1) * rowsPerTask); a++) {
        for (int c = 0; c < a; c++) {
          cov[a * p + c] = cov[c * p + a];
        }
      }
    });
    return cov;
  }

  /**
   * Genes per covariance task: their rows of partial sums (16 KB each at 2,000 genes) stay in a
   * core's second-level cache while the cells stream past.
   */
  private static final int GENES_PER_TASK = 64;

  /** sklearn's svd_flip (u-based): each component's score of largest magnitude is positive. */
  private static void flipSigns(double[] scores, double[] vectors, int n, int p, int k) {
    for (int c = 0; c < k; c++) {
      double best = 0;
      for (int i = 0; i < n; i++) {
        double v = scores[i * k + c];
        if (Math.abs(v) > Math.abs(best)) {
          best = v;
        }
      }
      if (best < 0) {
        for (int i = 0; i < n; i++) {
          scores[i * k + c] = -scores[i * k + c];
        }
        for (int j = 0; j < p; j++) {
          vectors[j * k + c] = -vectors[j * k + c];
        }
      }
    }
  }
}
