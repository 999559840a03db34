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
      sb.append(": ").append(where.length() > 1 && where.endsWith("/") ? where.substring(0, where.length() - 1) : where);
    }
    return sb.append(": ").append(problem).toString();
  }

  public Path file() {
    return file;
  }
}
