package org.myelin.cli;

import picocli.CommandLine.Mixin;

/** A step command whose step makes tables: --tables DIR writes them as TSV. */
abstract class TableStepCommand extends StepCommand {

  @Mixin
  TablesOption tablesOption;

  @Override
  StepRunner.Tables tables() {
    return tablesOption.tables();
  }
}
