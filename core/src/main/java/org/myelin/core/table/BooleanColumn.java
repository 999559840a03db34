package org.myelin.core.table;

/** A boolean column with an optional mask of missing values (pandas' nullable {@code boolean}). */
public record BooleanColumn(boolean[] values, boolean[] missing) implements Column {

  public BooleanColumn {
    if (missing != null && missing.length != values.length) {
      throw new IllegalArgumentException(
          "mask length " + missing.length + " differs from " + values.length + " values");
    }
  }

  public BooleanColumn(boolean[] values) {
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
    return missing == null ? "bool" : "boolean";
  }

  @Override
  public String format(int i) {
    return isMissing(i) ? "" : (values[i] ? "True" : "False");
  }

  @Override
  public BooleanColumn select(int[] rows) {
    boolean[] out = new boolean[rows.length];
    boolean[] mask = missing == null ? null : new boolean[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
      if (mask != null) {
        mask[i] = missing[rows[i]];
      }
    }
    return new BooleanColumn(out, mask);
  }
}
