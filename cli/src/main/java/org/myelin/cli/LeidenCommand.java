package org.myelin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin leiden}: Leiden or Louvain clustering of the neighbour graph. */
@Command(name = "leiden", mixinStandardHelpOptions = true,
    description = "Cluster obsp['connectivities'] by Leiden (or Louvain) maximising modularity: Leiden as leidenalg "
        + "0.9 runs it for scanpy (the same clusters as scanpy's for the same graph and seed) or with the CWTS code by "
        + "the algorithm's authors (Louvain always): obs['leiden'] as a categorical, '0' the largest cluster; "
        + "uns['leiden'] holds the parameters and the modularity. The same labels for a seed, whatever --threads.")
final class LeidenCommand implements Callable<Integer> {

  @Mixin
  LeidenStep step;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    step.algorithm();
    return StepRunner.run(spec, args, (data, parallel) -> step.apply(data, args.common.seed, spec.commandLine().getErr()));
  }
}
