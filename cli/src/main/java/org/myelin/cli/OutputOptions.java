package org.myelin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.myelin.io.UnsupportedFileException;
import picocli.CommandLine.Option;

/** Options of commands that write files. */
public final class OutputOptions {

  @Option(names = "--force", description = "Replace existing outputs (an input too, once it has been read).")
  boolean force;

  /**
   * Refuses an existing output unless --force, before any work is done, so a long run is not
   * wasted on an output that may not be replaced.
   */
  void checkWritable(Path out) {
    if (Files.exists(out) && !force) {
      throw new UnsupportedFileException(out, null, "already exists (pass --force to replace it)");
    }
  }
}
