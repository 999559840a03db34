package org.myelin.core.table;

/** A float64 column; missing values are NaN, as in pandas. */
public record DoubleColumn(double[] values) implements Column {

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public String typeName() {
    return "float64";
  }

  @Override
  public String format(int i) {
    double v = values[i];
    if (Double.isNaN(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  @Override
  public DoubleColumn select(int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return new DoubleColumn(out);
  }
}
