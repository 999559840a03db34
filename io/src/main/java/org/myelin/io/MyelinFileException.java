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
      sb.append(": ").append(where);
    }
    return sb.append(": ").append(problem).toString();
  }

  public Path file() {
    return file;
  }
}
