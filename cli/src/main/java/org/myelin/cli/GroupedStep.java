package org.myelin.cli;

/** A step that reads the shared grouping (--groupby), which the command declares once. */
interface GroupedStep extends Step {

  /** Gives the step the command's grouping. */
  void grouping(Grouping grouping);
}
