package org.myelin.cli;

import java.io.UncheckedIOException;
import org.myelin.io.MyelinFileException;
import picocli.CommandLine;

/**
 * Maps failures to exit codes with one line on stderr: problems with the input or the arguments
 * exit 2, anything else 1. The stack trace is printed only with {@code --stacktrace}.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    boolean trace = parsed.hasMatchedOption("--stacktrace")
        || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--stacktrace"));
    int code;
    String message;
    if (e instanceof MyelinFileException) {
      code = Main.EXIT_BAD_INPUT;
      message = e.getMessage();
    } else if (e instanceof IllegalArgumentException) {
      code = Main.EXIT_BAD_INPUT;
      message = e.getMessage();
    } else if (e instanceof UncheckedIOException io) {
      code = Main.EXIT_FAILURE;
      message = io.getMessage();
    } else {
      code = Main.EXIT_FAILURE;
      message = "internal error: " + e;
    }
    cl.getErr().println("myelin: error: " + message);
    if (trace) {
      e.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    return code;
  }

  static int onUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    cl.getErr().println("myelin: error: " + e.getMessage());
    cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    cl.getErr().flush();
    return Main.EXIT_BAD_INPUT;
  }
}
