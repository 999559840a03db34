package org.myelin.io.table;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.myelin.io.MalformedFileException;
import org.myelin.io.TextFiles;

/**
 * A delimited text table read whole: a header and rows of fields. The delimiter is a tab for
 * .tsv/.txt/.tab names, a comma for .csv, and otherwise whichever of the two the header holds.
 * Double-quoted fields (RFC 4180, with "" for a quote) are understood.
 */
public record DelimitedTable(Path file, String[] header, List<String[]> rows) {

  public static DelimitedTable read(Path file) {
    try (BufferedReader r = TextFiles.reader(file)) {
      String first = r.readLine();
      if (first == null) {
        throw new MalformedFileException(file, null, "empty file: expected a header line");
      }
      if (first.startsWith("\uFEFF")) {
        first = first.substring(1);
      }
      char delim = delimiter(file, first);
      String[] header = split(first, delim, file, 1);
      List<String[]> rows = new ArrayList<>();
      long lineNo = 1;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (line.isEmpty()) {
          continue;
        }
        String[] f = split(line, delim, file, lineNo);
        if (rows.isEmpty() && f.length == header.length + 1) {
          // R's write.table leaves the row-name column out of the header.
          String[] h = new String[header.length + 1];
          h[0] = "";
          System.arraycopy(header, 0, h, 1, header.length);
          header = h;
        }
        if (f.length != header.length) {
          throw new MalformedFileException(file, "line " + lineNo,
              "has " + f.length + " fields but the header has " + header.length);
        }
        rows.add(f);
      }
      return new DelimitedTable(file, header, rows);
    } catch (IOException e) {
      throw TextFiles.readFailure(file, e);
    }
  }

  static char delimiter(Path file, String header) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.gz$", "");
    if (name.endsWith(".tsv") || name.endsWith(".txt") || name.endsWith(".tab")) {
      return '\t';
    }
    if (name.endsWith(".csv")) {
      return ',';
    }
    return header.indexOf('\t') >= 0 ? '\t' : ',';
  }

  /** Splits one line on {@code delim}, honouring double quotes. */
  static String[] split(String line, char delim, Path file, long lineNo) {
    if (line.indexOf('"') < 0) {
      return line.split(java.util.regex.Pattern.quote(String.valueOf(delim)), -1);
    }
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            sb.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          sb.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == delim) {
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    if (quoted) {
      throw new MalformedFileException(file, "line " + lineNo, "unterminated quoted field");
    }
    out.add(sb.toString());
    return out.toArray(new String[0]);
  }

  /** The index of the first header name matching one of the candidates (case-insensitive), or -1. */
  public int column(String... candidates) {
    for (String c : candidates) {
      for (int j = 0; j < header.length; j++) {
        if (header[j].trim().equalsIgnoreCase(c)) {
          return j;
        }
      }
    }
    return -1;
  }
}
