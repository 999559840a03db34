package org.myelin.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the myelin command line in-process and captures stdout, stderr and the exit code. */
final class CliRunner {

  record Result(int code, String out, String err) {}

  private CliRunner() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
