package org.myelin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin hvg}: scanpy's highly_variable_genes on log-normalised data. */
@Command(name = "hvg", mixinStandardHelpOptions = true,
    description = "Mark highly variable genes as scanpy's highly_variable_genes, writing the var columns scanpy "
        + "writes (means, dispersions, dispersions_norm or variances, variances_norm, highly_variable_rank; "
        + "highly_variable). seurat and cell_ranger want log-normalised X (run 'myelin normalize' first).")
final class HvgCommand implements Callable<Integer> {

  @Mixin
  HvgStep step;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    step.flavor();
    return StepRunner.run(spec, args, (data, parallel) -> step.apply(data, parallel, spec.commandLine().getErr()));
  }
}
