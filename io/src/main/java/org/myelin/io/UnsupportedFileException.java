package org.myelin.io;

import java.nio.file.Path;

/**
 * The file is well formed but uses a format, encoding or feature that myelin does not read; or an
 * output that cannot be written where it was asked (it exists, the disk is full, its folder went).
 */
public final class UnsupportedFileException extends MyelinFileException {

  public UnsupportedFileException(Path file, String where, String problem) {
    super(file, where, problem, null);
  }

  public UnsupportedFileException(Path file, String where, String problem, Throwable cause) {
    super(file, where, problem, cause);
  }
}
