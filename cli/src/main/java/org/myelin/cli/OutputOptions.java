package org.myelin.cli;

import picocli.CommandLine.Option;

/** Options of commands that write files. */
public final class OutputOptions {

  @Option(names = "--force", description = "Replace existing outputs (an input too, once it has been read).")
  boolean force;
}
