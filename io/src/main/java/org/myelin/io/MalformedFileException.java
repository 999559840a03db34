package org.myelin.io;

import java.nio.file.Path;

/** The file cannot be parsed: truncated, corrupt, not the format its name says. */
public final class MalformedFileException extends MyelinFileException {

  public MalformedFileException(Path file, String where, String problem) {
    super(file, where, problem, null);
  }

  public MalformedFileException(Path file, String where, String problem, Throwable cause) {
    super(file, where, problem, cause);
  }
}
