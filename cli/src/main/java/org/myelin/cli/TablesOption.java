package org.myelin.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --tables option of the commands that make tables. */
final class TablesOption {

  @Option(names = "--tables", paramLabel = "DIR", description = "Also write the result tables as TSV into this folder.")
  Path dir;

  StepRunner.Tables tables() {
    return new StepRunner.Tables(dir, java.util.Map.of());
  }
}
