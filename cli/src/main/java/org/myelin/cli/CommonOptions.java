package org.myelin.cli;

import org.myelin.core.parallel.Parallel;
import picocli.CommandLine.Option;

/** Options every command shares: threads, seed, stack traces. */
public final class CommonOptions {

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Worker threads; 0 (default) uses all cores. Results do not depend on it.")
  int threads;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed for every random draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
  boolean stacktrace;

  @Option(names = "--quiet", description = "Print nothing on stderr but errors.")
  boolean quiet;

  @Option(names = "--log-format", paramLabel = "FMT",
      description = "text (default), or json: one JSON object per event (time, level, source, message), errors too.")
  String logFormat = "text";

  /** The log these options ask for; a bad --log-format is refused. */
  Log log(java.io.PrintWriter err) {
    return new Log(err, Step.choice(Log.Format.class, logFormat, "--log-format"), quiet);
  }

  /** A pool sized by --threads; validated here so a bad value exits 2. */
  Parallel parallel() {
    if (threads < 0) {
      throw new IllegalArgumentException("Invalid --threads: " + threads + " (use 0 for all cores)");
    }
    return new Parallel(threads);
  }
}
