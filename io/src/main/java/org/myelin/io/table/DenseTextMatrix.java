package org.myelin.io.table;

import java.nio.file.Path;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Names;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.Frame;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.MalformedFileException;

/**
 * A dense expression matrix in CSV/TSV: a header of column names, then one row per line with its
 * name first. Rows are cells, as scanpy's {@code read_csv}; {@code transpose} reads genes-by-cells
 * files such as Seurat's {@code pbmc_raw.txt}.
 */
public final class DenseTextMatrix {

  private DenseTextMatrix() {}

  /**
   * Writes X densely, cells as rows (genes as rows when {@code transpose}), TSV or CSV by name,
   * gzip when the name ends in .gz.
   */
  public static void write(CellData data, Path target, boolean transpose, boolean overwrite) {
    long cells = data.nObs();
    long genes = data.nVars();
    if (cells * genes > MAX_DENSE_VALUES) {
      throw new org.myelin.io.UnsupportedFileException(target, null,
          "a dense text matrix of " + cells + " x " + genes + " values is too large; write h5ad or MTX");
    }
    char sep = TableWriter.formatOf(target) == TableWriter.Format.CSV ? ',' : '\t';
    org.myelin.io.AtomicOutput.write(target, overwrite, tmp -> {
      try (java.io.Writer w = new java.io.OutputStreamWriter(
          org.myelin.io.TextFiles.create(tmp, target), java.nio.charset.StandardCharsets.UTF_8)) {
        String[] rowNames = transpose ? data.var().index() : data.obs().index();
        String[] colNames = transpose ? data.obs().index() : data.var().index();
        StringBuilder sb = new StringBuilder();
        for (String c : colNames) {
          sb.append(sep).append(c);
        }
        w.write(sb.append('\n').toString());
        double[][] dense = new double[rowNames.length][colNames.length];
        CsrMatrix x = data.x();
        for (int b = 0; b < x.nBlocks(); b++) {
          var block = x.block(b);
          for (int r = 0; r < block.nRows(); r++) {
            for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
              int cell = x.rowOffset(b) + r;
              int gene = block.index(k);
              if (transpose) {
                dense[gene][cell] += block.value(k);
              } else {
                dense[cell][gene] += block.value(k);
              }
            }
          }
        }
        for (int i = 0; i < rowNames.length; i++) {
          sb.setLength(0);
          sb.append(rowNames[i]);
          for (int j = 0; j < colNames.length; j++) {
            double v = dense[i][j];
            sb.append(sep);
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
              sb.append((long) v);
            } else {
              sb.append((float) v);
            }
          }
          w.write(sb.append('\n').toString());
        }
      }
    });
  }

  /** Largest matrix written densely as text. */
  static final long MAX_DENSE_VALUES = 50_000_000L;

  public static CellData read(Path file, boolean transpose, boolean makeUnique) {
    DelimitedTable t = DelimitedTable.read(file);
    int nRows = t.rows().size();
    int nCols = t.header().length - 1;
    if (nCols < 1) {
      throw new MalformedFileException(file, "line 1", "expected a header with column names after the row-name column");
    }
    String[] rowNames = new String[nRows];
    String[] colNames = new String[nCols];
    System.arraycopy(t.header(), 1, colNames, 0, nCols);
    long[] indptr = new long[nRows + 1];
    int nnz = 0;
    double[][] values = new double[nRows][];
    for (int i = 0; i < nRows; i++) {
      String[] f = t.rows().get(i);
      rowNames[i] = f[0];
      values[i] = new double[nCols];
      for (int j = 0; j < nCols; j++) {
        String s = f[j + 1].trim();
        double v;
        try {
          v = s.isEmpty() ? 0 : Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new MalformedFileException(file, "line " + (i + 2) + ", column " + (j + 2), "not a number: '" + s + "'");
        }
        if (!Double.isFinite(v)) {
          throw new InconsistentDataException(file, "line " + (i + 2) + ", column " + (j + 2), "value is not finite: " + s);
        }
        values[i][j] = v;
        if (v != 0) {
          nnz++;
        }
      }
    }
    int cells = transpose ? nCols : nRows;
    int genes = transpose ? nRows : nCols;
    indptr = new long[cells + 1];
    int[] idx = new int[nnz];
    float[] val = new float[nnz];
    int k = 0;
    for (int c = 0; c < cells; c++) {
      for (int g = 0; g < genes; g++) {
        double v = transpose ? values[g][c] : values[c][g];
        if (v != 0) {
          idx[k] = g;
          val[k] = (float) v;
          k++;
        }
      }
      indptr[c + 1] = k;
    }
    String[] cellNames = transpose ? colNames : rowNames;
    String[] geneNames = transpose ? rowNames : colNames;
    cellNames = org.myelin.io.CellNames.checked(cellNames, makeUnique, file, null);
    return new CellData(CsrMatrix.fromCsr(genes, indptr, idx, val), new Frame(cellNames),
        new Frame(Names.makeUnique(geneNames)));
  }
}
