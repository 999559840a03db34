package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin leiden}: the leiden step on its own. */
@Command(name = "leiden", mixinStandardHelpOptions = true,
    description = "Cluster obsp['connectivities'] by Leiden (or Louvain) maximising modularity: Leiden as leidenalg "
        + "0.9 runs it for scanpy (the same clusters as scanpy's for the same graph and seed) or with the CWTS code by "
        + "the algorithm's authors (Louvain always): obs['leiden'] as a categorical, '0' the largest cluster; "
        + "uns['leiden'] holds the parameters and the modularity. The same labels for a seed, whatever --threads.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin leiden graph.h5ad -o clusters.h5ad --resolution 0.8",
        "  myelin leiden graph.h5ad -o clusters.h5ad --leiden-engine cwts --random-starts 10"})
final class LeidenCommand extends StepCommand {

  @Mixin
  LeidenStep step;

  @Override
  Step step() {
    return step;
  }
}
