package org.myelin.core.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A data frame with a string index and named columns in insertion order, as anndata's obs and
 * var. Every column has exactly as many rows as the index; a mismatch names the column.
 */
public final class Frame {

  private final String[] index;
  private final LinkedHashMap<String, Column> columns = new LinkedHashMap<>();

  public Frame(String[] index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  public int nRows() {
    return index.length;
  }

  /** The row names; callers must not modify the array. */
  public String[] index() {
    return index;
  }

  /** Adds or replaces a column. */
  public Frame put(String name, Column column) {
    Objects.requireNonNull(name, "column name");
    if (column.size() != index.length) {
      throw new IllegalArgumentException(
          "column '" + name + "' has " + column.size() + " rows, the frame " + index.length);
    }
    columns.put(name, column);
    return this;
  }

  public Column get(String name) {
    return columns.get(name);
  }

  public boolean has(String name) {
    return columns.containsKey(name);
  }

  public Column remove(String name) {
    return columns.remove(name);
  }

  public Map<String, Column> columns() {
    return Collections.unmodifiableMap(columns);
  }

  /** A new frame with index and columns renamed to {@code newIndex} (same length). */
  public Frame withIndex(String[] newIndex) {
    if (newIndex.length != index.length) {
      throw new IllegalArgumentException(
          "new index has " + newIndex.length + " names, the frame " + index.length + " rows");
    }
    Frame out = new Frame(newIndex);
    out.columns.putAll(columns);
    return out;
  }

  /** A new frame holding the same columns: adding or removing one leaves this frame as it is. */
  public Frame shallowCopy() {
    return withIndex(index);
  }

  /** The frame with its rows taken in the order given. */
  public Frame select(int[] rows) {
    String[] names = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      names[i] = index[rows[i]];
    }
    Frame out = new Frame(names);
    for (Map.Entry<String, Column> e : columns.entrySet()) {
      out.columns.put(e.getKey(), e.getValue().select(rows));
    }
    return out;
  }
}
