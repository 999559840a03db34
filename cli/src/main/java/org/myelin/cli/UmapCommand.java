package org.myelin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin umap}: the UMAP layout of the neighbour graph. */
@Command(name = "umap", mixinStandardHelpOptions = true,
    description = "Lay out obsp['connectivities'] in two dimensions by UMAP (spectral start, umap-learn's curve, "
        + "edge and negative sampling): obsm['X_umap']. The same coordinates for a seed, whatever --threads.")
final class UmapCommand implements Callable<Integer> {

  @Mixin
  UmapStep step;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    step.options(args.common.seed);
    return StepRunner.run(spec, args, (data, parallel) -> step.apply(data, args.common.seed, parallel,
        spec.commandLine().getErr()));
  }
}
