package org.myelin.core.table;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * A numpy record array, as scanpy stores {@code uns["rank_genes_groups"]["names"]}: named fields
 * in order, each a column (String, double, float, long or int array) of the same length.
 */
public record RecordArray(String[] fields, Object[] columns) {

  public RecordArray {
    if (fields.length != columns.length || fields.length == 0) {
      throw new IllegalArgumentException("a record array needs one column per field, at least one");
    }
    int n = Array.getLength(columns[0]);
    for (int f = 0; f < fields.length; f++) {
      Object c = columns[f];
      if (!(c instanceof String[] || c instanceof double[] || c instanceof float[] || c instanceof long[]
          || c instanceof int[])) {
        throw new IllegalArgumentException("field '" + fields[f] + "': unsupported column type "
            + c.getClass().getSimpleName());
      }
      if (Array.getLength(c) != n) {
        throw new IllegalArgumentException("field '" + fields[f] + "' has " + Array.getLength(c) + " rows, the first "
            + n);
      }
    }
    fields = fields.clone();
    columns = columns.clone();
  }

  public int nRows() {
    return Array.getLength(columns[0]);
  }

  /** The column of field {@code name}, or null. */
  public Object column(String name) {
    int f = Arrays.asList(fields).indexOf(name);
    return f < 0 ? null : columns[f];
  }

  @Override
  public String[] fields() {
    return fields.clone();
  }

  @Override
  public Object[] columns() {
    return columns.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordArray r && Arrays.equals(fields, r.fields) && Arrays.deepEquals(columns, r.columns);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fields);
  }

  @Override
  public String toString() {
    return "RecordArray" + Arrays.toString(fields) + " x " + nRows();
  }
}
