package org.myelin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.myelin.core.table.Frame;
import org.myelin.io.table.TableWriter;

/** A folder of TSV tables beside a command's h5ad ({@code --tables DIR}): one file per table name. */
final class TableDir {

  private TableDir() {}

  /** Refuses, before any work, to overwrite tables without --force. */
  static void checkWritable(Path dir, List<String> names, OutputOptions output) {
    if (dir != null) {
      for (String name : names) {
        output.checkWritable(dir.resolve(name + ".tsv"));
      }
    }
  }

  /** Writes each table as DIR/NAME.tsv, the index column named {@code indexName}; returns the files. */
  static List<Path> write(Path dir, Map<String, Frame> tables, String indexName, boolean force) {
    List<Path> out = new ArrayList<>();
    if (dir == null) {
      return out;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    for (Map.Entry<String, Frame> t : tables.entrySet()) {
      Path p = dir.resolve(t.getKey() + ".tsv");
      TableWriter.write(t.getValue(), indexName, p, force);
      out.add(p);
    }
    return out;
  }
}
