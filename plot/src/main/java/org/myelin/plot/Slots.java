package org.myelin.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.spatial.SpatialUnits;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;

/** What the plots read from a CellData: colour keys, embeddings, coordinates and uns tables. */
final class Slots {

  private Slots() {}

  /** A colouring of the cells: categories with their colours, or values on a continuous scale. */
  sealed interface Coloring permits Categories, Values {
    String key();
  }

  record Categories(String key, int[] codes, String[] names, Color[] colors) implements Coloring {}

  record Values(String key, double[] values, String label) implements Coloring {
    double min() {
      return Arrays.stream(values).filter(v -> !Double.isNaN(v)).min().orElse(0);
    }

    double max() {
      return Arrays.stream(values).filter(v -> !Double.isNaN(v)).max().orElse(1);
    }
  }

  /**
   * The colouring named {@code key}: an obs column (categorical, boolean or string columns as
   * categories, numbers as values) or a gene of var (its values in X). Colours of categories come
   * from {@code uns[key + "_colors"]} when scanpy stored them there, else scanpy's palette.
   */
  static Coloring coloring(CellData d, String key) {
    if (d.obs().has(key)) {
      Column c = d.obs().get(key);
      return switch (c) {
        case CategoricalColumn cat -> categories(d, key, cat.codes(), cat.categories());
        case BooleanColumn b -> {
          int[] codes = new int[b.size()];
          for (int i = 0; i < codes.length; i++) {
            codes[i] = b.isMissing(i) ? -1 : b.values()[i] ? 1 : 0;
          }
          yield categories(d, key, codes, new String[] {"False", "True"});
        }
        case StringColumn s -> {
          CategoricalColumn cat = CategoricalColumn.fromValues(s.values());
          yield categories(d, key, cat.codes(), cat.categories());
        }
        case DoubleColumn v -> new Values(key, v.values(), key);
        case IntColumn v -> {
          double[] out = new double[v.size()];
          for (int i = 0; i < out.length; i++) {
            out[i] = v.isMissing(i) ? Double.NaN : v.values()[i];
          }
          yield new Values(key, out, key);
        }
      };
    }
    int j = Arrays.asList(d.var().index()).indexOf(key);
    if (j >= 0) {
      return new Values(key, d.x().column(j), key + (CsrMatrix.isIntegral(d.x()) ? " (counts)" : " (expression)"));
    }
    throw new IllegalArgumentException("no obs column or gene named '" + key + "'" + suggestion(d, key));
  }

  private static String suggestion(CellData d, String key) {
    List<String> close = new ArrayList<>();
    for (String c : d.obs().columns().keySet()) {
      if (c.toLowerCase().contains(key.toLowerCase()) || key.toLowerCase().contains(c.toLowerCase())) {
        close.add(c);
      }
    }
    return close.isEmpty() ? "" : " (obs has " + String.join(", ", close.subList(0, Math.min(5, close.size()))) + ")";
  }

  private static Categories categories(CellData d, String key, int[] codes, String[] names) {
    Color[] colors = Palettes.categorical(names.length);
    if (d.uns().get(key + "_colors") instanceof String[] stored && stored.length >= names.length) {
      for (int i = 0; i < names.length; i++) {
        try {
          colors[i] = Color.decode(stored[i].length() == 9 ? stored[i].substring(0, 7) : stored[i]);
        } catch (NumberFormatException e) {
          // a named matplotlib colour: keep the palette's
        }
      }
    }
    return new Categories(key, codes, names, colors);
  }

  /** The default colouring of embeddings: leiden, else cell_type, else louvain (older scanpy files), else none. */
  static List<String> defaultKeys(CellData d) {
    for (String k : new String[] {Keys.OBS_LEIDEN, Keys.OBS_CELL_TYPE, "louvain"}) {
      if (d.obs().has(k)) {
        return List.of(k);
      }
    }
    return List.of();
  }

  /** Two columns of an obsm entry. */
  static double[][] embedding(CellData d, String key, int c0, int c1) {
    DenseMatrix m = d.obsm().get(key);
    if (m == null) {
      throw new MissingSlotException("no obsm['" + key + "'] to plot (run the step that makes it first)");
    }
    if (m.nCols() <= Math.max(c0, c1)) {
      throw new IllegalArgumentException("obsm['" + key + "'] has " + m.nCols() + " columns, fewer than needed");
    }
    double[] x = new double[m.nRows()];
    double[] y = new double[m.nRows()];
    for (int i = 0; i < x.length; i++) {
      x[i] = m.get(i, c0);
      y[i] = m.get(i, c1);
    }
    return new double[][] {x, y};
  }

  /** Spatial coordinates in micrometres when the scale is known, with the unit's label. */
  record Tissue(double[] x, double[] y, double micronsPerUnit, String unit) {}

  static Tissue tissue(CellData d) {
    double[][] xy = embedding(d, Keys.OBSM_SPATIAL, 0, 1);
    SpatialUnits u = SpatialUnits.of(d);
    double f = u == null ? 1 : u.micronsPerUnit();
    if (f != 1) {
      for (int i = 0; i < xy[0].length; i++) {
        xy[0][i] *= f;
        xy[1][i] *= f;
      }
    }
    return new Tissue(xy[0], xy[1], u == null ? Double.NaN : f, u == null ? "units" : "µm");
  }

  /** {@code uns[key]} as a map, or null. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  /** A table at {@code uns[path...]}, or null. */
  static Frame frame(CellData d, String... path) {
    Object o = d.uns();
    for (String p : path) {
      Map<String, Object> m = map(o);
      if (m == null) {
        return null;
      }
      o = m.get(p);
    }
    return o instanceof Frame f ? f : null;
  }

  /** A numeric column of a frame as doubles. */
  static double[] numbers(Frame f, String column) {
    double[] v = numbers(f.get(column));
    if (v == null) {
      throw new IllegalArgumentException("table column '" + column + "' is not numeric");
    }
    return v;
  }

  /** A numeric column's values as doubles (integers converted), or null for any other column. */
  static double[] numbers(Column c) {
    if (c instanceof DoubleColumn d) {
      return d.values();
    }
    if (c instanceof IntColumn i) {
      return Arrays.stream(i.values()).asDoubleStream().toArray();
    }
    return null;
  }

  /** A column of a frame as text. */
  static String[] strings(Frame f, String column) {
    Column c = f.get(column);
    String[] out = new String[f.nRows()];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.format(i);
    }
    return out;
  }

  /** A 1-D numeric array of any stored type as doubles, or null. */
  static double[] doubles(Object o) {
    return switch (o) {
      case double[] a -> a;
      case float[] a -> {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
          out[i] = a[i];
        }
        yield out;
      }
      case long[] a -> Arrays.stream(a).asDoubleStream().toArray();
      case int[] a -> Arrays.stream(a).asDoubleStream().toArray();
      case null, default -> null;
    };
  }

  /** A number stored in uns, or NaN. */
  static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The cells of each category (codes -1 are missing and left out). */
  static int[][] members(int[] codes, int k) {
    int[] n = new int[k];
    for (int c : codes) {
      if (c >= 0) {
        n[c]++;
      }
    }
    int[][] out = new int[k][];
    for (int g = 0; g < k; g++) {
      out[g] = new int[n[g]];
    }
    int[] fill = new int[k];
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] >= 0) {
        out[codes[i]][fill[codes[i]]++] = i;
      }
    }
    return out;
  }

  /** The categorical obs column {@code key}, or an error naming it. */
  static Categories groups(CellData d, String key) {
    if (!d.obs().has(key)) {
      throw new IllegalArgumentException("no obs column '" + key + "' to group by");
    }
    if (!(coloring(d, key) instanceof Categories c)) {
      throw new IllegalArgumentException("obs column '" + key + "' is numeric, not categories to group by");
    }
    return c;
  }
}
