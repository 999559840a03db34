package org.myelin.io.hdf;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.myelin.core.matrix.CountCsrBlock;
import org.myelin.core.matrix.CountEncoding;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DoubleCsrBlock;
import org.myelin.core.matrix.FloatCsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.tool.Progress;
import org.myelin.io.InconsistentDataException;

/**
 * A matrix stored in an HDF5 file: a CSR or CSC group ({@code data}, {@code indices},
 * {@code indptr}, with a shape attribute) or a two-dimensional dataset. Reads it whole, in
 * parallel by row blocks, or streams it one row block at a time so that only one block is in
 * memory. CSR offsets and indices are checked before any value is trusted.
 */
public final class H5Matrix {

  /** How the matrix is laid out on disk. */
  public enum Layout { CSR, CSC, DENSE }

  private final Path file;
  private final String path;
  private final Layout layout;
  private final int nRows;
  private final int nCols;
  private final Dataset data;
  private final Dataset indices;
  private final long[] indptr;
  private final Dataset dense;

  private H5Matrix(Path file, String path, Layout layout, int nRows, int nCols, Dataset data,
      Dataset indices, long[] indptr, Dataset dense) {
    this.file = file;
    this.path = path;
    this.layout = layout;
    this.nRows = nRows;
    this.nCols = nCols;
    this.data = data;
    this.indices = indices;
    this.indptr = indptr;
    this.dense = dense;
  }

  /**
   * Opens the matrix at {@code node}, reading only its offsets. {@code formatAttr} and
   * {@code shapeAttr} name the attributes that carry the layout (anndata: encoding-type and shape;
   * pre-0.7 files: h5sparse_format and h5sparse_shape).
   */
  public static H5Matrix open(Node node) {
    Path file = node.getFileAsPath();
    String path = node.getPath();
    if (node instanceof Dataset d) {
      int[] dims = d.getDimensions();
      if (dims.length != 2) {
        throw new InconsistentDataException(file, path, "expected a 2-D matrix but found " + dims.length + " dimensions");
      }
      return new H5Matrix(file, path, Layout.DENSE, dims[0], dims[1], null, null, null, d);
    }
    Group g = (Group) node;
    String enc = H5.attrString(g, "encoding-type");
    if (enc == null) {
      enc = H5.attrString(g, "h5sparse_format");
      if (enc != null) {
        enc = enc + "_matrix";
      }
    }
    long[] shape = H5.attrLongs(g, "shape");
    if (shape == null) {
      shape = H5.attrLongs(g, "h5sparse_shape");
    }
    if (enc == null || shape == null) {
      throw H5.unsupported(g, "a group without a sparse-matrix encoding (encoding-type and shape)");
    }
    Layout layout = switch (enc) {
      case "csr_matrix" -> Layout.CSR;
      case "csc_matrix" -> Layout.CSC;
      default -> throw H5.unsupported(g, "unsupported matrix encoding '" + enc + "'");
    };
    if (shape.length != 2 || shape[0] < 0 || shape[1] < 0 || shape[0] > Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE) {
      throw new InconsistentDataException(file, path + "@shape", "invalid shape " + java.util.Arrays.toString(shape));
    }
    return sparse(g, layout, (int) shape[0], (int) shape[1]);
  }

  /**
   * Opens a sparse group holding {@code data}, {@code indices} and {@code indptr} with the layout
   * and shape given by the caller (10x HDF5 files carry them differently from h5ad).
   */
  public static H5Matrix sparse(Group g, Layout layout, int nRows, int nCols) {
    Path file = g.getFileAsPath();
    String path = g.getPath();
    long[] shape = {nRows, nCols};
    Dataset data = H5.dataset(g, "data");
    Dataset indices = H5.dataset(g, "indices");
    Dataset ptr = H5.dataset(g, "indptr");
    long[] indptr = H5.toLongs(H5.readFlat(ptr), file, ptr.getPath());
    int major = (int) (layout == Layout.CSR ? shape[0] : shape[1]);
    if (indptr.length != major + 1) {
      throw new InconsistentDataException(file, ptr.getPath(),
          "has " + indptr.length + " offsets but the shape " + shape[0] + " x " + shape[1] + " needs " + (major + 1));
    }
    long nnz = data.getSize();
    if (indices.getSize() != nnz) {
      throw new InconsistentDataException(file, path,
          "data has " + nnz + " entries but indices " + indices.getSize());
    }
    if (indptr[0] != 0 || indptr[major] != nnz) {
      throw new InconsistentDataException(file, ptr.getPath(),
          "offsets run from " + indptr[0] + " to " + indptr[major] + " but must run from 0 to " + nnz + " (the length of data)");
    }
    for (int r = 0; r < major; r++) {
      if (indptr[r + 1] < indptr[r]) {
        throw new InconsistentDataException(file, ptr.getPath(),
            "offsets decrease at position " + r + ": " + indptr[r] + " > " + indptr[r + 1]);
      }
    }
    return new H5Matrix(file, path, layout, (int) shape[0], (int) shape[1], data, indices, indptr, null);
  }

  public Layout layout() {
    return layout;
  }

  public int nRows() {
    return nRows;
  }

  public int nCols() {
    return nCols;
  }

  /** Stored entries for sparse layouts; rows times columns for dense. */
  public long nnz() {
    return layout == Layout.DENSE ? (long) nRows * nCols : indptr[indptr.length - 1];
  }

  /** The on-disk value type is floating point (else integer). */
  public boolean hasFloatValues() {
    Dataset d = layout == Layout.DENSE ? dense : data;
    Class<?> t = d.getJavaType();
    return t == float.class || t == double.class || t == Float.class || t == Double.class;
  }

  /**
   * Row boundaries of the blocks this matrix is read in, a function of the data alone: block b is
   * rows cuts[b] to cuts[b + 1]. CSR and dense layouts only (a CSC matrix has no row blocks on disk).
   */
  public int[] blockCuts() {
    if (layout == Layout.CSC) {
      throw new org.myelin.io.UnsupportedFileException(file, path,
          "a CSC matrix cannot be read by rows; read it whole or rewrite it as CSR");
    }
    return rowCuts();
  }

  /** Rows r0 to r1 as one float32 block; safe to call from several threads at once. */
  public CsrBlock readRows(int r0, int r1) {
    if (layout == Layout.CSC) {
      throw new org.myelin.io.UnsupportedFileException(file, path,
          "a CSC matrix cannot be read by rows; read it whole or rewrite it as CSR");
    }
    return readBlock(r0, r1, false);
  }

  /** Row boundaries of the blocks this matrix is read in; a function of the data alone. */
  private int[] rowCuts() {
    if (layout == Layout.CSR) {
      return CsrMatrix.planBlocks(indptr, CsrMatrix.DEFAULT_BLOCK_NNZ, CsrMatrix.MAX_BLOCK_ROWS);
    }
    int rowsPerBlock = Math.max(1, Math.min(CsrMatrix.MAX_BLOCK_ROWS,
        CsrMatrix.DEFAULT_BLOCK_NNZ / Math.max(1, nCols)));
    int n = (nRows + rowsPerBlock - 1) / rowsPerBlock;
    int[] cuts = new int[n + 1];
    for (int b = 0; b < n; b++) {
      cuts[b] = b * rowsPerBlock;
    }
    cuts[n] = nRows;
    return cuts;
  }

  /** Reads the whole matrix as CSR, blocks read concurrently on {@code parallel}. */
  public CsrMatrix read(Parallel parallel, boolean asDouble) {
    return read(parallel, asDouble, false);
  }

  /**
   * As {@link #read(Parallel, boolean)}; with {@code counts}, every value is also checked to be a
   * finite non-negative count as its block is read (while it is in cache), the lowest failing block
   * reporting.
   */
  public CsrMatrix read(Parallel parallel, boolean asDouble, boolean counts) {
    return read(parallel, asDouble, counts, Progress.NONE);
  }

  /** As {@link #read(Parallel, boolean, boolean)}, reporting the cells read to {@code progress}. */
  public CsrMatrix read(Parallel parallel, boolean asDouble, boolean counts, Progress progress) {
    return read(parallel, asDouble, counts, progress, CountEncoding.FLOAT);
  }

  /**
   * As {@link #read(Parallel, boolean, boolean, Progress)}, float32 blocks of whole counts held as
   * {@link CountCsrBlock}s when {@code encoding} says so for this matrix and the heap; each block is
   * re-encoded as soon as it is read, so the float form of only a few blocks exists at a time.
   */
  public CsrMatrix read(Parallel parallel, boolean asDouble, boolean counts, Progress progress,
      CountEncoding encoding) {
    boolean compact = !asDouble && encoding.compact(nnz(), Runtime.getRuntime().maxMemory());
    try (Progress.Task task = progress.start("reading X, cells", nRows)) {
      if (layout == Layout.CSC) {
        // Columns hold every cell: the matrix is whole only at the end.
        CsrMatrix m = readCsc(asDouble);
        task.step(nRows);
        if (counts) {
          org.myelin.io.Counts.requireCounts(m, file, path + "/data", parallel);
        }
        return compact ? CountCsrBlock.encode(m) : m;
      }
      int[] cuts = rowCuts();
      int nBlocks = Math.max(0, cuts.length - 1);
      CsrBlock[] blocks = new CsrBlock[nBlocks];
      parallel.forEach(nBlocks, b -> {
        blocks[b] = readBlock(cuts[b], cuts[b + 1], asDouble);
        if (counts) {
          checkCounts(blocks[b], cuts[b]);
        }
        if (compact) {
          blocks[b] = CountCsrBlock.encodeIfFits(blocks[b]);
        }
        task.step(cuts[b + 1] - cuts[b]);
      });
      return CsrMatrix.ofBlocks(nCols, asDouble, List.of(blocks));
    }
  }

  private void checkCounts(CsrBlock block, int firstRow) {
    for (int r = 0; r < block.nRows(); r++) {
      for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
        double v = block.value(k);
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new InconsistentDataException(file, (layout == Layout.DENSE ? path : path + "/data"),
              "count " + v + " at cell " + (firstRow + r) + ", gene " + block.index(k) + " is not a finite non-negative number");
        }
      }
    }
  }

  /** What one pass over X tells without keeping it: stored entries, heap bytes once read, counts or not. */
  public record Scan(long nnz, long storageBytes, boolean integral) {}

  /**
   * Streams X once, block by block (bounded memory; a CSC matrix is read whole), counting what a
   * full read would store: a dense matrix's zeros are not stored.
   */
  public Scan scan() {
    if (layout == Layout.CSC) {
      CsrMatrix m = read(new Parallel(1), false);
      return new Scan(m.nnz(), m.storageBytes(), org.myelin.io.Counts.isIntegral(m));
    }
    long nnz = 0;
    long bytes = 0;
    boolean integral = true;
    for (Iterator<CsrBlock> it = stream(); it.hasNext();) {
      CsrBlock b = it.next();
      nnz += b.nnz();
      bytes += b.storageBytes();
      for (int k = 0; integral && k < b.nnz(); k++) {
        double v = b.value(k);
        integral = v == Math.rint(v);
      }
    }
    return new Scan(nnz, bytes, integral);
  }

  /** Streams the matrix one row block at a time (CSR and dense layouts), for bounded memory. */
  public Iterator<CsrBlock> stream() {
    if (layout == Layout.CSC) {
      throw new org.myelin.io.UnsupportedFileException(file, path,
          "a CSC matrix cannot be streamed by rows; read it whole or rewrite it as CSR");
    }
    int[] cuts = rowCuts();
    return new Iterator<>() {
      private int b = 0;

      @Override
      public boolean hasNext() {
        return b + 1 < cuts.length;
      }

      @Override
      public CsrBlock next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CsrBlock block = readBlock(cuts[b], cuts[b + 1], false);
        b++;
        return block;
      }
    };
  }

  private CsrBlock readBlock(int r0, int r1, boolean asDouble) {
    if (layout == Layout.DENSE) {
      return readDenseBlock(r0, r1, asDouble);
    }
    long base = indptr[r0];
    int len = (int) (indptr[r1] - base);
    int[] ptr = CsrMatrix.localOffsets(indptr, r0, r1);
    int[] idx = ChunkedReader.supports(indices)
        ? ChunkedReader.readInts(indices, base, len)
        : H5.toInts(H5.readSlice(indices, base, len), file, indices.getPath());
    for (int k = 0; k < len; k++) {
      if (idx[k] < 0 || idx[k] >= nCols) {
        throw new InconsistentDataException(file, indices.getPath(),
            "index " + idx[k] + " at entry " + (base + k) + " is outside [0, " + nCols + ")");
      }
    }
    if (ChunkedReader.supports(data)) {
      return asDouble
          ? new DoubleCsrBlock(nCols, ptr, idx, ChunkedReader.readDoubles(data, base, len))
          : new FloatCsrBlock(nCols, ptr, idx, ChunkedReader.readFloats(data, base, len));
    }
    Object raw = H5.readSlice(data, base, len);
    if (asDouble) {
      return new DoubleCsrBlock(nCols, ptr, idx, H5.toDoubles(raw, file, data.getPath()));
    }
    return new FloatCsrBlock(nCols, ptr, idx, H5.toFloats(raw, file, data.getPath()));
  }

  private CsrBlock readDenseBlock(int r0, int r1, boolean asDouble) {
    int rows = r1 - r0;
    double[] values = H5.toDoubles(H5.readRows(dense, r0, rows, nCols), file, dense.getPath());
    int count = 0;
    for (double v : values) {
      if (v != 0) {
        count++;
      }
    }
    int[] ptr = new int[rows + 1];
    int[] idx = new int[count];
    float[] fv = asDouble ? null : new float[count];
    double[] dv = asDouble ? new double[count] : null;
    int k = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < nCols; c++) {
        double v = values[r * nCols + c];
        if (v != 0) {
          idx[k] = c;
          if (asDouble) {
            dv[k] = v;
          } else {
            fv[k] = (float) v;
          }
          k++;
        }
      }
      ptr[r + 1] = k;
    }
    return asDouble ? new DoubleCsrBlock(nCols, ptr, idx, dv) : new FloatCsrBlock(nCols, ptr, idx, fv);
  }

  private CsrMatrix readCsc(boolean asDouble) {
    // Read as the CSR matrix of the transpose, then transpose: the columns are its rows.
    long nnz = nnz();
    if (nnz > Integer.MAX_VALUE - 8) {
      throw new org.myelin.io.UnsupportedFileException(file, path,
          "CSC matrices with more than 2^31 entries are not supported; rewrite as CSR");
    }
    int[] idx = H5.toInts(H5.readFlat(indices), file, indices.getPath());
    for (int k = 0; k < idx.length; k++) {
      if (idx[k] < 0 || idx[k] >= nRows) {
        throw new InconsistentDataException(file, indices.getPath(),
            "index " + idx[k] + " at entry " + k + " is outside [0, " + nRows + ")");
      }
    }
    Object raw = H5.readFlat(data);
    CsrMatrix t = asDouble
        ? CsrMatrix.fromCsr(nRows, indptr, idx, H5.toDoubles(raw, file, data.getPath()))
        : CsrMatrix.fromCsr(nRows, indptr, idx, H5.toFloats(raw, file, data.getPath()));
    return t.transpose();
  }
}
