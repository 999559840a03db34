package org.myelin.io.h5ad;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
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
import org.myelin.io.AtomicOutput;
import org.myelin.io.RowBlocks;
import org.myelin.io.UnsupportedFileException;
import org.myelin.io.hdf.H5Writer;

/**
 * Writes h5ad as anndata 0.8+ does (encoding-type/encoding-version attributes on every element),
 * chunked and deflate-compressed (shuffled where that is smaller), through a temporary file
 * renamed into place. Sparse matrices go to disk block by block, so X may be larger than memory
 * ({@link #writeStreamed}) and hold more than 2^31 non-zeros (indptr then becomes int64, as anndata
 * writes it).
 */
public final class H5adWriter {

  private static final System.Logger LOG = System.getLogger(H5adWriter.class.getName());

  private final Path target;
  /** The threads that compress; a background write is handed the caller's pool when it waits for it. */
  private volatile Parallel parallel;
  private final org.myelin.core.tool.Progress progress;
  /** A background write's pool to give way to: between slices it waits until that pool is idle. */
  private volatile Parallel giveWayTo;
  /** Set by {@link Started#close} to stop a background write between slices. */
  private volatile boolean cancelled;
  /** Values and indices appended so far (written by one thread, read by the one that waits for it). */
  private volatile long appended;

  private H5adWriter(Path target, Parallel parallel) {
    this(target, parallel, org.myelin.core.tool.Progress.NONE);
  }

  private H5adWriter(Path target, Parallel parallel, org.myelin.core.tool.Progress progress) {
    this.target = target;
    this.parallel = parallel;
    this.progress = progress;
  }

  /** As {@link #write(CellData, Path, boolean, Parallel)}, reporting X's rows written to {@code progress}. */
  public static void write(CellData data, Path target, boolean overwrite, Parallel parallel,
      org.myelin.core.tool.Progress progress) {
    write(data, target, overwrite, parallel, progress, org.myelin.io.hdf.Compression.DEFAULT);
  }

  /** As above, storing the large datasets as {@code compression} says. */
  public static void write(CellData data, Path target, boolean overwrite, Parallel parallel,
      org.myelin.core.tool.Progress progress, org.myelin.io.hdf.Compression compression) {
    AtomicOutput.write(target, overwrite, tmp -> {
      try (H5Writer w = new H5Writer(tmp, compression)) {
        new H5adWriter(target, parallel, progress).writeAll(w, data);
      }
    });
  }

  /** Writes {@code data} to {@code target}; an existing target is replaced only if allowed. */
  public static void write(CellData data, Path target, boolean overwrite, Parallel parallel) {
    AtomicOutput.write(target, overwrite, tmp -> {
      try (H5Writer w = new H5Writer(tmp)) {
        new H5adWriter(target, parallel).writeAll(w, data);
      }
    });
  }

  /** As {@link #write(CellData, Path, boolean, Parallel)}, compressing on one thread. */
  public static void write(CellData data, Path target, boolean overwrite) {
    try (Parallel p = new Parallel(1)) {
      write(data, target, overwrite, p);
    }
  }

  /**
   * Starts writing {@code data}'s X and layers to {@code target} now, on a thread of its own, while
   * the caller goes on with work that leaves them as they are. Compressing them is most of the
   * writing, and a pipeline has single-threaded stretches (Leiden, the serial parts of each step)
   * that leave cores idle: the thread compresses a few chunks at a time, only while {@code pool} runs
   * nothing, so it takes the idle cores and not the pool's. {@link Started#finish} writes what is
   * left on the pool's threads, then the rest of the file; the bytes are the same as {@link #write}'s.
   */
  public static Started start(CellData data, Path target, boolean overwrite,
      org.myelin.io.hdf.Compression compression, Parallel pool) {
    return new Started(data, target, overwrite, compression, pool);
  }

  /** An h5ad whose X and layers are being written in the background; close it to give it up. */
  public static final class Started implements AutoCloseable {
    private final CsrMatrix x;
    private final Map<String, CsrMatrix> layers;
    private final Path target;
    private final AtomicOutput.Pending output;
    private final H5Writer writer;
    private final Parallel single = new Parallel(1);
    private final H5adWriter background;
    private final java.util.concurrent.FutureTask<Void> matrices;
    private boolean ended;

    private Started(CellData data, Path target, boolean overwrite, org.myelin.io.hdf.Compression compression,
        Parallel pool) {
      this.x = data.x();
      this.layers = new LinkedHashMap<>(data.layers());
      this.target = target;
      this.output = AtomicOutput.begin(target, overwrite);
      try {
        this.writer = new H5Writer(output.temporary(), compression);
      } catch (RuntimeException e) {
        output.abort(e);
        throw e;
      }
      this.background = new H5adWriter(target, single);
      background.giveWayTo = pool;
      this.matrices = new java.util.concurrent.FutureTask<>(() -> background.writeMatrices(writer, x, layers), null);
      Thread.ofPlatform().name("myelin-h5ad-matrices").daemon().start(matrices);
    }

    /** Whether {@code result} still has the X and layers being written (the same objects). */
    public boolean holdsMatricesOf(CellData result) {
      if (result.x() != x || !result.layers().keySet().equals(layers.keySet())) {
        return false;
      }
      for (Map.Entry<String, CsrMatrix> e : layers.entrySet()) {
        if (result.layers().get(e.getKey()) != e.getValue()) {
          return false;
        }
      }
      return true;
    }

    /** The share of X's and the layers' values and indices written so far. */
    public double fractionWritten() {
      long total = 2 * x.nnz();
      for (CsrMatrix layer : layers.values()) {
        total += layer.sameStructure(x) ? layer.nnz() : 2 * layer.nnz();
      }
      return total == 0 ? 1 : (double) background.appended / total;
    }

    /**
     * Writes what is left of X and the layers on {@code parallel}'s threads, then the rest of
     * {@code result}, and renames the file into place.
     *
     * @throws IllegalStateException when {@code result} no longer holds the matrices being written
     */
    public void finish(CellData result, Parallel parallel) {
      if (!holdsMatricesOf(result)) {
        throw new IllegalStateException("the result's X or layers changed after they began to be written");
      }
      try {
        // What is left is written now, on every thread, while the caller waits.
        background.parallel = parallel;
        background.giveWayTo = null;
        join();
        single.close();
        new H5adWriter(target, parallel).writeRest(writer, result);
        writer.close();
        output.commit();
        ended = true;
      } catch (RuntimeException | Error e) {
        close();
        // A full disk or a vanished folder is the user's to fix, as in AtomicOutput.write.
        if (e instanceof RuntimeException r && AtomicOutput.failure(target, r)
            instanceof org.myelin.io.MyelinFileException m) {
          throw m;
        }
        throw e;
      }
    }

    private void join() {
      try {
        matrices.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing " + target, e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error r) {
          throw r;
        }
        throw new IllegalStateException("writing " + target + ": " + e.getCause(), e.getCause());
      }
    }

    /** Stops the background write and deletes what it wrote, unless {@link #finish} completed. */
    @Override
    public void close() {
      if (ended) {
        return;
      }
      ended = true;
      background.cancelled = true;
      RuntimeException failure = new IllegalStateException("writing " + target + " abandoned");
      try {
        join();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
      try {
        writer.close();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
      single.close();
      output.abort(failure);
    }
  }

  /**
   * Writes an h5ad whose X is made block by block while it is written, so it never exists whole
   * in memory: obs (one row per cell the blocks hold, in order), var, obsm and uns are given.
   */
  public static void writeStreamed(Path target, RowBlocks x, Frame obs, Frame var, Map<String, DenseMatrix> obsm,
      Map<String, Object> uns, boolean overwrite, Parallel parallel) {
    writeStreamed(target, x, Map.of(), obs, var, obsm, uns, overwrite, parallel);
  }

  /** As above, with layers streamed after X the same way. */
  public static void writeStreamed(Path target, RowBlocks x, Map<String, RowBlocks> layerBlocks, Frame obs, Frame var,
      Map<String, DenseMatrix> obsm, Map<String, Object> uns, boolean overwrite, Parallel parallel) {
    AtomicOutput.write(target, overwrite, tmp -> {
      try (H5Writer w = new H5Writer(tmp)) {
        H5adWriter h = new H5adWriter(target, parallel);
        H5Writer.Group root = w.root();
        encoding(root, "anndata", "0.1.0");
        long rows = h.writeMatrix(root, "X", x, null).rows();
        if (rows != obs.nRows() || x.nCols() != var.nRows()) {
          throw new IllegalStateException("X has " + rows + " x " + x.nCols() + " but obs has " + obs.nRows()
              + " rows and var " + var.nRows());
        }
        if (!layerBlocks.isEmpty()) {
          H5Writer.Group layers = dict(root, "layers");
          for (Map.Entry<String, RowBlocks> e : layerBlocks.entrySet()) {
            h.writeMatrix(layers, e.getKey(), e.getValue(), null);
          }
        }
        h.writeFrame(root, "obs", obs);
        h.writeFrame(root, "var", var);
        h.writeDenseDict(root, "obsm", obsm);
        h.writeMap(dict(root, "uns"), uns, "/uns");
      }
    });
  }

  private void writeAll(H5Writer w, CellData data) {
    writeMatrices(w, data.x(), data.layers());
    writeRest(w, data);
  }

  /** The first part of the file: X and the layers. */
  private void writeMatrices(H5Writer w, CsrMatrix matrix, Map<String, CsrMatrix> layerMatrices) {
    H5Writer.Group root = w.root();
    encoding(root, "anndata", "0.1.0");
    H5Writer.Group x;
    try (org.myelin.core.tool.Progress.Task task = progress.start("writing X, cells", matrix.nRows())) {
      x = writeMatrix(root, "X", RowBlocks.reporting(RowBlocks.of(matrix), task), null).group();
    }
    H5Writer.Group layers = dict(root, "layers");
    for (Map.Entry<String, CsrMatrix> e : layerMatrices.entrySet()) {
      // A layer with X's structure (the counts beside normalised X) names X's indices and indptr
      // instead of storing them again: a quarter less to compress and write.
      writeMatrix(layers, e.getKey(), RowBlocks.of(e.getValue()), e.getValue().sameStructure(matrix) ? x : null);
    }
  }

  /** The rest of the file, after {@link #writeMatrices}: obs, var, obsm, varm, obsp, varp, uns, raw. */
  private void writeRest(H5Writer w, CellData data) {
    H5Writer.Group root = w.root();
    writeFrame(root, "obs", data.obs());
    writeFrame(root, "var", data.var());
    writeDenseDict(root, "obsm", data.obsm());
    writeDenseDict(root, "varm", data.varm());
    H5Writer.Group obsp = dict(root, "obsp");
    for (Map.Entry<String, CsrMatrix> e : data.obsp().entrySet()) {
      writeMatrix(obsp, e.getKey(), RowBlocks.of(e.getValue()), null);
    }
    dict(root, "varp");
    writeMap(dict(root, "uns"), data.uns(), "/uns");
    Raw raw = data.raw();
    if (raw != null) {
      H5Writer.Group g = root.group("raw");
      encoding(g, "raw", "0.1.0");
      writeMatrix(g, "X", RowBlocks.of(raw.x()), null);
      writeFrame(g, "var", raw.var());
      writeDenseDict(g, "varm", raw.varm());
    }
  }

  private static void encoding(H5Writer.Group g, String type, String version) {
    g.attribute("encoding-type", type).attribute("encoding-version", version);
  }

  private static Map<String, Object> encoding(String type, String version) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("encoding-type", type);
    m.put("encoding-version", version);
    return m;
  }

  private static H5Writer.Group dict(H5Writer.Group parent, String name) {
    H5Writer.Group g = parent.group(name);
    encoding(g, "dict", "0.1.0");
    return g;
  }

  /**
   * A CSR group written block by block: blocks are made in waves (in parallel), appended in order,
   * and compressed in parallel. With {@code structure} (a CSR group of the same rows and indices
   * already written), only the values are stored and indices and indptr are links to that group's.
   * Returns the group and the number of rows.
   */
  private Written writeMatrix(H5Writer.Group parent, String name, RowBlocks m, H5Writer.Group structure) {
    H5Writer.Group g = parent.group(name);
    H5Writer.ChunkedDataset data = g.chunked("data", m.isDouble() ? H5Writer.Type.FLOAT64 : H5Writer.Type.FLOAT32, null);
    H5Writer.ChunkedDataset indices = structure == null ? g.chunked("indices", H5Writer.Type.INT32, null) : null;
    long[] indptr = new long[1024];
    int rows = 0;
    long nnz = 0;
    int wave = Math.max(1, 2 * parallel.threads());
    // One slice at a time through buffers reused for every block: little garbage beside the steps.
    int[] idx = indices != null ? new int[SLICE] : null;
    double[] doubles = m.isDouble() ? new double[SLICE] : null;
    float[] floats = m.isDouble() ? null : new float[SLICE];
    for (int first = 0; first < m.nBlocks(); first += wave) {
      int count = Math.min(wave, m.nBlocks() - first);
      CsrBlock[] made = new CsrBlock[count];
      final int base = first;
      parallel.forEach(count, k -> made[k] = m.block(base + k));
      for (CsrBlock b : made) {
        int n = b.nnz();
        for (int from = 0; from < n; from += SLICE) {
          int len = Math.min(SLICE, n - from);
          giveWay();
          if (indices != null) {
            b.copyIndices(from, idx, 0, len);
            indices.append(idx, 0, len, parallel);
          }
          if (doubles != null) {
            b.copyValues(from, doubles, 0, len);
            data.append(doubles, 0, len, parallel);
          } else {
            b.copyValues(from, floats, 0, len);
            data.append(floats, 0, len, parallel);
          }
          appended += indices != null ? 2L * len : len;
        }
        if (rows + b.nRows() + 1 > indptr.length) {
          indptr = Arrays.copyOf(indptr, Math.max(indptr.length * 2, rows + b.nRows() + 1));
        }
        for (int r = 1; r <= b.nRows(); r++) {
          indptr[rows + r] = nnz + b.rowStart(r);
        }
        rows += b.nRows();
        nnz += n;
      }
    }
    data.finish();
    indptr = Arrays.copyOf(indptr, rows + 1);
    if (structure != null) {
      g.link("indices", structure, "indices");
      g.link("indptr", structure, "indptr");
    } else {
      indices.finish();
      if (nnz <= Integer.MAX_VALUE) {
        int[] ptr32 = new int[indptr.length];
        for (int i = 0; i < indptr.length; i++) {
          ptr32[i] = (int) indptr[i];
        }
        g.dataset("indptr", ptr32, null);
      } else {
        g.dataset("indptr", indptr, null);
      }
    }
    encoding(g, "csr_matrix", "0.1.0");
    g.attribute("shape", new long[] {rows, m.nCols()});
    return new Written(g, rows);
  }

  /**
   * Values appended at once: 2 chunks, ~5 ms of compressing, the longest a background write holds a
   * core; 512 KB of float32, under the size the collector allocates outside its young regions.
   */
  private static final int SLICE = 2 * H5Writer.CHUNK_ELEMENTS;

  /** How long the pool must have been idle before a background write takes a slice: past the gaps between loops. */
  private static final long QUIET_NANOS = 2_000_000;

  /** When the background write's current slice began (0 before the first). */
  private long sliceStart;

  /**
   * In a background write: stops when cancelled, and waits until the pool it gives way to is quiet
   * (and, beside a memory-bound stretch, rests as long as the last slice took).
   */
  private void giveWay() {
    if (cancelled) {
      throw new java.util.concurrent.CancellationException("writing " + target + " was cancelled");
    }
    Parallel busy = giveWayTo;
    if (busy != null) {
      try {
        busy.awaitTurn(QUIET_NANOS, sliceStart == 0 ? 0 : System.nanoTime() - sliceStart);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.util.concurrent.CancellationException("writing " + target + " was interrupted");
      }
      sliceStart = System.nanoTime();
    }
  }

  /** A CSR group as written, and its number of rows. */
  private record Written(H5Writer.Group group, long rows) {}

  private void writeDenseDict(H5Writer.Group parent, String name, Map<String, DenseMatrix> matrices) {
    H5Writer.Group g = dict(parent, name);
    for (Map.Entry<String, DenseMatrix> e : matrices.entrySet()) {
      writeDense(g, e.getKey(), e.getValue());
    }
  }

  private void writeDense(H5Writer.Group parent, String name, DenseMatrix m) {
    Object flat = switch (m) {
      case DenseFloatMatrix f -> f.data();
      case DenseDoubleMatrix d -> d.data();
    };
    parent.dataset2d(name, flat, m.nRows(), m.nCols(), encoding("array", "0.2.0"), parallel);
  }

  private void writeFrame(H5Writer.Group parent, String name, Frame frame) {
    H5Writer.Group g = parent.group(name);
    encoding(g, "dataframe", "0.2.0");
    g.attribute("_index", "_index");
    g.attribute("column-order", frame.columns().keySet().toArray(new String[0]));
    g.dataset("_index", frame.index(), encoding("string-array", "0.2.0"));
    List<Map.Entry<String, Column>> columns = List.copyOf(frame.columns().entrySet());
    for (Map.Entry<String, Column> e : columns) {
      if (e.getKey().indexOf('/') >= 0 || e.getKey().equals("_index")) {
        throw new UnsupportedFileException(target, g.path(),
            "column name '" + e.getKey() + "' cannot be an HDF5 name; rename the column");
      }
    }
    // The columns' datasets are compressed on every thread (obs holds dozens of columns of a value
    // per cell), then written in column order: the same bytes as one by one.
    H5Writer.Prepared[][] prepared = new H5Writer.Prepared[columns.size()][];
    H5Writer writer = g.writer();
    parallel.forEach(columns.size(), c -> prepared[c] = prepare(writer, arrays(columns.get(c).getValue())));
    for (int c = 0; c < columns.size(); c++) {
      writeColumn(g, columns.get(c).getKey(), columns.get(c).getValue(), prepared[c]);
    }
  }

  /** The arrays a column is stored as, in the order {@link #writeColumn} writes them. */
  private static Object[] arrays(Column column) {
    return switch (column) {
      case DoubleColumn c -> new Object[] {c.values()};
      case IntColumn c when c.missing() == null -> new Object[] {c.values()};
      case IntColumn c -> new Object[] {c.values(), c.missing()};
      case BooleanColumn c when c.missing() == null -> new Object[] {c.values()};
      case BooleanColumn c -> new Object[] {c.values(), c.missing()};
      case StringColumn c -> {
        String[] values = c.values().clone();
        for (int i = 0; i < values.length; i++) {
          if (values[i] == null) {
            values[i] = "";
          }
        }
        yield new Object[] {values};
      }
      case CategoricalColumn c -> {
        Object codes = c.codes();
        if (c.categories().length < 127) {
          byte[] small = new byte[c.size()];
          for (int i = 0; i < small.length; i++) {
            small[i] = (byte) c.codes()[i];
          }
          codes = small;
        }
        yield new Object[] {codes, c.categories()};
      }
    };
  }

  private static H5Writer.Prepared[] prepare(H5Writer writer, Object[] arrays) {
    H5Writer.Prepared[] prepared = new H5Writer.Prepared[arrays.length];
    for (int i = 0; i < arrays.length; i++) {
      prepared[i] = writer.prepare(arrays[i]);
    }
    return prepared;
  }

  private static void writeColumn(H5Writer.Group g, String name, Column column, H5Writer.Prepared[] stored) {
    switch (column) {
      case IntColumn c when c.missing() != null -> {
        H5Writer.Group ng = g.group(name);
        encoding(ng, "nullable-integer", "0.1.0");
        ng.dataset("values", stored[0], null);
        ng.dataset("mask", stored[1], null);
      }
      case BooleanColumn c when c.missing() != null -> {
        H5Writer.Group ng = g.group(name);
        encoding(ng, "nullable-boolean", "0.1.0");
        ng.dataset("values", stored[0], null);
        ng.dataset("mask", stored[1], null);
      }
      case StringColumn c -> g.dataset(name, stored[0], encoding("string-array", "0.2.0"));
      case CategoricalColumn c -> {
        H5Writer.Group cg = g.group(name);
        encoding(cg, "categorical", "0.2.0");
        cg.attribute("ordered", c.ordered());
        cg.dataset("codes", stored[0], encoding("array", "0.2.0"));
        cg.dataset("categories", stored[1], encoding("string-array", "0.2.0"));
      }
      default -> g.dataset(name, stored[0], encoding("array", "0.2.0"));
    }
  }

  /**
   * HDF5 names cannot hold '/' (pre-0.7 files have rank_genes_groups fields such as
   * "CD4+/CD25 T Reg"); such a key is written with '_' instead, and the renaming is logged.
   */
  private static String hdf5Name(String key, String where) {
    if (key.indexOf('/') < 0 && !key.equals(".") && !key.isEmpty()) {
      return key;
    }
    String safe = key.isEmpty() || key.equals(".") ? "_" : key.replace('/', '_');
    LOG.log(System.Logger.Level.WARNING, "{0}: key ''{1}'' written as ''{2}'' (not a valid HDF5 name)", where, key, safe);
    return safe;
  }

  @SuppressWarnings("unchecked")
  private void writeMap(H5Writer.Group g, Map<String, Object> map, String where) {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String key = hdf5Name(e.getKey(), where);
      Object v = e.getValue();
      String path = where + "/" + key;
      switch (v) {
        case null -> { }
        case Map<?, ?> m -> writeMap(dict(g, key), (Map<String, Object>) m, path);
        case Frame f -> writeFrame(g, key, f);
        case org.myelin.core.table.RecordArray r -> g.compound(key, r.fields(), r.columns(), encoding("rec-array",
            "0.2.0"));
        case CsrMatrix m -> writeMatrix(g, key, RowBlocks.of(m), null);
        case DenseMatrix m -> writeDense(g, key, m);
        case org.myelin.core.matrix.DenseArray a -> g.datasetNd(key, a.data(), a.shape(), encoding("array", "0.2.0"));
        case Column c -> writeColumn(g, key, c, prepare(g.writer(), arrays(c)));
        case String s -> g.dataset(key, s, encoding("string", "0.2.0"));
        case Boolean b -> g.dataset(key, b, encoding("numeric-scalar", "0.2.0"));
        case Integer i -> g.dataset(key, i.longValue(), encoding("numeric-scalar", "0.2.0"));
        case Float f -> g.dataset(key, f.doubleValue(), encoding("numeric-scalar", "0.2.0"));
        case Number n -> g.dataset(key, n, encoding("numeric-scalar", "0.2.0"));
        case String[] s -> g.dataset(key, s, encoding("string-array", "0.2.0"));
        default -> {
          if (v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()) {
            g.dataset(key, v, encoding("array", "0.2.0"));
          } else {
            throw new UnsupportedFileException(target, path, "cannot write a value of type " + v.getClass().getSimpleName());
          }
        }
      }
    }
  }
}
