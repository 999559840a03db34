package org.myelin.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;

/** Tables written as Parquet datasets through Spark, each column with its own type. */
final class Parquet {

  /** Rows made on the driver, with the column whose values name the dataset's partitions (or null). */
  record Table(org.apache.spark.sql.types.StructType schema, List<Row> rows, String partitionBy) {}

  private Parquet() {}

  /** A frame as a table: its index first under {@code indexName}, partitioned by it. */
  static Table frame(Frame f, String indexName) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(indexName, DataTypes.StringType, false));
    for (Map.Entry<String, Column> c : f.columns().entrySet()) {
      fields.add(DataTypes.createStructField(c.getKey(), type(c.getValue()), true));
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < f.nRows(); i++) {
      Object[] r = new Object[fields.size()];
      r[0] = f.index()[i];
      int k = 1;
      for (Column c : f.columns().values()) {
        r[k++] = value(c, i);
      }
      rows.add(RowFactory.create(r));
    }
    return new Table(DataTypes.createStructType(fields), rows, indexName);
  }

  static DataType type(Column c) {
    return switch (c) {
      case DoubleColumn d -> DataTypes.DoubleType;
      case IntColumn n -> DataTypes.LongType;
      case BooleanColumn b -> DataTypes.BooleanType;
      case StringColumn s -> DataTypes.StringType;
      case CategoricalColumn k -> DataTypes.StringType;
    };
  }

  static Object value(Column c, int i) {
    return switch (c) {
      case DoubleColumn d -> d.values()[i];
      case IntColumn n -> n.isMissing(i) ? null : n.values()[i];
      case BooleanColumn b -> b.isMissing(i) ? null : b.values()[i];
      case StringColumn s -> s.values()[i];
      case CategoricalColumn k -> k.codes()[i] < 0 ? null : k.categories()[k.codes()[i]];
    };
  }

  static void write(SparkSession session, Table t, org.apache.hadoop.fs.Path path) {
    write(session.createDataFrame(t.rows(), t.schema()), t.partitionBy(), path);
  }

  /** Rows made by the executors, partitioned by a column's values (or not, with null). */
  static void write(Dataset<Row> rows, String partitionBy, org.apache.hadoop.fs.Path path) {
    var writer = rows.write().mode(SaveMode.ErrorIfExists);
    if (partitionBy != null) {
      writer = writer.partitionBy(partitionBy);
    }
    writer.parquet(path.toString());
  }
}
