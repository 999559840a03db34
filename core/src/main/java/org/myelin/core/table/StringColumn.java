package org.myelin.core.table;

/** A string column; null marks a missing value. */
public record StringColumn(String[] values) implements Column {

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public String format(int i) {
    return values[i] == null ? "" : values[i];
  }

  @Override
  public StringColumn select(int[] rows) {
    String[] out = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return new StringColumn(out);
  }
}
