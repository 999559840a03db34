package org.myelin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin normalize}: scanpy's normalize_total then log1p, raw counts kept in layers['counts']. */
@Command(name = "normalize", mixinStandardHelpOptions = true,
    description = "Scale every cell to --target-sum counts as scanpy's normalize_total, then log1p; the raw "
        + "counts stay in layers['counts'].")
final class NormalizeCommand implements Callable<Integer> {

  @Mixin
  NormalizeStep step;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    step.target();
    return StepRunner.run(spec, args, (data, parallel) -> step.apply(data, parallel));
  }
}
