package org.myelin.io.h5ad;

import org.myelin.io.hdf.H5Matrix;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Names;
import org.myelin.core.data.Raw;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.hdf.H5;

/**
 * An h5ad file opened for reading, following anndata's on-disk specification. Opening reads only
 * the shape; obs, var and the other slots are read when asked, and X can be streamed block by block
 * ({@link #streamX()}) so a file larger than memory can be processed.
 *
 * <p>Three generations of the format are read: anndata 0.8+ ({@code encoding-type} attributes),
 * anndata 0.7 (categories under {@code __categories}), and the pre-0.7 layout with compound obs/var
 * datasets, {@code uns/<col>_categories} and {@code raw.X} (as in scanpy's pbmc68k_reduced).
 */
public final class H5adFile implements AutoCloseable {

  private final Path file;
  private final HdfFile hdf;
  private final H5Matrix x;
  private Frame obs;
  private Frame var;
  /** Pre-0.7 uns/{col}_categories entries already turned into categorical columns. */
  private final java.util.Set<String> consumedUnsKeys = new java.util.HashSet<>();

  private H5adFile(Path file, HdfFile hdf) {
    this.file = file;
    this.hdf = hdf;
    Node xNode = H5.child(hdf, "X");
    if (xNode == null) {
      throw new InconsistentDataException(file, "/X", "missing: an h5ad file must hold X");
    }
    this.x = H5Matrix.open(xNode);
  }

  /** Opens the file and reads X's shape and offsets; nothing else is loaded yet. */
  public static H5adFile open(Path file) {
    HdfFile hdf = H5.open(file);
    try {
      return H5.guard(file, "/X", () -> new H5adFile(file, hdf));
    } catch (RuntimeException e) {
      hdf.close();
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  public int nObs() {
    return x.nRows();
  }

  public int nVars() {
    return x.nCols();
  }

  public long nnz() {
    return x.nnz();
  }

  /** X as stored, for streaming or reading. */
  public H5Matrix x() {
    return x;
  }

  /** Streams X as row blocks; only the current block is held in memory. */
  public Iterator<CsrBlock> streamX() {
    return x.stream();
  }

  /** The obs frame, checked against X's rows. */
  public Frame obs() {
    if (obs == null) {
      obs = H5.guard(file, "/obs", () -> readFrame("obs", x.nRows()));
    }
    return obs;
  }

  /** The var frame, checked against X's columns. */
  public Frame var() {
    if (var == null) {
      var = H5.guard(file, "/var", () -> readFrame("var", x.nCols()));
    }
    return var;
  }

  /**
   * The keys of a slot (layers, obsm, varm, obsp, uns) with, for matrices, their shape (an empty
   * array for other elements); read from the file's structure without loading the data.
   */
  public Map<String, long[]> slot(String name) {
    return H5.guard(file, "/" + name, () -> readSlot(name));
  }

  private Map<String, long[]> readSlot(String name) {
    Map<String, long[]> out = new LinkedHashMap<>();
    if (name.equals("uns") || name.equals("obsp")) {
      obs(); // reading obs tells which pre-0.7 uns entries became its categories
      var();
    }
    Node n = H5.child(hdf, name);
    if (n instanceof Group g) {
      for (Node c : H5.children(g).values()) {
        out.put(c.getName(), shapeOf(c));
      }
    } else if (n instanceof Dataset d && H5.readFlat(d) instanceof Map<?, ?> fields) {
      // Pre-0.7 compound obsm/varm: one field per matrix.
      for (Map.Entry<?, ?> e : fields.entrySet()) {
        Object v = e.getValue();
        int cols = v instanceof Object[] rows && rows.length > 0 ? java.lang.reflect.Array.getLength(rows[0]) : 1;
        out.put((String) e.getKey(), new long[] {d.getDimensions()[0], cols});
      }
    }
    // As read() does: consumed category lists leave uns, pre-0.7 kNN graphs move to obsp.
    Node neighbors = H5.child(hdf, "uns") instanceof Group u ? H5.child(u, "neighbors") : null;
    for (String key : new String[] {"connectivities", "distances"}) {
      Node graph = neighbors instanceof Group ng ? H5.child(ng, key) : null;
      if (graph instanceof Group && name.equals("obsp") && !out.containsKey(key)) {
        out.put(key, shapeOf(graph));
      }
    }
    if (name.equals("uns")) {
      out.keySet().removeAll(consumedUnsKeys);
    }
    return out;
  }

  private static long[] shapeOf(Node c) {
    if (c instanceof Dataset d) {
      return d.getDimensionsAsLong();
    }
    long[] shape = H5.attrLongs(c, "shape");
    if (shape == null) {
      shape = H5.attrLongs(c, "h5sparse_shape");
    }
    return shape == null ? new long[0] : shape;
  }

  /** obsm's matrices, read without X. */
  public Map<String, DenseMatrix> obsm() {
    Map<String, DenseMatrix> out = new LinkedHashMap<>();
    H5.guard(file, "/obsm", () -> {
      readDense("obsm", x.nRows(), out::put);
      return out;
    });
    return out;
  }

  /** uns, read without X (pre-0.7 category lists left out, as {@link #read} leaves them). */
  public Map<String, Object> uns() {
    obs();
    var();
    Map<String, Object> out = new LinkedHashMap<>();
    if (H5.child(hdf, "uns") instanceof Group g) {
      out.putAll(H5.guard(file, "/uns", () -> readMap(g)));
      out.keySet().removeAll(consumedUnsKeys);
    }
    return out;
  }

  /** A layer, to be read block by block; null when there is none of that name. */
  public H5Matrix layer(String name) {
    return H5.guard(file, "/layers/" + name, () -> readLayer(name));
  }

  private H5Matrix readLayer(String name) {
    Node layers = H5.child(hdf, "layers");
    Node n = layers instanceof Group g ? H5.child(g, name) : null;
    if (n == null) {
      return null;
    }
    H5Matrix m = H5Matrix.open(n);
    if (m.nRows() != x.nRows() || m.nCols() != x.nCols()) {
      throw new InconsistentDataException(file, n.getPath(), "has shape (" + m.nRows() + ", " + m.nCols()
          + ") but X has (" + x.nRows() + ", " + x.nCols() + ")");
    }
    return m;
  }

  /** raw's shape, or null when there is no raw. */
  public long[] rawShape() {
    Node raw = H5.child(hdf, "raw");
    Node x = raw instanceof Group g ? H5.child(g, "X") : H5.child(hdf, "raw.X");
    return x == null ? null : shapeOf(x);
  }

  /** Reads everything into memory, X's blocks concurrently. */
  public CellData read(Parallel parallel, boolean makeObsNamesUnique) {
    return read(parallel, makeObsNamesUnique, org.myelin.core.tool.Progress.NONE);
  }

  /** As {@link #read(Parallel, boolean)}, reporting the cells of X read to {@code progress}. */
  public CellData read(Parallel parallel, boolean makeObsNamesUnique, org.myelin.core.tool.Progress progress) {
    return read(parallel, makeObsNamesUnique, progress, org.myelin.core.matrix.CountEncoding.FLOAT);
  }

  /** As {@link #read(Parallel, boolean, org.myelin.core.tool.Progress)}, X's counts held as {@code encoding} says. */
  public CellData read(Parallel parallel, boolean makeObsNamesUnique, org.myelin.core.tool.Progress progress,
      org.myelin.core.matrix.CountEncoding encoding) {
    return H5.guard(file, "/", () -> readAll(parallel, makeObsNamesUnique, progress, encoding));
  }

  private CellData readAll(Parallel parallel, boolean makeObsNamesUnique, org.myelin.core.tool.Progress progress,
      org.myelin.core.matrix.CountEncoding encoding) {
    Frame o = obs();
    String[] names = org.myelin.io.CellNames.checked(o.index(), makeObsNamesUnique, file, "/obs/_index");
    if (names != o.index()) {
      o = o.withIndex(names);
    }
    Frame v = var();
    if (Names.firstDuplicate(v.index()) != null) {
      v = v.withIndex(Names.makeUnique(v.index()));
    }
    CellData cd = new CellData(x.read(parallel, false, false, progress, encoding), o, v);
    Node layers = H5.child(hdf, "layers");
    if (layers instanceof Group g) {
      for (Node n : H5.children(g).values()) {
        cd.putLayer(n.getName(), checkedMatrix(n, parallel, false, cd.nObs(), cd.nVars()));
      }
    }
    readDense("obsm", cd.nObs(), (k, m) -> cd.putObsm(k, m));
    readDense("varm", cd.nVars(), (k, m) -> cd.putVarm(k, m));
    Node obsp = H5.child(hdf, "obsp");
    if (obsp instanceof Group g) {
      for (Node n : H5.children(g).values()) {
        cd.putObsp(n.getName(), checkedMatrix(n, parallel, true, cd.nObs(), cd.nObs()));
      }
    }
    Node uns = H5.child(hdf, "uns");
    if (uns instanceof Group g) {
      cd.uns().putAll(readMap(g));
      cd.uns().keySet().removeAll(consumedUnsKeys);
      moveLegacyGraphs(cd);
    }
    cd.setRaw(readRaw(parallel));
    return cd;
  }

  /** Before anndata 0.7 the kNN graphs lived in uns["neighbors"]; anndata moves them to obsp. */
  private static void moveLegacyGraphs(CellData cd) {
    if (cd.uns().get("neighbors") instanceof Map<?, ?> nb) {
      for (String key : new String[] {"connectivities", "distances"}) {
        if (nb.get(key) instanceof CsrMatrix m && !cd.obsp().containsKey(key)
            && m.nRows() == cd.nObs() && m.nCols() == cd.nObs()) {
          cd.putObsp(key, m);
          nb.remove(key);
        }
      }
    }
  }

  private CsrMatrix checkedMatrix(Node n, Parallel parallel, boolean asDouble, int rows, int cols) {
    H5Matrix m = H5Matrix.open(n);
    if (m.nRows() != rows || m.nCols() != cols) {
      throw new InconsistentDataException(file, n.getPath(),
          "has shape (" + m.nRows() + ", " + m.nCols() + ") but expected (" + rows + ", " + cols + ")");
    }
    return m.read(parallel, asDouble);
  }

  private Raw readRaw(Parallel parallel) {
    Node rawGroup = H5.child(hdf, "raw");
    Node rawX;
    Node rawVar;
    Node rawVarm;
    if (rawGroup instanceof Group g) {
      rawX = H5.child(g, "X");
      rawVar = H5.child(g, "var");
      rawVarm = H5.child(g, "varm");
    } else {
      rawX = H5.child(hdf, "raw.X");
      rawVar = H5.child(hdf, "raw.var");
      rawVarm = H5.child(hdf, "raw.varm");
    }
    if (rawX == null) {
      return null;
    }
    H5Matrix m = H5Matrix.open(rawX);
    if (m.nRows() != x.nRows()) {
      throw new InconsistentDataException(file, rawX.getPath(),
          "has " + m.nRows() + " rows but X has " + x.nRows());
    }
    Frame rv = rawVar == null ? new Frame(indexNames(m.nCols())) : readFrameNode(rawVar, m.nCols());
    if (Names.firstDuplicate(rv.index()) != null) {
      rv = rv.withIndex(Names.makeUnique(rv.index()));
    }
    Map<String, DenseMatrix> varm = new LinkedHashMap<>();
    if (rawVarm != null) {
      readDenseNode(rawVarm, m.nCols(), varm::put);
    }
    return new Raw(m.read(parallel, false), rv, varm);
  }

  private static String[] indexNames(int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = Integer.toString(i);
    }
    return out;
  }

  // ---------------------------------------------------------------- data frames

  private Frame readFrame(String name, int expectedRows) {
    Node n = H5.child(hdf, name);
    if (n == null) {
      return new Frame(indexNames(expectedRows));
    }
    return readFrameNode(n, expectedRows);
  }

  private Frame readFrameNode(Node n, int expectedRows) {
    Frame f = n instanceof Dataset d ? readCompoundFrame(d) : readGroupFrame((Group) n);
    if (f.nRows() != expectedRows) {
      throw new InconsistentDataException(file, n.getPath(),
          "has " + f.nRows() + " rows but X has " + expectedRows
              + (n.getName().contains("obs") ? " rows" : " columns"));
    }
    return f;
  }

  /** anndata 0.7 and later: a group of columns with an {@code _index} attribute. */
  private Frame readGroupFrame(Group g) {
    String indexName = H5.attrString(g, "_index");
    if (indexName == null) {
      indexName = "_index";
    }
    Node indexNode = H5.child(g, indexName);
    if (!(indexNode instanceof Dataset indexDs)) {
      throw new InconsistentDataException(file, H5.join(g.getPath(), indexName), "missing the data-frame index");
    }
    String[] index = stringArray(H5.readFlat(indexDs), indexDs);
    Frame f = new Frame(index);
    String[] order = H5.attrStrings(g, "column-order");
    Group legacyCategories = H5.child(g, "__categories") instanceof Group c ? c : null;
    Iterable<String> names = order != null ? List.of(order) : H5.children(g).keySet();
    for (String col : names) {
      if (col.equals(indexName) || col.equals("__categories")) {
        continue;
      }
      Node c = H5.child(g, col);
      if (c == null) {
        throw new InconsistentDataException(file, H5.join(g.getPath(), col), "listed in column-order but missing");
      }
      Column column = readColumn(c, legacyCategories);
      if (column.size() != index.length) {
        throw new InconsistentDataException(file, c.getPath(),
            "has " + column.size() + " values but the index has " + index.length);
      }
      f.put(col, column);
    }
    return f;
  }

  private Column readColumn(Node c, Group legacyCategories) {
    String enc = H5.attrString(c, "encoding-type");
    if (c instanceof Group g) {
      if ("categorical".equals(enc)) {
        Dataset codesDs = H5.dataset(g, "codes");
        Dataset catsDs = H5.dataset(g, "categories");
        int[] codes = H5.toInts(H5.readFlat(codesDs), file, codesDs.getPath());
        String[] cats = stringArray(H5.readFlat(catsDs), catsDs);
        boolean ordered = "TRUE".equalsIgnoreCase(String.valueOf(H5.attrString(g, "ordered")))
            || "true".equalsIgnoreCase(String.valueOf(H5.attrString(g, "ordered")));
        return categorical(codes, cats, ordered, c);
      }
      if ("nullable-integer".equals(enc) || "nullable-boolean".equals(enc)) {
        Dataset valuesDs = H5.dataset(g, "values");
        Dataset maskDs = H5.dataset(g, "mask");
        Object values = H5.readFlat(valuesDs);
        boolean[] mask = H5.toBooleans(H5.readFlat(maskDs), file, maskDs.getPath());
        if ("nullable-boolean".equals(enc)) {
          return new BooleanColumn(H5.toBooleans(values, file, valuesDs.getPath()), mask);
        }
        return new IntColumn(H5.toLongs(values, file, valuesDs.getPath()), mask);
      }
      throw H5.unsupported(c, "unsupported column encoding '" + enc + "'");
    }
    Dataset d = (Dataset) c;
    Object values = H5.readFlat(d);
    if (legacyCategories != null && H5.child(legacyCategories, c.getName()) instanceof Dataset cats) {
      return categorical(H5.toInts(values, file, d.getPath()), stringArray(H5.readFlat(cats), cats), false, c);
    }
    return plainColumn(values, d);
  }

  private Column plainColumn(Object values, Node where) {
    if (values instanceof String[] s) {
      if (where instanceof Dataset d && H5.isBoolEnum(d)) {
        return new BooleanColumn(H5.toBooleans(s, file, where.getPath()));
      }
      return new StringColumn(s);
    }
    if (values instanceof boolean[] b) {
      return new BooleanColumn(b);
    }
    if (H5.isFloating(values)) {
      return new DoubleColumn(H5.toDoubles(values, file, where.getPath()));
    }
    if (H5.isIntegral(values)) {
      return new IntColumn(H5.toLongs(values, file, where.getPath()));
    }
    throw H5.unsupported(where, "unsupported column type " + H5.typeName(values));
  }

  private CategoricalColumn categorical(int[] codes, String[] cats, boolean ordered, Node where) {
    try {
      return new CategoricalColumn(codes, cats, ordered);
    } catch (IllegalArgumentException e) {
      throw new InconsistentDataException(file, where.getPath(), e.getMessage(), e);
    }
  }

  /** Pre-0.7 anndata: obs/var as one compound dataset; categories in uns/{col}_categories. */
  private Frame readCompoundFrame(Dataset d) {
    Object data = H5.readFlat(d);
    if (!(data instanceof Map<?, ?> fields)) {
      throw H5.unsupported(d, "expected a compound data frame but found " + H5.typeName(data));
    }
    Object index = fields.get("index");
    if (!(index instanceof String[] names)) {
      throw new InconsistentDataException(file, d.getPath(), "compound data frame without an 'index' field");
    }
    Frame f = new Frame(names);
    Node uns = H5.child(hdf, "uns");
    for (Map.Entry<?, ?> e : fields.entrySet()) {
      String col = (String) e.getKey();
      if (col.equals("index")) {
        continue;
      }
      Node cats = uns instanceof Group ug ? H5.child(ug, col + "_categories") : null;
      if (cats instanceof Dataset cd) {
        consumedUnsKeys.add(cats.getName());
        f.put(col, categorical(H5.toInts(e.getValue(), file, d.getPath() + "." + col),
            stringArray(H5.readFlat(cd), cd), false, d));
      } else if (e.getValue() instanceof String[] s && isTrueFalse(s)) {
        f.put(col, new BooleanColumn(H5.toBooleans(s, file, d.getPath())));
      } else {
        f.put(col, plainColumn(e.getValue(), d));
      }
    }
    return f;
  }

  private static boolean isTrueFalse(String[] s) {
    for (String v : s) {
      if (!"TRUE".equals(v) && !"FALSE".equals(v)) {
        return false;
      }
    }
    return s.length > 0;
  }

  private String[] stringArray(Object values, Dataset where) {
    if (values instanceof String[] s) {
      return s;
    }
    if (values != null && values.getClass().isArray()) {
      // Integer or float categories and indices are kept as their text, as pandas prints them.
      String[] out = new String[Array.getLength(values)];
      for (int i = 0; i < out.length; i++) {
        out[i] = String.valueOf(Array.get(values, i));
      }
      return out;
    }
    throw new InconsistentDataException(file, where.getPath(), "expected strings but found " + H5.typeName(values));
  }

  // ---------------------------------------------------------------- obsm, varm

  private void readDense(String slot, int rows, java.util.function.BiConsumer<String, DenseMatrix> sink) {
    Node n = H5.child(hdf, slot);
    if (n != null) {
      readDenseNode(n, rows, sink);
    }
  }

  private void readDenseNode(Node n, int rows, java.util.function.BiConsumer<String, DenseMatrix> sink) {
    if (n instanceof Dataset d) {
      // Pre-0.7: one compound dataset whose fields are the matrices.
      Object data = H5.readFlat(d);
      if (data instanceof Map<?, ?> fields) {
        for (Map.Entry<?, ?> e : fields.entrySet()) {
          sink.accept((String) e.getKey(), denseFromArray(e.getValue(), d.getPath() + "." + e.getKey(), rows));
        }
      }
      return;
    }
    for (Node child : H5.children((Group) n).values()) {
      if (child instanceof Dataset d) {
        int[] dims = d.getDimensions();
        int cols = dims.length == 1 ? 1 : dims[1];
        if (dims.length > 2 || dims[0] != rows) {
          throw new InconsistentDataException(file, d.getPath(),
              "has shape " + java.util.Arrays.toString(dims) + " but there are " + rows + " rows");
        }
        sink.accept(child.getName(), dense(H5.readFlat(d), dims[0], cols, d.getPath()));
      } else {
        // Data frames in obsm (e.g. per-cell deconvolution tables) are kept if all numeric.
        Frame f = readGroupFrame((Group) child);
        sink.accept(child.getName(), frameAsMatrix(f, child));
      }
    }
  }

  private DenseMatrix frameAsMatrix(Frame f, Node where) {
    int rows = f.nRows();
    int cols = f.columns().size();
    double[] out = new double[rows * cols];
    int j = 0;
    for (Column c : f.columns().values()) {
      if (!(c instanceof DoubleColumn dc)) {
        throw H5.unsupported(where, "a non-numeric data frame in obsm/varm");
      }
      for (int i = 0; i < rows; i++) {
        out[i * cols + j] = dc.values()[i];
      }
      j++;
    }
    return new DenseDoubleMatrix(rows, cols, out);
  }

  private DenseMatrix denseFromArray(Object value, String where, int rows) {
    if (value instanceof float[][] f) {
      int cols = f.length == 0 ? 0 : f[0].length;
      float[] out = new float[f.length * cols];
      for (int i = 0; i < f.length; i++) {
        System.arraycopy(f[i], 0, out, i * cols, cols);
      }
      return new DenseFloatMatrix(f.length, cols, out);
    }
    if (value instanceof double[][] dd) {
      int cols = dd.length == 0 ? 0 : dd[0].length;
      double[] out = new double[dd.length * cols];
      for (int i = 0; i < dd.length; i++) {
        System.arraycopy(dd[i], 0, out, i * cols, cols);
      }
      return new DenseDoubleMatrix(dd.length, cols, out);
    }
    return dense(value, rows, 1, where);
  }

  private DenseMatrix dense(Object flat, int rows, int cols, String where) {
    if (flat instanceof float[] f) {
      return new DenseFloatMatrix(rows, cols, f);
    }
    return new DenseDoubleMatrix(rows, cols, H5.toDoubles(flat, file, where));
  }

  // ---------------------------------------------------------------- uns

  private Map<String, Object> readMap(Group g) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Node n : H5.children(g).values()) {
      out.put(n.getName(), readElement(n));
    }
    return out;
  }

  /** One uns element: scalars, arrays, matrices, frames, nested maps. */
  private Object readElement(Node n) {
    String enc = H5.attrString(n, "encoding-type");
    if (n instanceof Group g) {
      if (enc == null) {
        if (H5.attrString(g, "h5sparse_format") != null) {
          return H5Matrix.open(g).read(new Parallel(1), true);
        }
        return readMap(g);
      }
      return switch (enc) {
        case "dict" -> readMap(g);
        case "dataframe" -> readGroupFrame(g);
        case "csr_matrix", "csc_matrix" -> H5Matrix.open(g).read(new Parallel(1), true);
        case "categorical", "nullable-integer", "nullable-boolean" -> readColumn(g, null);
        default -> throw H5.unsupported(g, "unsupported element encoding '" + enc + "'");
      };
    }
    Dataset d = (Dataset) n;
    Object v = H5.readFlat(d);
    if (v instanceof Map<?, ?> fields) {
      // Record arrays (scanpy's rank_genes_groups names, scores, ...): a compound dataset.
      String[] names = new String[fields.size()];
      Object[] columns = new Object[fields.size()];
      int f = 0;
      for (Map.Entry<?, ?> e : fields.entrySet()) {
        names[f] = (String) e.getKey();
        columns[f++] = e.getValue();
      }
      try {
        return new org.myelin.core.table.RecordArray(names, columns);
      } catch (IllegalArgumentException e) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
          out.put(names[k], columns[k]);
        }
        return out;
      }
    }
    boolean bool = H5.isBoolEnum(d);
    if (d.isScalar()) {
      if (bool) {
        return "TRUE".equalsIgnoreCase(String.valueOf(v));
      }
      return v;
    }
    int[] dims = d.getDimensions();
    if (bool) {
      return H5.toBooleans(v, file, d.getPath());
    }
    if (dims.length == 2 && !(v instanceof String[])) {
      return dense(v, dims[0], dims[1], d.getPath());
    }
    if (dims.length > 2 && v instanceof float[] f) {
      return new org.myelin.core.matrix.DenseArray(dims, f); // tissue images and other arrays of rank 3+
    }
    if (dims.length > 2 && v instanceof double[] a) {
      float[] f = new float[a.length];
      for (int i = 0; i < a.length; i++) {
        f[i] = (float) a[i];
      }
      return new org.myelin.core.matrix.DenseArray(dims, f);
    }
    return v;
  }

  @Override
  public void close() {
    hdf.close();
  }
}
