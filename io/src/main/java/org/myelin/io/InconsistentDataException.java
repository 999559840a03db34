package org.myelin.io;

import java.nio.file.Path;

/**
 * The file parses but its parts disagree or break a rule of the data: shapes that do not match,
 * offsets out of range, duplicate barcodes, negative or non-finite counts, an empty matrix.
 */
public final class InconsistentDataException extends MyelinFileException {

  public InconsistentDataException(Path file, String where, String problem) {
    super(file, where, problem, null);
  }

  public InconsistentDataException(Path file, String where, String problem, Throwable cause) {
    super(file, where, problem, cause);
  }
}
