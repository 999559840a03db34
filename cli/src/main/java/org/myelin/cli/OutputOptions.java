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

  /**
   * Refuses, before any work, an output folder that cannot be written: the nearest existing
   * ancestor must be a writable folder (missing folders below it are made when writing).
   */
  void checkFolder(Path folder) {
    Path p = folder == null ? Path.of("").toAbsolutePath() : folder.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null || !Files.isDirectory(p)) {
      throw new UnsupportedFileException(folder, null, "cannot write here: " + p + " is not a folder");
    }
    if (!Files.isWritable(p)) {
      throw new UnsupportedFileException(folder, null, "cannot write here: the folder " + p + " is not writable");
    }
  }
}
