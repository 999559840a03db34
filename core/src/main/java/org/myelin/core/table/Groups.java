package org.myelin.core.table;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The rows of a frame split by the values of one column, as pandas groups them: a categorical
 * column keeps its category order (empty categories included), any other column is made
 * categorical with its distinct values sorted, as anndata's {@code sanitize_anndata} does.
 *
 * @param codes the group of each row, 0 to {@code labels.length - 1}
 * @param labels group names in order
 */
public record Groups(int[] codes, String[] labels) {

  /** The groups of {@code frame[column]}; refuses a missing column, missing values and float columns. */
  public static Groups of(Frame frame, String column, String what) {
    if (!frame.has(column)) {
      throw new IllegalArgumentException(what + ": no column '" + column + "' (columns: "
          + String.join(", ", frame.columns().keySet()) + ")");
    }
    Column c = frame.get(column);
    int n = c.size();
    if (c instanceof CategoricalColumn cat) {
      for (int i = 0; i < n; i++) {
        if (cat.codes()[i] < 0) {
          throw new IllegalArgumentException(what + ": column '" + column + "' has a missing value at row "
              + i + " (" + frame.index()[i] + ")");
        }
      }
      return new Groups(cat.codes().clone(), cat.categories().clone());
    }
    if (c instanceof DoubleColumn) {
      throw new IllegalArgumentException(what + ": column '" + column + "' holds floats; groups need "
          + "categories, strings, integers or booleans");
    }
    TreeSet<String> distinct = new TreeSet<>();
    String[] text = new String[n];
    for (int i = 0; i < n; i++) {
      text[i] = c.format(i);
      if (text[i].isEmpty() && !(c instanceof StringColumn)) {
        throw new IllegalArgumentException(what + ": column '" + column + "' has a missing value at row "
            + i + " (" + frame.index()[i] + ")");
      }
      distinct.add(text[i]);
    }
    String[] labels = distinct.toArray(new String[0]);
    if (c instanceof IntColumn) {
      // Integers sort as numbers, not as text.
      long[] values = Arrays.stream(labels).mapToLong(Long::parseLong).sorted().toArray();
      labels = Arrays.stream(values).mapToObj(Long::toString).toArray(String[]::new);
    }
    java.util.Map<String, Integer> code = new java.util.HashMap<>();
    for (int g = 0; g < labels.length; g++) {
      code.put(labels[g], g);
    }
    int[] codes = new int[n];
    for (int i = 0; i < n; i++) {
      codes[i] = code.get(text[i]);
    }
    return new Groups(codes, labels);
  }

  public int nGroups() {
    return labels.length;
  }

  /** Rows per group. */
  public int[] sizes() {
    int[] out = new int[labels.length];
    for (int code : codes) {
      out[code]++;
    }
    return out;
  }

  /** The rows of group g, ascending. */
  public int[] rows(int g) {
    int[] out = new int[sizes()[g]];
    int k = 0;
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] == g) {
        out[k++] = i;
      }
    }
    return out;
  }
}
