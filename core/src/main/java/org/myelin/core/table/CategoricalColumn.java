package org.myelin.core.table;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A categorical column as pandas keeps it: integer codes into an ordered list of categories, code
 * -1 for a missing value, and a flag saying whether the category order is meaningful.
 */
public record CategoricalColumn(int[] codes, String[] categories, boolean ordered) implements Column {

  public CategoricalColumn {
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] < -1 || codes[i] >= categories.length) {
        throw new IllegalArgumentException(
            "code " + codes[i] + " at row " + i + " is outside [-1, " + categories.length + ")");
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int c = 0; c < categories.length; c++) {
      if (categories[c] == null || seen.put(categories[c], c) != null) {
        throw new IllegalArgumentException("categories must be unique and non-null: " + categories[c]);
      }
    }
  }

  /** Codes categories in order of first appearance (null values become missing). */
  public static CategoricalColumn fromValues(String[] values) {
    Map<String, Integer> index = new LinkedHashMap<>();
    int[] codes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      codes[i] = values[i] == null ? -1 : index.computeIfAbsent(values[i], k -> index.size());
    }
    return new CategoricalColumn(codes, index.keySet().toArray(new String[0]), false);
  }

  /** The category at row {@code i}, or null when missing. */
  public String value(int i) {
    return codes[i] < 0 ? null : categories[codes[i]];
  }

  @Override
  public int size() {
    return codes.length;
  }

  @Override
  public String typeName() {
    return "category";
  }

  @Override
  public String format(int i) {
    String v = value(i);
    return v == null ? "" : v;
  }

  @Override
  public CategoricalColumn select(int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = codes[rows[i]];
    }
    return new CategoricalColumn(out, categories, ordered);
  }
}
