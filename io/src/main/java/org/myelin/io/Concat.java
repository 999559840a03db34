package org.myelin.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.matrix.FloatCsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.io.h5ad.H5adFile;
import org.myelin.io.h5ad.H5adWriter;
import org.myelin.io.hdf.H5Matrix;

/**
 * Concatenates samples along the cells as anndata's {@code concat} (anndata 0.8), streaming X and
 * the layers block by block, so a cohort larger than memory is joined holding one block per thread:
 * genes joined inner (those of every sample, in the first sample's order) or outer (all, sorted,
 * absent ones zero); obs frames stacked (columns of every sample, or all with missing values), the
 * sample of each cell in a categorical column named by the label and appended to its name; layers
 * and obsm kept where every sample has them; var's columns kept where every sample agrees on them
 * ({@code merge="same"}) or dropped (anndata's default). Beyond anndata, each sample's uns is kept
 * under {@code uns[label][sample]}.
 */
public final class Concat {

  private Concat() {}

  /** How the genes of the samples are joined, as anndata's {@code join}. */
  public enum Join { INNER, OUTER }

  /** Which var columns are kept, as anndata's {@code merge}: none, or those equal in every sample. */
  public enum Merge { NONE, SAME }

  /**
   * @param label obs column of each cell's sample
   * @param indexUnique separator between a cell's name and its sample's; null keeps names as they are
   * @param join inner or outer
   * @param merge var columns kept
   */
  public record Options(String label, String indexUnique, Join join, Merge merge) {}

  /**
   * One sample.
   *
   * @param key its name in the label column
   * @param file an h5ad or 10x HDF5 file
   * @param annotations obs columns given for the whole sample (a sample sheet's), in order
   */
  public record Input(String key, Path file, Map<String, String> annotations) {
    public Input(String key, Path file) {
      this(key, file, Map.of());
    }
  }

  /** What was written: cells, genes, and the slots kept. */
  public record Summary(int cells, int genes, List<String> layers, List<String> obsm) {}

  /** An opened sample: X by blocks, and for h5ad its obs, obsm, layers and uns. */
  private static final class Sample implements AutoCloseable {
    final Input input;
    final BackedCells cells;
    final H5adFile h5ad;
    final Frame obs;
    final Frame var;

    Sample(Input input) {
      this.input = input;
      this.cells = BackedCells.open(input.file(), CellDataIO.ReadOptions.DEFAULT);
      H5adFile f = null;
      try {
        f = CellDataIO.detect(input.file()) == CellDataIO.Format.H5AD ? H5adFile.open(input.file()) : null;
      } catch (RuntimeException e) {
        cells.close();
        throw e;
      }
      this.h5ad = f;
      this.obs = f != null ? f.obs() : new Frame(cells.obsNames());
      this.var = cells.var();
    }

    @Override
    public void close() {
      cells.close();
      if (h5ad != null) {
        h5ad.close();
      }
    }
  }

  /** Concatenates {@code inputs} into the h5ad {@code out}; nothing is left there if it fails. */
  public static Summary write(List<Input> inputs, Path out, Options o, boolean overwrite, Parallel parallel) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    Set<String> keys = new HashSet<>();
    for (Input in : inputs) {
      if (!keys.add(in.key())) {
        throw new IllegalArgumentException("sample '" + in.key() + "' is given twice: sample labels must differ");
      }
    }
    List<Sample> samples = new ArrayList<>();
    try {
      for (Input in : inputs) {
        samples.add(new Sample(in));
      }
      return writeOpened(samples, out, o, overwrite, parallel);
    } finally {
      for (Sample s : samples) {
        s.close();
      }
    }
  }

  private static Summary writeOpened(List<Sample> samples, Path out, Options o, boolean overwrite, Parallel parallel) {
    String[] genes = joinGenes(samples, o.join());
    Map<String, Integer> column = new HashMap<>();
    for (int j = 0; j < genes.length; j++) {
      column.put(genes[j], j);
    }
    List<int[]> maps = new ArrayList<>();
    for (Sample s : samples) {
      String[] own = s.var.index();
      int[] map = new int[own.length];
      for (int j = 0; j < own.length; j++) {
        map[j] = column.getOrDefault(own[j], -1);
      }
      maps.add(map);
    }
    Frame obs = stackObs(samples, o);
    Frame var = mergeVar(samples, genes, o.merge());

    // X and the layers every sample has, block by block in sample order.
    int[] firstBlock = new int[samples.size()];
    int nBlocks = 0;
    for (int t = 0; t < samples.size(); t++) {
      firstBlock[t] = nBlocks;
      nBlocks += samples.get(t).cells.nBlocks();
    }
    int[] owner = new int[nBlocks];
    for (int t = 0; t < samples.size(); t++) {
      java.util.Arrays.fill(owner, firstBlock[t], firstBlock[t] + samples.get(t).cells.nBlocks(), t);
    }
    RowBlocks x = RowBlocks.of(genes.length, nBlocks, b -> {
      int t = owner[b];
      CsrMatrix block = samples.get(t).cells.block(b - firstBlock[t]);
      return remap(block.block(0), maps.get(t), genes.length);
    });
    List<String> layerNames = commonLayers(samples);
    Map<String, RowBlocks> layers = new LinkedHashMap<>();
    for (String name : layerNames) {
      List<H5Matrix> matrices = samples.stream().map(s -> s.h5ad.layer(name)).toList();
      layers.put(name, RowBlocks.of(genes.length, nBlocks, b -> {
        int t = owner[b];
        BackedCells cells = samples.get(t).cells;
        int local = b - firstBlock[t];
        return remap(matrices.get(t).readRows(cells.firstRow(local), cells.firstRow(local + 1)), maps.get(t),
            genes.length);
      }));
    }
    Map<String, DenseMatrix> obsm = stackObsm(samples, obs.nRows(), o.join());
    Map<String, Object> uns = new LinkedHashMap<>();
    Map<String, Object> perSample = new LinkedHashMap<>();
    for (Sample s : samples) {
      if (s.h5ad != null) {
        Map<String, Object> own = s.h5ad.uns();
        if (!own.isEmpty()) {
          perSample.put(s.input.key(), own);
        }
      }
    }
    if (!perSample.isEmpty()) {
      uns.put(o.label(), perSample);
    }
    H5adWriter.writeStreamed(out, x, layers, obs, var, obsm, uns, overwrite, parallel);
    return new Summary(obs.nRows(), genes.length, layerNames, new ArrayList<>(obsm.keySet()));
  }

  /** anndata's merge_indices: inner keeps the first sample's order, outer sorts the union unless all are equal. */
  static String[] joinGenes(List<Sample> samples, Join join) {
    for (Sample s : samples) {
      String dup = org.myelin.core.data.Names.firstDuplicate(s.var.index());
      if (dup != null) {
        throw new IllegalArgumentException("sample '" + s.input.key() + "' (" + s.input.file() + ") names gene '"
            + dup + "' twice: gene names must be unique to join samples");
      }
    }
    String[] first = samples.get(0).var.index();
    boolean allEqual = samples.stream().allMatch(s -> Arrays.equals(s.var.index(), first));
    if (allEqual) {
      return first.clone();
    }
    if (join == Join.OUTER) {
      TreeSet<String> union = new TreeSet<>();
      for (Sample s : samples) {
        union.addAll(Arrays.asList(s.var.index()));
      }
      return union.toArray(new String[0]);
    }
    Set<String> common = new LinkedHashSet<>(Arrays.asList(first));
    for (Sample s : samples.subList(1, samples.size())) {
      common.retainAll(new HashSet<>(Arrays.asList(s.var.index())));
      if (common.isEmpty()) {
        throw new IllegalArgumentException("sample '" + s.input.key() + "' (" + s.input.file() + ") shares no gene "
            + "with the samples before it: nothing is left to join inner; --join outer keeps every gene");
      }
    }
    return common.toArray(new String[0]);
  }

  /** A block's columns renumbered ({@code map[j]}, -1 to drop), each row's entries in the new order. */
  static CsrBlock remap(CsrBlock block, int[] map, int nCols) {
    int rows = block.nRows();
    int[] indptr = new int[rows + 1];
    int kept = 0;
    for (int k = 0; k < block.nnz(); k++) {
      kept += map[block.index(k)] >= 0 ? 1 : 0;
    }
    int[] indices = new int[kept];
    float[] data = new float[kept];
    long[] packed = new long[0];
    int at = 0;
    for (int r = 0; r < rows; r++) {
      int start = block.rowStart(r);
      int end = block.rowStart(r + 1);
      int m = 0;
      if (packed.length < end - start) {
        packed = new long[end - start];
      }
      boolean sorted = true;
      int previous = -1;
      for (int k = start; k < end; k++) {
        int j = map[block.index(k)];
        if (j >= 0) {
          packed[m++] = ((long) j << 32) | (k - start);
          sorted &= j > previous;
          previous = j;
        }
      }
      if (!sorted) {
        Arrays.sort(packed, 0, m);
      }
      for (int t = 0; t < m; t++) {
        indices[at] = (int) (packed[t] >>> 32);
        data[at++] = (float) block.value(start + (int) packed[t]);
      }
      indptr[r + 1] = at;
    }
    return new FloatCsrBlock(nCols, indptr, indices, data);
  }

  /** pandas' concat of the obs frames (inner or outer on the columns), the label column and the sheet's. */
  static Frame stackObs(List<Sample> samples, Options o) {
    int n = 0;
    for (Sample s : samples) {
      n += s.obs.nRows();
    }
    String[] names = new String[n];
    int[] label = new int[n];
    int at = 0;
    for (int t = 0; t < samples.size(); t++) {
      Sample s = samples.get(t);
      for (String name : s.obs.index()) {
        names[at] = o.indexUnique() == null ? name : name + o.indexUnique() + s.input.key();
        label[at++] = t;
      }
    }
    Frame obs = new Frame(names);
    Set<String> columns = new LinkedHashSet<>();
    for (Sample s : samples) {
      columns.addAll(s.obs.columns().keySet());
    }
    for (String c : columns) {
      boolean everywhere = samples.stream().allMatch(s -> s.obs.has(c));
      if (everywhere || o.join() == Join.OUTER) {
        obs.put(c, stackColumn(samples.stream().map(s -> s.obs.has(c) ? s.obs.get(c) : null).toList(),
            samples.stream().mapToInt(s -> s.obs.nRows()).toArray()));
      }
    }
    obs.put(o.label(), new CategoricalColumn(label, samples.stream().map(s -> s.input.key()).toArray(String[]::new),
        false));
    Set<String> annotated = new LinkedHashSet<>();
    for (Sample s : samples) {
      annotated.addAll(s.input.annotations().keySet());
    }
    for (String c : annotated) {
      List<Column> parts = new ArrayList<>();
      for (Sample s : samples) {
        String[] v = new String[s.obs.nRows()];
        Arrays.fill(v, s.input.annotations().getOrDefault(c, ""));
        parts.add(new org.myelin.core.table.StringColumn(v));
      }
      obs.put(c, typed(stackColumn(parts, samples.stream().mapToInt(s -> s.obs.nRows()).toArray())));
    }
    return obs;
  }

  /** A sheet's column as numbers when every value is one, else as categories. */
  private static Column typed(Column text) {
    CategoricalColumn cat = (CategoricalColumn) text;
    double[] values = new double[cat.size()];
    for (int i = 0; i < values.length; i++) {
      String v = cat.value(i);
      if (v == null || v.isEmpty()) {
        values[i] = Double.NaN;
        continue;
      }
      try {
        values[i] = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    return new DoubleColumn(values);
  }

  /**
   * One column from its parts (null where a sample lacks it): kept as it is when every part has the
   * same type (categories the same), numbers with NaN where missing, anything else as categories,
   * sorted, as anndata writes the strings pandas makes of them.
   */
  public static Column stackColumn(List<Column> parts, int[] sizes) {
    int n = Arrays.stream(sizes).sum();
    boolean all = parts.stream().allMatch(p -> p != null);
    if (all && parts.stream().allMatch(p -> p instanceof DoubleColumn)) {
      double[] v = new double[n];
      int at = 0;
      for (Column p : parts) {
        double[] d = ((DoubleColumn) p).values();
        System.arraycopy(d, 0, v, at, d.length);
        at += d.length;
      }
      return new DoubleColumn(v);
    }
    if (all && parts.stream().allMatch(p -> p instanceof IntColumn)) {
      long[] v = new long[n];
      boolean[] missing = new boolean[n];
      boolean anyMissing = false;
      int at = 0;
      for (Column p : parts) {
        IntColumn c = (IntColumn) p;
        System.arraycopy(c.values(), 0, v, at, c.size());
        if (c.missing() != null) {
          System.arraycopy(c.missing(), 0, missing, at, c.size());
          for (boolean m : c.missing()) {
            anyMissing |= m;
          }
        }
        at += c.size();
      }
      return anyMissing ? new IntColumn(v, missing) : new IntColumn(v); // nullable only when needed, as pandas
    }
    if (all && parts.stream().allMatch(p -> p instanceof BooleanColumn b && b.missing() == null)) {
      boolean[] v = new boolean[n];
      int at = 0;
      for (Column p : parts) {
        boolean[] b = ((BooleanColumn) p).values();
        System.arraycopy(b, 0, v, at, b.length);
        at += b.length;
      }
      return new BooleanColumn(v);
    }
    if (all && parts.get(0) instanceof CategoricalColumn first && parts.stream().allMatch(p ->
        p instanceof CategoricalColumn c && Arrays.equals(c.categories(), first.categories())
            && c.ordered() == first.ordered())) {
      int[] codes = new int[n];
      int at = 0;
      for (Column p : parts) {
        int[] c = ((CategoricalColumn) p).codes();
        System.arraycopy(c, 0, codes, at, c.length);
        at += c.length;
      }
      return new CategoricalColumn(codes, first.categories(), first.ordered());
    }
    boolean numeric = parts.stream().allMatch(p -> p == null || p instanceof DoubleColumn || p instanceof IntColumn);
    if (numeric) {
      double[] v = new double[n];
      int at = 0;
      for (int t = 0; t < parts.size(); t++) {
        Column p = parts.get(t);
        for (int i = 0; i < sizes[t]; i++) {
          v[at++] = p instanceof DoubleColumn d ? d.values()[i]
              : p instanceof IntColumn c && (c.missing() == null || !c.missing()[i]) ? c.values()[i] : Double.NaN;
        }
      }
      return new DoubleColumn(v);
    }
    String[] text = new String[n];
    int at = 0;
    for (int t = 0; t < parts.size(); t++) {
      Column p = parts.get(t);
      for (int i = 0; i < sizes[t]; i++) {
        text[at++] = p == null || missing(p, i) ? null : p.format(i);
      }
    }
    TreeSet<String> distinct = new TreeSet<>();
    for (String s : text) {
      if (s != null) {
        distinct.add(s);
      }
    }
    String[] categories = distinct.toArray(new String[0]);
    Map<String, Integer> code = new HashMap<>();
    for (int c = 0; c < categories.length; c++) {
      code.put(categories[c], c);
    }
    int[] codes = new int[n];
    for (int i = 0; i < n; i++) {
      codes[i] = text[i] == null ? -1 : code.get(text[i]);
    }
    return new CategoricalColumn(codes, categories, false);
  }

  private static boolean missing(Column c, int i) {
    return switch (c) {
      case CategoricalColumn cat -> cat.codes()[i] < 0;
      case DoubleColumn d -> Double.isNaN(d.values()[i]);
      case IntColumn in -> in.missing() != null && in.missing()[i];
      case BooleanColumn b -> b.missing() != null && b.missing()[i];
      default -> c.format(i) == null;
    };
  }

  /** var with the joined genes; with {@code SAME}, the columns every sample has with the same values. */
  static Frame mergeVar(List<Sample> samples, String[] genes, Merge merge) {
    Frame var = new Frame(genes);
    if (merge == Merge.NONE) {
      return var;
    }
    List<Map<String, Integer>> rowOf = new ArrayList<>();
    for (Sample s : samples) {
      Map<String, Integer> m = new HashMap<>();
      String[] idx = s.var.index();
      for (int j = 0; j < idx.length; j++) {
        m.put(idx[j], j);
      }
      rowOf.add(m);
    }
    for (String c : samples.get(0).var.columns().keySet()) {
      if (!samples.stream().allMatch(s -> s.var.has(c))) {
        continue;
      }
      boolean same = true;
      String[] values = new String[genes.length];
      for (int j = 0; j < genes.length && same; j++) {
        String v = null;
        for (int t = 0; t < samples.size() && same; t++) {
          Integer row = rowOf.get(t).get(genes[j]);
          if (row == null) {
            same = false;
            break;
          }
          String own = samples.get(t).var.get(c).format(row);
          same = v == null || v.equals(own);
          v = own;
        }
        values[j] = v;
      }
      if (same) {
        int[] rows = new int[genes.length];
        for (int j = 0; j < genes.length; j++) {
          rows[j] = rowOf.get(0).get(genes[j]);
        }
        var.put(c, samples.get(0).var.get(c).select(rows));
      }
    }
    return var;
  }

  private static List<String> commonLayers(List<Sample> samples) {
    if (samples.stream().anyMatch(s -> s.h5ad == null)) {
      return List.of();
    }
    Set<String> common = new LinkedHashSet<>(samples.get(0).h5ad.slot("layers").keySet());
    for (Sample s : samples) {
      common.retainAll(s.h5ad.slot("layers").keySet());
    }
    return new ArrayList<>(common);
  }

  /** obsm stacked: inner keeps what every sample has; outer also what some have, NaN elsewhere (same widths). */
  static Map<String, DenseMatrix> stackObsm(List<Sample> samples, int n, Join join) {
    List<Map<String, DenseMatrix>> all = new ArrayList<>();
    for (Sample s : samples) {
      all.add(s.h5ad == null ? Map.of() : s.h5ad.obsm());
    }
    Set<String> keys = new LinkedHashSet<>();
    for (Map<String, DenseMatrix> m : all) {
      keys.addAll(m.keySet());
    }
    Map<String, DenseMatrix> out = new LinkedHashMap<>();
    for (String key : keys) {
      boolean everywhere = all.stream().allMatch(m -> m.containsKey(key));
      int[] widths = all.stream().filter(m -> m.containsKey(key)).mapToInt(m -> m.get(key).nCols()).distinct()
          .toArray();
      if ((!everywhere && join == Join.INNER) || widths.length != 1) {
        continue;
      }
      int d = widths[0];
      boolean floats = all.stream().allMatch(m -> !m.containsKey(key) || !m.get(key).isDouble());
      double[] v = new double[Math.multiplyExact(n, d)];
      int row = 0;
      for (int t = 0; t < samples.size(); t++) {
        DenseMatrix m = all.get(t).get(key);
        int rows = samples.get(t).obs.nRows();
        for (int i = 0; i < rows; i++, row++) {
          for (int c = 0; c < d; c++) {
            v[row * d + c] = m == null ? Double.NaN : m.get(i, c);
          }
        }
      }
      if (floats) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
          f[i] = (float) v[i];
        }
        out.put(key, new DenseFloatMatrix(n, d, f));
      } else {
        out.put(key, new DenseDoubleMatrix(n, d, v));
      }
    }
    return out;
  }
}
