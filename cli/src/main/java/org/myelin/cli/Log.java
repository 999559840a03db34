package org.myelin.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command's reports go, on stderr: one line per event as text ("myelin qc: kept ..."), one
 * JSON object per event for workflow engines that parse logs ({@code --log-format json}), or
 * nothing but errors ({@code --quiet}). stdout carries data only.
 */
final class Log {

  /** How events are written. */
  enum Format { TEXT, JSON }

  private final PrintWriter err;
  private final Format format;
  private final boolean quiet;
  private final java.util.List<String> warnings = new java.util.ArrayList<>();

  Log(PrintWriter err, Format format, boolean quiet) {
    this.err = err;
    this.format = format;
    this.quiet = quiet;
  }

  /** One event of {@code source} (a command or a step: "qc", "spatial niche"). */
  void info(String source, String message) {
    if (message.startsWith("warning")) {
      warnings.add(source + ": " + message);
    }
    if (quiet) {
      return;
    }
    if (format == Format.JSON) {
      err.println(json("info", source, message));
    } else {
      err.println("myelin " + source + ": " + message);
    }
    err.flush();
  }

  /** The warnings logged so far ("source: warning: ..."), for the report. */
  java.util.List<String> warnings() {
    return java.util.List.copyOf(warnings);
  }

  Format format() {
    return format;
  }

  boolean quiet() {
    return quiet;
  }

  /** How far a long task of {@code source} is: text "umap epochs 45% (90/200) after 12.0 s", or a JSON object. */
  void progress(String source, String task, long done, long total, double seconds) {
    if (quiet) {
      return;
    }
    String message = total > 0 ? String.format(java.util.Locale.ROOT, "%s %d%% (%d/%d) after %.1f s", task,
        100 * done / total, done, total, seconds)
        : String.format(java.util.Locale.ROOT, "%s %d after %.1f s", task, done, seconds); // an unknown total
    if (format == Format.JSON) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("time", Instant.now().toString());
      event.put("level", "progress");
      event.put("source", source);
      event.put("task", task);
      event.put("message", message);
      event.put("done", done);
      event.put("total", total);
      event.put("seconds", seconds);
      err.println(Json.write(event));
    } else {
      err.println("myelin " + source + ": " + message);
    }
    err.flush();
  }

  /** An event formatted with {@code String.format} in the root locale. */
  void info(String source, String format, Object... args) {
    info(source, String.format(java.util.Locale.ROOT, format, args));
  }

  /** An error event as one JSON object (text errors are written by {@link Failures}). */
  static String json(String level, String source, String message) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("time", Instant.now().toString());
    event.put("level", level);
    event.put("source", source);
    event.put("message", message);
    return Json.write(event);
  }
}
