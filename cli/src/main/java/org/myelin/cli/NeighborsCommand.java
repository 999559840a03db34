package org.myelin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin neighbors}: scanpy's neighbors (exact search, UMAP connectivities). */
@Command(name = "neighbors", mixinStandardHelpOptions = true,
    description = "Find each cell's nearest neighbours on an embedding (obsm['X_pca'] by default; exact search) and "
        + "build scanpy's graphs: obsp['distances'] and the UMAP fuzzy-simplicial-set obsp['connectivities'].")
final class NeighborsCommand implements Callable<Integer> {

  @Mixin
  NeighborsStep step;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    step.metric();
    return StepRunner.run(spec, args, (data, parallel) -> step.apply(data, args.common.seed, parallel, spec.commandLine().getErr()));
  }
}
