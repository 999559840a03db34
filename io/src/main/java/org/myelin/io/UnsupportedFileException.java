package org.myelin.io;

import java.nio.file.Path;

/** The file is well formed but uses a format, encoding or feature that myelin does not read. */
public final class UnsupportedFileException extends MyelinFileException {

  public UnsupportedFileException(Path file, String where, String problem) {
    super(file, where, problem, null);
  }
}
