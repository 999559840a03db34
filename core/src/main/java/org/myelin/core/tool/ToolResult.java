package org.myelin.core.tool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.myelin.core.data.CellData;
import org.myelin.core.table.Frame;

/**
 * What a tool returns: the data (the container it was given, changed, or a new one when it
 * filters cells or genes) and the tables it made, by name, in the order they were made.
 */
public record ToolResult(CellData data, Map<String, Table> tables) {

  /** A result table and the name of its index column when written as text. */
  public record Table(Frame frame, String indexName) {
    public Table {
      Objects.requireNonNull(frame, "frame");
      Objects.requireNonNull(indexName, "indexName");
    }
  }

  public ToolResult {
    Objects.requireNonNull(data, "data");
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  /** A result with no table. */
  public static ToolResult of(CellData data) {
    return new ToolResult(data, Map.of());
  }

  /** A result with tables of one index name, in the map's order. */
  public static ToolResult of(CellData data, Map<String, Frame> frames, String indexName) {
    Map<String, Table> t = new LinkedHashMap<>();
    frames.forEach((k, v) -> t.put(k, new Table(v, indexName)));
    return new ToolResult(data, t);
  }

  /** The frame of table {@code name}, or null. */
  public Frame frame(String name) {
    Table t = tables.get(name);
    return t == null ? null : t.frame();
  }
}
