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
      throw failure(target, e);
    } catch (RuntimeException | Error e) {
      pending.abort(e);
      RuntimeException f = e instanceof UncheckedIOException u ? failure(target, u) : null;
      if (f != null) {
        throw f;
      }
      throw e;
    }
  }

  /** Told of each temporary output an interrupted run left behind and that is now removed. */
  private static volatile java.util.function.Consumer<Path> leftovers = p -> { };

  /** Where to report the removal of temporary outputs left by an interrupted run (the CLI logs it). */
  public static void onLeftoverRemoved(java.util.function.Consumer<Path> listener) {
    leftovers = listener;
  }

  /**
   * The error for a write that failed: a full file system, a file-size limit or an output folder
   * that disappeared are the user's to fix (a bad-input error, exit 2, naming the device or
   * folder); anything else stays an I/O failure.
   */
  public static RuntimeException failure(Path target, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("No space left on device")) {
        return new UnsupportedFileException(target, null, "no space left on " + device(target) + " while writing "
            + target.getFileName(), e);
      }
      if (m.contains("File too large")) {
        return new UnsupportedFileException(target, null, "the file-size limit was reached while writing "
            + target.getFileName() + " (ulimit -f)", e);
      }
      if (t instanceof java.nio.file.NoSuchFileException) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
          return new UnsupportedFileException(target, null, "the output folder " + parent
              + " disappeared while it was being written", e);
        }
      }
    }
    return e instanceof UncheckedIOException u ? u
        : new UncheckedIOException("cannot write " + target + ": " + e.getMessage(),
            e instanceof IOException io ? io : new IOException(e));
  }

  /** The file system's name and mount point, as df shows them. */
  private static String device(Path target) {
    Path p = target.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    try {
      java.nio.file.FileStore store = Files.getFileStore(p);
      return store.name() + " (" + store + ")";
    } catch (IOException | RuntimeException e) {
      return "the device of " + target.toAbsolutePath().getParent();
    }
  }

  /**
   * Removes the temporary outputs for {@code name} that runs killed before they could clean up
   * left in {@code parent} (their process is gone), telling {@link #onLeftoverRemoved}'s listener.
   */
  private static void removeLeftovers(Path parent, String name) {
    String prefix = "." + name + ".tmp-";
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (java.util.stream.Stream<Path> siblings = Files.list(parent)) {
      for (Path p : siblings.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        long pid;
        try {
          pid = Long.parseLong(p.getFileName().toString().substring(prefix.length()));
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
          deleteRecursively(p);
          leftovers.accept(p);
        }
      }
    } catch (IOException e) {
      // A leftover that cannot be removed stays; it does not stop this run.
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
      throw failure(target, e);
    }
    removeLeftovers(parent, abs.getFileName().toString());
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
        throw failure(target, e);
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
