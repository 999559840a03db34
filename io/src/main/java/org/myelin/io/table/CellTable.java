package org.myelin.io.table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.MalformedFileException;
import org.myelin.io.UnsupportedFileException;

/**
 * A table of cells with coordinates, as Xenium, MERFISH and CosMx export (and Seurat/squidpy users
 * keep): one row per cell with an id and x, y. Read from CSV/TSV (gzip or plain) or Arrow IPC
 * (file or stream), and joined to a matrix by cell id into {@code obsm["spatial"]}; every other
 * column (cluster, area, fov, ...) joins obs: integers, numbers or text.
 */
public record CellTable(Path file, String[] ids, double[] x, double[] y, Map<String, String[]> extra) {

  /** Column names tried, in order, when the caller does not name the columns. */
  static final String[] ID_COLUMNS = {"cell_id", "cell", "barcode", "barcodes", "cell_ID", "spot", "id", "obs_names"};
  static final String[] X_COLUMNS = {"x", "x_centroid", "center_x", "x_location", "coordinate_x_um", "x_um", "CenterX_global_px", "imagecol", "pxl_col_in_fullres"};
  static final String[] Y_COLUMNS = {"y", "y_centroid", "center_y", "y_location", "coordinate_y_um", "y_um", "CenterY_global_px", "imagerow", "pxl_row_in_fullres"};

  /** Column names chosen by the user; null fields are detected. */
  public record Columns(String id, String x, String y) {
    public static final Columns DETECT = new Columns(null, null, null);
  }

  public static CellTable read(Path file, Columns columns) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".parquet") || name.endsWith(".pq")) {
      throw new UnsupportedFileException(file, null,
          "Parquet cell tables are not read (no lean Java Parquet reader); export the table as CSV/TSV or Arrow IPC (.arrow/.feather)");
    }
    if (isArrow(file)) {
      return fromColumns(file, readArrow(file), columns);
    }
    DelimitedTable t = DelimitedTable.read(file);
    Map<String, String[]> cols = new java.util.LinkedHashMap<>();
    for (int j = 0; j < t.header().length; j++) {
      String[] values = new String[t.rows().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = t.rows().get(i)[j];
      }
      cols.put(t.header()[j], values);
    }
    return fromColumns(file, cols, columns);
  }

  private static boolean isArrow(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(8);
      // IPC file: "ARROW1"; IPC stream: a continuation marker 0xFFFFFFFF.
      return (magic.length >= 6 && new String(magic, 0, 6, java.nio.charset.StandardCharsets.US_ASCII).equals("ARROW1"))
          || (magic.length >= 4 && magic[0] == -1 && magic[1] == -1 && magic[2] == -1 && magic[3] == -1);
    } catch (IOException e) {
      throw new MalformedFileException(file, null, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Checks every size an Arrow IPC file states before Arrow allocates by it: each message's
   * metadata and body must lie within the file (a 12-byte file claiming a 1.6 GB message is refused
   * here, not met with an allocation), and the file format's footer too.
   */
  private static void checkArrowSizes(Path file) {
    try (FileChannel ch = FileChannel.open(file)) {
      long size = ch.size();
      java.nio.ByteBuffer four = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      long pos = 0;
      if (isIpcFile(file)) {
        if (size < 18) {
          throw new MalformedFileException(file, null, "an Arrow IPC file of " + size + " bytes is too short");
        }
        four.clear();
        ch.read(four, size - 10);
        long footer = Integer.toUnsignedLong(four.getInt(0));
        if (footer > size - 18) {
          throw new MalformedFileException(file, null, "its Arrow footer claims " + footer + " bytes, more than the "
              + size + "-byte file holds");
        }
        pos = 8;
      }
      while (pos + 4 <= size) {
        four.clear();
        ch.read(four, pos);
        long len = four.getInt(0);
        pos += 4;
        if (len == -1) { // the continuation marker, then the length
          if (pos + 4 > size) {
            break;
          }
          four.clear();
          ch.read(four, pos);
          len = Integer.toUnsignedLong(four.getInt(0));
          pos += 4;
        }
        if (len == 0) {
          break;
        }
        if (len < 0 || pos + len > size) {
          throw new MalformedFileException(file, null, "an Arrow message at byte " + (pos - 4) + " claims " + len
              + " bytes of metadata, more than the " + size + "-byte file holds");
        }
        java.nio.ByteBuffer meta = java.nio.ByteBuffer.allocate((int) len);
        ch.read(meta, pos);
        meta.flip();
        long body = org.apache.arrow.flatbuf.Message.getRootAsMessage(meta).bodyLength();
        pos += len;
        if (body < 0 || pos + body > size) {
          throw new MalformedFileException(file, null, "an Arrow message claims a body of " + body
              + " bytes, more than the " + size + "-byte file holds");
        }
        pos += body;
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof MalformedFileException m) {
        throw m;
      }
      throw new MalformedFileException(file, null, "not a readable Arrow IPC file: " + e.getMessage(), e);
    }
  }

  private static Map<String, String[]> readArrow(Path file) {
    checkArrowSizes(file);
    Map<String, List<String>> cols = new java.util.LinkedHashMap<>();
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel ch = FileChannel.open(file);
        ArrowReader reader = isIpcFile(file) ? new ArrowFileReader(ch, allocator) : new ArrowStreamReader(ch, allocator)) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (FieldVector v : root.getFieldVectors()) {
          List<String> out = cols.computeIfAbsent(v.getName(), k -> new ArrayList<>());
          for (int i = 0; i < root.getRowCount(); i++) {
            Object o = v.getObject(i);
            out.add(o == null ? "" : o.toString());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new MalformedFileException(file, null, "not a readable Arrow IPC file: " + e.getMessage(), e);
    }
    Map<String, String[]> out = new java.util.LinkedHashMap<>();
    cols.forEach((k, v) -> out.put(k, v.toArray(new String[0])));
    return out;
  }

  private static boolean isIpcFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(6);
      return new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("ARROW1");
    }
  }

  private static CellTable fromColumns(Path file, Map<String, String[]> cols, Columns chosen) {
    List<String> names = new ArrayList<>(cols.keySet());
    String id = pick(file, names, chosen.id(), ID_COLUMNS, "cell id", true);
    String xName = pick(file, names, chosen.x(), X_COLUMNS, "x", false);
    String yName = pick(file, names, chosen.y(), Y_COLUMNS, "y", false);
    String[] ids = cols.get(id);
    double[] x = numbers(file, xName, cols.get(xName));
    double[] y = numbers(file, yName, cols.get(yName));
    Map<String, String[]> extra = new java.util.LinkedHashMap<>(cols);
    extra.remove(id);
    extra.remove(xName);
    extra.remove(yName);
    return new CellTable(file, ids, x, y, extra);
  }

  private static String pick(Path file, List<String> names, String chosen, String[] candidates, String what, boolean firstAsFallback) {
    if (chosen != null) {
      for (String n : names) {
        if (n.equals(chosen)) {
          return n;
        }
      }
      throw new InconsistentDataException(file, null, "no column named '" + chosen + "'; columns are " + names);
    }
    for (String c : candidates) {
      for (String n : names) {
        if (n.trim().equalsIgnoreCase(c)) {
          return n;
        }
      }
    }
    if (firstAsFallback && !names.isEmpty()) {
      return names.get(0);
    }
    throw new InconsistentDataException(file, null,
        "no " + what + " column found (tried " + String.join(", ", candidates) + "); columns are " + names);
  }

  private static double[] numbers(Path file, String column, String[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      try {
        out[i] = Double.parseDouble(values[i].trim());
      } catch (NumberFormatException e) {
        throw new InconsistentDataException(file, "row " + (i + 1) + ", column '" + column + "'",
            "not a number: '" + values[i] + "'");
      }
      if (!Double.isFinite(out[i])) {
        throw new InconsistentDataException(file, "row " + (i + 1) + ", column '" + column + "'",
            "coordinate is not finite: " + values[i]);
      }
    }
    return out;
  }

  /**
   * Puts the coordinates of every cell of {@code data} into {@code obsm["spatial"]}, matched by
   * cell id. Every cell must have a row; extra rows (cells filtered out) are ignored.
   */
  public void joinInto(CellData data) {
    Map<String, Integer> rowOf = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (rowOf.put(ids[i], i) != null) {
        throw new InconsistentDataException(file, "row " + (i + 1), "duplicate cell id '" + ids[i] + "'");
      }
    }
    String[] cells = data.obs().index();
    double[] xy = new double[2 * cells.length];
    int missing = 0;
    String firstMissing = null;
    for (int i = 0; i < cells.length; i++) {
      Integer r = rowOf.get(cells[i]);
      if (r == null) {
        if (missing++ == 0) {
          firstMissing = cells[i];
        }
        continue;
      }
      xy[2 * i] = x[r];
      xy[2 * i + 1] = y[r];
    }
    if (missing > 0) {
      throw new InconsistentDataException(file, null,
          missing + " of " + cells.length + " cells have no coordinates here, the first '" + firstMissing + "'");
    }
    data.putObsm(Keys.OBSM_SPATIAL, new DenseDoubleMatrix(cells.length, 2, xy));
    for (Map.Entry<String, String[]> c : extra.entrySet()) {
      // A column the matrix's obs already has keeps its value; the table's goes beside it.
      String name = data.obs().has(c.getKey()) ? c.getKey() + "_coords" : c.getKey();
      data.obs().put(name, column(c.getValue(), rowOf, cells));
    }
  }

  /** A table column in the matrix's cell order: integers, numbers (empty as NaN) or text, as pandas reads them. */
  private static org.myelin.core.table.Column column(String[] values, Map<String, Integer> rowOf, String[] cells) {
    String[] v = new String[cells.length];
    boolean integers = true;
    boolean numbers = true;
    for (int i = 0; i < cells.length; i++) {
      v[i] = values[rowOf.get(cells[i])].trim();
      if (v[i].isEmpty()) {
        integers = false;
        continue;
      }
      if (integers && !v[i].matches("[-+]?\\d{1,18}")) {
        integers = false;
      }
      if (numbers) {
        try {
          Double.parseDouble(v[i]);
        } catch (NumberFormatException e) {
          numbers = false;
        }
      }
    }
    if (integers) {
      return new org.myelin.core.table.IntColumn(java.util.Arrays.stream(v).mapToLong(Long::parseLong).toArray());
    }
    if (numbers) {
      return new org.myelin.core.table.DoubleColumn(java.util.Arrays.stream(v)
          .mapToDouble(t -> t.isEmpty() ? Double.NaN : Double.parseDouble(t)).toArray());
    }
    return new org.myelin.core.table.StringColumn(v);
  }
}
