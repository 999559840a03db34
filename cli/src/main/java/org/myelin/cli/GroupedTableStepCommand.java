package org.myelin.cli;

import picocli.CommandLine.Mixin;

/** A step command of categories (--groupby) whose step makes tables. */
abstract class GroupedTableStepCommand extends TableStepCommand {

  @Mixin
  Grouping grouping;

  /** The step, before it is given the grouping. */
  abstract GroupedStep groupedStep();

  @Override
  Step step() {
    GroupedStep s = groupedStep();
    s.grouping(grouping);
    return s;
  }
}
