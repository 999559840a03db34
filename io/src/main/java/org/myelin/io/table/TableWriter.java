package org.myelin.io.table;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;
import org.myelin.io.AtomicOutput;
import org.myelin.io.TextFiles;
import org.myelin.io.UnsupportedFileException;

/**
 * Writes a {@link Frame} (obs, var, a result table) as TSV ({@code .tsv}, {@code .txt}, gzip
 * when the name ends in {@code .gz}), CSV ({@code .csv}) or an Arrow IPC file ({@code .arrow},
 * {@code .feather}: Feather v2). The index is the first column, under {@code indexName}.
 *
 * <p>Arrow types: float64, int64, bool and utf8 (categories are written as their labels); missing
 * values are Arrow nulls. Parquet is not written: Java's Parquet writers need Hadoop.
 */
public final class TableWriter {

  /** The formats a table can be written in. */
  public enum Format { TSV, CSV, ARROW }

  private TableWriter() {}

  /** The format a file name asks for, or null when it names none. */
  public static Format formatOf(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
    if (n.endsWith(".tsv") || n.endsWith(".txt") || n.endsWith(".tab")) {
      return Format.TSV;
    }
    if (n.endsWith(".csv")) {
      return Format.CSV;
    }
    if (n.endsWith(".arrow") || n.endsWith(".feather") || n.endsWith(".ipc")) {
      return Format.ARROW;
    }
    return null;
  }

  public static void write(Frame frame, String indexName, Path target, boolean overwrite) {
    Format format = formatOf(target);
    if (format == null) {
      String n = target.getFileName().toString();
      throw new UnsupportedFileException(target, null,
          n.endsWith(".parquet") ? "Parquet is not written; use .arrow (Feather v2) or .tsv"
              : "unknown table format; use .tsv, .tsv.gz, .csv or .arrow");
    }
    AtomicOutput.write(target, overwrite, tmp -> {
      if (format == Format.ARROW) {
        writeArrow(frame, indexName, tmp);
      } else {
        writeText(frame, indexName, tmp, target, format == Format.TSV ? '\t' : ',');
      }
    });
  }

  /**
   * Writes the table to a path inside an output that is itself being written atomically (a folder
   * under its temporary name), in the format the name asks for.
   */
  public static void writeTo(Frame frame, String indexName, Path file) throws IOException {
    Format format = formatOf(file);
    if (format == Format.ARROW) {
      writeArrow(frame, indexName, file);
    } else {
      writeText(frame, indexName, file, file, format == Format.CSV ? ',' : '\t');
    }
  }

  private static void writeText(Frame frame, String indexName, Path tmp, Path target, char sep) throws IOException {
    try (Writer w = new OutputStreamWriter(TextFiles.create(tmp, target), StandardCharsets.UTF_8)) {
      w.write(quote(indexName, sep));
      for (String name : frame.columns().keySet()) {
        w.write(sep);
        w.write(quote(name, sep));
      }
      w.write('\n');
      List<Column> cols = new ArrayList<>(frame.columns().values());
      String[] index = frame.index();
      for (int i = 0; i < index.length; i++) {
        w.write(quote(index[i], sep));
        for (Column c : cols) {
          w.write(sep);
          w.write(quote(c.format(i), sep));
        }
        w.write('\n');
      }
    }
  }

  private static String quote(String s, char sep) {
    if (s.indexOf(sep) < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static void writeArrow(Frame frame, String indexName, Path tmp) throws IOException {
    int n = frame.nRows();
    try (BufferAllocator allocator = new RootAllocator()) {
      List<FieldVector> vectors = new ArrayList<>();
      try {
        vectors.add(strings(indexName, frame.index(), allocator));
        for (Map.Entry<String, Column> e : frame.columns().entrySet()) {
          vectors.add(vector(e.getKey(), e.getValue(), allocator));
        }
        try (VectorSchemaRoot root = new VectorSchemaRoot(vectors);
            FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ArrowFileWriter writer = new ArrowFileWriter(root, null, ch)) {
          root.setRowCount(n);
          writer.start();
          writer.writeBatch();
          writer.end();
        }
      } finally {
        for (FieldVector v : vectors) {
          v.close();
        }
      }
    }
  }

  private static FieldVector vector(String name, Column column, BufferAllocator allocator) {
    int n = column.size();
    switch (column) {
      case DoubleColumn c -> {
        Float8Vector v = new Float8Vector(name, allocator);
        v.allocateNew(n);
        for (int i = 0; i < n; i++) {
          if (Double.isNaN(c.values()[i])) {
            v.setNull(i);
          } else {
            v.set(i, c.values()[i]);
          }
        }
        v.setValueCount(n);
        return v;
      }
      case IntColumn c -> {
        BigIntVector v = new BigIntVector(name, allocator);
        v.allocateNew(n);
        for (int i = 0; i < n; i++) {
          if (c.isMissing(i)) {
            v.setNull(i);
          } else {
            v.set(i, c.values()[i]);
          }
        }
        v.setValueCount(n);
        return v;
      }
      case BooleanColumn c -> {
        BitVector v = new BitVector(name, allocator);
        v.allocateNew(n);
        for (int i = 0; i < n; i++) {
          if (c.isMissing(i)) {
            v.setNull(i);
          } else {
            v.set(i, c.values()[i] ? 1 : 0);
          }
        }
        v.setValueCount(n);
        return v;
      }
      case StringColumn c -> {
        return strings(name, c.values(), allocator);
      }
      case CategoricalColumn c -> {
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
          labels[i] = c.value(i);
        }
        return strings(name, labels, allocator);
      }
    }
  }

  private static VarCharVector strings(String name, String[] values, BufferAllocator allocator) {
    VarCharVector v = new VarCharVector(name, allocator);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        v.setNull(i);
      } else {
        v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
      }
    }
    v.setValueCount(values.length);
    return v;
  }
}
