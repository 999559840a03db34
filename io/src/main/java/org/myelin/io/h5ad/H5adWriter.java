package org.myelin.io.h5ad;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.nio.file.Path;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Raw;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;
import org.myelin.io.AtomicOutput;
import org.myelin.io.UnsupportedFileException;
import org.myelin.io.hdf.H5Writing;

/**
 * Writes h5ad as anndata 0.8+ does (encoding-type/encoding-version attributes on every element),
 * chunked and deflate-compressed, through a temporary file renamed into place.
 */
public final class H5adWriter {

  private static final System.Logger LOG = System.getLogger(H5adWriter.class.getName());

  private final Path target;

  private H5adWriter(Path target) {
    this.target = target;
  }

  /** Writes {@code data} to {@code target}; an existing target is replaced only if allowed. */
  public static void write(CellData data, Path target, boolean overwrite) {
    AtomicOutput.write(target, overwrite, tmp -> {
      new H5adWriter(target).writeTo(data, tmp);
      verify(tmp, target);
    });
  }

  /**
   * Re-opens the finished temporary file and walks every group before it is renamed into place,
   * so a file the HDF5 writer got wrong never replaces a good one.
   */
  static void verify(Path tmp, Path target) {
    try (HdfFile h = new HdfFile(tmp)) {
      walk(h);
    } catch (RuntimeException e) {
      throw new IllegalStateException("the HDF5 writer produced an unreadable file for " + target + ": " + e.getMessage(), e);
    }
  }

  private static void walk(io.jhdf.api.Group g) {
    for (io.jhdf.api.Node n : g.getChildren().values()) {
      n.getAttributes();
      if (n instanceof io.jhdf.api.Group child) {
        walk(child);
      }
    }
  }

  private void writeTo(CellData data, Path tmp) {
    try (WritableHdfFile f = HdfFile.write(tmp)) {
      encoding(f, "anndata", "0.1.0");
      writeMatrix(f, "X", data.x());
      if (!data.layers().isEmpty()) {
        WritableGroup layers = dict(f, "layers");
        for (Map.Entry<String, CsrMatrix> e : data.layers().entrySet()) {
          writeMatrix(layers, e.getKey(), e.getValue());
        }
      }
      writeFrame(f, "obs", data.obs());
      writeFrame(f, "var", data.var());
      writeDenseDict(f, "obsm", data.obsm());
      writeDenseDict(f, "varm", data.varm());
      if (!data.obsp().isEmpty()) {
        WritableGroup obsp = dict(f, "obsp");
        for (Map.Entry<String, CsrMatrix> e : data.obsp().entrySet()) {
          writeMatrix(obsp, e.getKey(), e.getValue());
        }
      }
      if (!data.uns().isEmpty()) {
        writeMap(dict(f, "uns"), data.uns(), "/uns");
      }
      Raw raw = data.raw();
      if (raw != null) {
        WritableGroup g = f.putGroup("raw");
        encoding(g, "raw", "0.1.0");
        writeMatrix(g, "X", raw.x());
        writeFrame(g, "var", raw.var());
        writeDenseDict(g, "varm", raw.varm());
      }
    }
  }

  private static void encoding(WritableNode node, String type, String version) {
    node.putAttribute("encoding-type", type);
    node.putAttribute("encoding-version", version);
  }

  /** A dict of dense matrices; skipped when empty (see {@link #dict}). */
  private static void writeDenseDict(WritableGroup parent, String name, Map<String, DenseMatrix> matrices) {
    if (matrices.isEmpty()) {
      return;
    }
    WritableGroup g = dict(parent, name);
    for (Map.Entry<String, DenseMatrix> e : matrices.entrySet()) {
      writeDense(g, e.getKey(), e.getValue());
    }
  }

  /**
   * A dict group. Callers never create an empty one: jhdf 0.13 writes a corrupt object header for
   * an empty group that follows a group holding data, and anndata reads a missing slot as empty.
   */
  private static WritableGroup dict(WritableGroup parent, String name) {
    WritableGroup g = parent.putGroup(name);
    encoding(g, "dict", "0.1.0");
    return g;
  }

  /** A CSR group: data (float32 or float64), indices int32, indptr int32 or int64 as needed. */
  private void writeMatrix(WritableGroup parent, String name, CsrMatrix m) {
    long nnz = m.nnz();
    if (nnz > Integer.MAX_VALUE - 8) {
      throw new UnsupportedFileException(target, parent.getPath() + name,
          "writing more than 2^31 non-zeros to one h5ad matrix is not supported yet (jhdf writes whole arrays)");
    }
    if (nnz == 0) {
      throw new UnsupportedFileException(target, parent.getPath() + name,
          "the matrix has no stored entries, which jhdf cannot write as an empty dataset");
    }
    int n = (int) nnz;
    int[] indices = new int[n];
    float[] fdata = m.isDouble() ? null : new float[n];
    double[] ddata = m.isDouble() ? new double[n] : null;
    long[] indptr = m.indptr();
    int pos = 0;
    for (CsrBlock b : m.blocks()) {
      b.copyIndices(0, indices, pos, b.nnz());
      if (m.isDouble()) {
        b.copyValues(0, ddata, pos, b.nnz());
      } else {
        b.copyValues(0, fdata, pos, b.nnz());
      }
      pos += b.nnz();
    }
    WritableGroup g = parent.putGroup(name);
    encoding(g, "csr_matrix", "0.1.0");
    g.putAttribute("shape", new long[] {m.nRows(), m.nCols()});
    H5Writing.putArray(g, "data", m.isDouble() ? ddata : fdata, n);
    H5Writing.putArray(g, "indices", indices, n);
    if (nnz <= Integer.MAX_VALUE) {
      int[] ptr32 = new int[indptr.length];
      for (int i = 0; i < indptr.length; i++) {
        ptr32[i] = (int) indptr[i];
      }
      H5Writing.putArray(g, "indptr", ptr32, ptr32.length);
    } else {
      H5Writing.putArray(g, "indptr", indptr, indptr.length);
    }
  }

  private static void writeDense(WritableGroup parent, String name, DenseMatrix m) {
    Object rows = switch (m) {
      case DenseFloatMatrix f -> {
        float[][] out = new float[f.nRows()][f.nCols()];
        for (int i = 0; i < f.nRows(); i++) {
          System.arraycopy(f.data(), i * f.nCols(), out[i], 0, f.nCols());
        }
        yield out;
      }
      case DenseDoubleMatrix d -> {
        double[][] out = new double[d.nRows()][d.nCols()];
        for (int i = 0; i < d.nRows(); i++) {
          System.arraycopy(d.data(), i * d.nCols(), out[i], 0, d.nCols());
        }
        yield out;
      }
    };
    var ds = parent.putDataset(name, rows, H5Writing.compressed2d(m.nRows(), m.nCols()));
    encoding(ds, "array", "0.2.0");
  }

  private void writeFrame(WritableGroup parent, String name, Frame frame) {
    WritableGroup g = parent.putGroup(name);
    encoding(g, "dataframe", "0.2.0");
    g.putAttribute("_index", "_index");
    String[] order = frame.columns().keySet().toArray(new String[0]);
    if (order.length == 0) {
      // jhdf cannot write an empty array attribute; anndata reads list(b"") == [] the same way.
      g.putAttribute("column-order", "");
    } else {
      g.putAttribute("column-order", order);
    }
    var index = H5Writing.putArray(g, "_index", frame.index(), frame.nRows());
    encoding(index, "string-array", "0.2.0");
    for (Map.Entry<String, Column> e : frame.columns().entrySet()) {
      if (e.getKey().indexOf('/') >= 0) {
        throw new UnsupportedFileException(target, g.getPath(),
            "column name '" + e.getKey() + "' holds '/', which HDF5 names cannot hold; rename the column");
      }
      writeColumn(g, e.getKey(), e.getValue());
    }
  }

  private void writeColumn(WritableGroup g, String name, Column column) {
    int n = column.size();
    switch (column) {
      case DoubleColumn c -> encoding(H5Writing.putArray(g, name, c.values(), n), "array", "0.2.0");
      case IntColumn c when c.missing() == null ->
          encoding(H5Writing.putArray(g, name, c.values(), n), "array", "0.2.0");
      case IntColumn c -> {
        WritableGroup ng = g.putGroup(name);
        encoding(ng, "nullable-integer", "0.1.0");
        H5Writing.putArray(ng, "values", c.values(), n);
        H5Writing.putBooleans(ng, "mask", c.missing());
      }
      case BooleanColumn c when c.missing() == null ->
          encoding(H5Writing.putBooleans(g, name, c.values()), "array", "0.2.0");
      case BooleanColumn c -> {
        WritableGroup ng = g.putGroup(name);
        encoding(ng, "nullable-boolean", "0.1.0");
        H5Writing.putBooleans(ng, "values", c.values());
        H5Writing.putBooleans(ng, "mask", c.missing());
      }
      case StringColumn c -> {
        String[] values = c.values().clone();
        for (int i = 0; i < values.length; i++) {
          if (values[i] == null) {
            values[i] = "";
          }
        }
        encoding(H5Writing.putArray(g, name, values, n), "string-array", "0.2.0");
      }
      case CategoricalColumn c -> {
        WritableGroup cg = g.putGroup(name);
        encoding(cg, "categorical", "0.2.0");
        H5Writing.putBooleanAttribute(cg, "ordered", c.ordered());
        if (c.categories().length == 0) {
          throw new UnsupportedFileException(target, cg.getPath(),
              "a categorical column without categories cannot be written (jhdf cannot write empty arrays)");
        }
        byte[] small = null;
        if (c.categories().length < 127) {
          small = new byte[n];
          for (int i = 0; i < n; i++) {
            small[i] = (byte) c.codes()[i];
          }
        }
        encoding(H5Writing.putArray(cg, "codes", small != null ? small : c.codes(), n), "array", "0.2.0");
        encoding(H5Writing.putArray(cg, "categories", c.categories(), c.categories().length), "string-array", "0.2.0");
      }
    }
  }

  /**
   * HDF5 names cannot hold '/' (pre-0.7 files have rank_genes_groups fields such as
   * "CD4+/CD25 T Reg"); such a key is written with '_' instead, and the renaming is logged.
   */
  private static String hdf5Name(String key, String where) {
    if (key.indexOf('/') < 0 && !key.equals(".")) {
      return key;
    }
    String safe = key.replace('/', '_');
    if (safe.equals(".")) {
      safe = "_";
    }
    LOG.log(System.Logger.Level.WARNING, "{0}: key ''{1}'' written as ''{2}'' (HDF5 names cannot hold ''/'')",
        where, key, safe);
    return safe;
  }

  @SuppressWarnings("unchecked")
  private void writeMap(WritableGroup g, Map<String, Object> map, String where) {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String key = hdf5Name(e.getKey(), where);
      Object v = e.getValue();
      String path = where + "/" + key;
      switch (v) {
        case null -> { }
        case Map<?, ?> m when m.isEmpty() -> LOG.log(System.Logger.Level.DEBUG, "{0}: empty dict not written", path);
        case Map<?, ?> m -> writeMap(dict(g, key), (Map<String, Object>) m, path);
        case Frame f -> writeFrame(g, key, f);
        case CsrMatrix m -> writeMatrix(g, key, m);
        case DenseMatrix m -> writeDense(g, key, m);
        case Column c -> writeColumn(g, key, c);
        case String s -> encoding(g.putDataset(key, s), "string", "0.2.0");
        case Boolean b -> encoding(H5Writing.putBoolean(g, key, b), "numeric-scalar", "0.2.0");
        case Double d -> encoding(g.putDataset(key, d), "numeric-scalar", "0.2.0");
        case Float d -> encoding(g.putDataset(key, d.doubleValue()), "numeric-scalar", "0.2.0");
        case Long d -> encoding(g.putDataset(key, d), "numeric-scalar", "0.2.0");
        case Integer d -> encoding(g.putDataset(key, d.longValue()), "numeric-scalar", "0.2.0");
        case boolean[] b when b.length > 0 -> encoding(H5Writing.putBooleans(g, key, b), "array", "0.2.0");
        case String[] s when s.length > 0 -> encoding(H5Writing.putArray(g, key, s, s.length), "string-array", "0.2.0");
        default -> {
          if (v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()
              && java.lang.reflect.Array.getLength(v) > 0) {
            encoding(H5Writing.putArray(g, key, v, java.lang.reflect.Array.getLength(v)), "array", "0.2.0");
          } else if (v.getClass().isArray()) {
            // jhdf cannot write empty arrays; an empty uns array is dropped rather than failing the write.
            continue;
          } else {
            throw new UnsupportedFileException(target, path, "cannot write a value of type " + v.getClass().getSimpleName());
          }
        }
      }
    }
  }
}
