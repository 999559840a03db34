package org.myelin.core.tool;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.myelin.core.parallel.Parallel;

/**
 * What a tool gets besides its data and options: the worker pool (results never depend on its
 * size), the seed of every random draw, and a sink for the one-line reports a tool makes.
 */
public record ToolContext(Parallel parallel, long seed, Consumer<String> log) {

  public ToolContext {
    Objects.requireNonNull(parallel, "parallel");
    Objects.requireNonNull(log, "log");
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
