package org.myelin.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes an output under a temporary name beside its target and renames it into place only when
 * complete, so a crash never leaves a half-written file where a complete one is expected. Works for
 * files and for folders (MTX, Visium).
 */
public final class AtomicOutput {

  /** Writes the content to the given temporary path (a file, or a folder it creates). */
  @FunctionalInterface
  public interface Writer {
    void writeTo(Path temporary) throws IOException;
  }

  private AtomicOutput() {}

  /**
   * Writes {@code target} through a temporary sibling.
   *
   * @param overwrite whether an existing target may be replaced
   * @throws UnsupportedFileException when the target exists and {@code overwrite} is false
   */
  public static void write(Path target, boolean overwrite, Writer writer) {
    Pending pending = begin(target, overwrite);
    try {
      writer.writeTo(pending.temporary());
      pending.commit();
    } catch (IOException e) {
      pending.abort(e);
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      pending.abort(e);
      throw e;
    }
  }

  /**
   * Starts writing {@code target} through a temporary sibling, for an output written over a longer
   * time than one call (begun early, finished when the rest of the result is known): either
   * {@link Pending#commit} or {@link Pending#abort} ends it.
   *
   * @throws UnsupportedFileException when the target exists and {@code overwrite} is false
   */
  public static Pending begin(Path target, boolean overwrite) {
    Path abs = target.toAbsolutePath();
    Path parent = abs.getParent();
    if (Files.exists(abs) && !overwrite) {
      throw new UnsupportedFileException(target, null, "already exists (pass --force to replace it)");
    }
    Path tmp = parent.resolve("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(parent);
      deleteRecursively(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    return new Pending(target, abs, tmp);
  }

  /** An output being written under its temporary name. */
  public static final class Pending {
    private final Path target;
    private final Path abs;
    private final Path tmp;

    private Pending(Path target, Path abs, Path tmp) {
      this.target = target;
      this.abs = abs;
      this.tmp = tmp;
    }

    /** Where to write. */
    public Path temporary() {
      return tmp;
    }

    /** Renames the complete output into place. */
    public void commit() {
      try {
        if (Files.isDirectory(abs)) {
          deleteRecursively(abs);
        }
        try {
          Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        abort(e);
        throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
      }
    }

    /** Deletes what was written; a failure to delete is added to {@code cause}. */
    public void abort(Throwable cause) {
      cleanUp(tmp, cause);
    }
  }

  private static void cleanUp(Path tmp, Throwable cause) {
    try {
      deleteRecursively(tmp);
    } catch (IOException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  /** Deletes a file or a folder tree; nothing happens when the path does not exist. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
