package org.myelin.core.table;

/** One column of a {@link Frame}: a typed array of {@link #size()} values. */
public sealed interface Column
    permits DoubleColumn, IntColumn, BooleanColumn, StringColumn, CategoricalColumn {

  int size();

  /** A short type name for listings: float64, int64, bool, string, category. */
  String typeName();

  /** The value at {@code i} as text, {@code ""} when missing; for tables and listings. */
  String format(int i);

  /** The same column with its rows taken in the order given. */
  Column select(int[] rows);
}
