package org.myelin.io;

import java.nio.file.Path;

/**
 * A problem with an input or output file, naming the file and, where it helps, the place in it
 * (an HDF5 path such as {@code /obs/cell_type/codes}, or a line number). The CLI maps every one of
 * these to exit code 2.
 */
public abstract sealed class MyelinFileException extends RuntimeException
    permits MalformedFileException, UnsupportedFileException, InconsistentDataException {

  private final Path file;

  protected MyelinFileException(Path file, String where, String problem, Throwable cause) {
    super(compose(file, where, problem), cause);
    this.file = file;
  }

  private static String compose(Path file, String where, String problem) {
    StringBuilder sb = new StringBuilder();
    sb.append(file == null ? "<unknown file>" : file.toString());
    if (where != null && !where.isEmpty()) {
      // jhdf spells group paths with a trailing slash ("/obs/"); h5py and anndata do not.
      String w = where.startsWith("/") ? where.replaceAll("/{2,}", "/") : where;
      sb.append(": ").append(w.length() > 1 && w.endsWith("/") ? w.substring(0, w.length() - 1) : w);
    }
    return sb.append(": ").append(printable(problem)).toString();
  }

  /**
   * The problem as one printable line: control characters, and bytes of a binary file that a
   * reader took for Latin-1 characters (U+0080 to U+00FF) or could not decode (U+FFFD), are shown
   * as \xNN escapes instead of garbling the terminal.
   */
  static String printable(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // U+FF80 to U+FFFF: a byte above 0x7f widened with its sign, as (char) someByte gives it.
      if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0xff) || c >= 0xff80 || c == '\ufffd') {
        b.append(c == '\ufffd' ? "\\ufffd" : String.format(java.util.Locale.ROOT, "\\x%02x", c & 0xff));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  public Path file() {
    return file;
  }
}
