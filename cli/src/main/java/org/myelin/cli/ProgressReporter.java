package org.myelin.cli;

import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.myelin.core.tool.Progress;

/**
 * Progress of long steps on stderr: a live bar (the progressbar library) when stderr is a terminal
 * and the log is text; otherwise one line (or JSON object) at most every few seconds with the
 * percentage and the time so far; nothing with --quiet.
 */
final class ProgressReporter implements Progress {

  /** Seconds between two plain progress lines: 5, or {@code -Dmyelin.progress.seconds}. */
  static double seconds() {
    return Double.parseDouble(System.getProperty("myelin.progress.seconds", "5"));
  }

  private final Log log;
  private final String source;

  ProgressReporter(Log log, String source) {
    this.log = log;
    this.source = source;
  }

  /** Whether the process's stderr is a terminal, where a live bar can be drawn. */
  static boolean terminal() {
    java.io.Console c = System.console();
    return c != null && c.isTerminal();
  }

  @Override
  public Task start(String name, long total) {
    if (log.quiet()) {
      return NONE.start(name, total);
    }
    if (terminal() && log.format() == Log.Format.TEXT) {
      ProgressBar bar = new ProgressBarBuilder().setTaskName("myelin " + source + ": " + name)
          .setInitialMax(total > 0 ? total : -1) // -1: a count without a bar, when the total is unknown
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).clearDisplayOnFinish().build();
      return new Task() {
        @Override
        public void step(long n) {
          bar.stepBy(n);
        }

        @Override
        public void close() {
          bar.close();
        }
      };
    }
    return new Lines(name, total);
  }

  /** Plain lines, at most one every {@link #seconds()}, and one at the end when any was written. */
  private final class Lines implements Task {
    private final String name;
    private final long total;
    private final long start = System.nanoTime();
    private final double every = seconds();
    private final AtomicLong done = new AtomicLong();
    private volatile long last = System.nanoTime();
    private volatile boolean written;

    Lines(String name, long total) {
      this.name = name;
      this.total = total;
    }

    @Override
    public void step(long n) {
      long d = done.addAndGet(n);
      long now = System.nanoTime();
      if ((now - last) / 1e9 >= every) {
        synchronized (this) {
          if ((now - last) / 1e9 >= every) {
            last = now;
            written = true;
            log.progress(source, name, d, total, (now - start) / 1e9);
          }
        }
      }
    }

    @Override
    public void close() {
      if (written) {
        log.progress(source, name, done.get(), total, (System.nanoTime() - start) / 1e9);
      }
    }
  }
}
