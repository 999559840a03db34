package org.myelin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin pca}: scanpy's scale then pca, X kept sparse. */
@Command(name = "pca", mixinStandardHelpOptions = true,
    description = "Principal components of the standardised highly variable genes, as scanpy's scale(max_value) "
        + "then pca, without making X dense: obsm['X_pca'], varm['PCs'], uns['pca'] (variance, variance_ratio). "
        + "Signs as sklearn: each component's largest score is positive.")
final class PcaCommand implements Callable<Integer> {

  @Mixin
  PcaStep step;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    step.clip();
    return StepRunner.run(spec, args, (data, parallel) -> step.apply(data, parallel, spec.commandLine().getErr()));
  }
}
