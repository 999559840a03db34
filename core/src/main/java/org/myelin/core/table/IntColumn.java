package org.myelin.core.table;

/**
 * An integer column held as int64, with an optional mask of missing values (pandas' nullable
 * {@code Int64}); {@code missing} is null when no value is missing.
 */
public record IntColumn(long[] values, boolean[] missing) implements Column {

  public IntColumn {
    if (missing != null && missing.length != values.length) {
      throw new IllegalArgumentException(
          "mask length " + missing.length + " differs from " + values.length + " values");
    }
  }

  public IntColumn(long[] values) {
    this(values, null);
  }

  public boolean isMissing(int i) {
    return missing != null && missing[i];
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public String typeName() {
    return missing == null ? "int64" : "Int64";
  }

  @Override
  public String format(int i) {
    return isMissing(i) ? "" : Long.toString(values[i]);
  }

  @Override
  public IntColumn select(int[] rows) {
    long[] out = new long[rows.length];
    boolean[] mask = missing == null ? null : new boolean[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
      if (mask != null) {
        mask[i] = missing[rows[i]];
      }
    }
    return new IntColumn(out, mask);
  }
}
