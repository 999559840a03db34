package org.myelin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** A command that runs one step: its input, output and shared options, then {@link StepRunner}. */
abstract class StepCommand implements Callable<Integer> {

  @Mixin
  StepArgs args;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The step, its options parsed. */
  abstract Step step();

  /** Where the step's tables go; none by default. */
  StepRunner.Tables tables() {
    return StepRunner.Tables.NONE;
  }

  @Override
  public Integer call() {
    return StepRunner.run(spec, args, step(), tables());
  }
}
