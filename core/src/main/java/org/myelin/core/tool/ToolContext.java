package org.myelin.core.tool;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.myelin.core.parallel.Parallel;

/**
 * What a tool gets besides its data and options: the worker pool (results never depend on its
 * size), the seed of every random draw, a sink for the one-line reports a tool makes, and where
 * long tools report their progress.
 */
public record ToolContext(Parallel parallel, long seed, Consumer<String> log, Progress progress) {

  public ToolContext {
    Objects.requireNonNull(parallel, "parallel");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(progress, "progress");
  }

  /** A context that reports its lines but not its progress. */
  public ToolContext(Parallel parallel, long seed, Consumer<String> log) {
    this(parallel, seed, log, Progress.NONE);
  }

  /** A context that reports nothing. */
  public static ToolContext quiet(Parallel parallel, long seed) {
    return new ToolContext(parallel, seed, line -> { });
  }

  /** Reports one line, formatted in the root locale so logs read the same everywhere. */
  public void info(String format, Object... args) {
    log.accept(String.format(Locale.ROOT, format, args));
  }
}
