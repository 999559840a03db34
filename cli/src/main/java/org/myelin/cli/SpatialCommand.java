package org.myelin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code myelin spatial}: the spatial statistics, one subcommand each. */
@Command(name = "spatial", mixinStandardHelpOptions = true,
    description = "Spatial statistics on obsm['spatial']: the neighbour graph, autocorrelation, neighbourhood "
        + "enrichment and centrality, co-occurrence, Ripley's functions, ligand-receptor co-localisation, and the "
        + "nerve niche.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin spatial graph visium_folder -o graph.h5ad",
        "  myelin spatial niche graph.h5ad -o niche.h5ad --niche-reference cell_type=schwann --tables tables/"})
final class SpatialCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: graph, autocorr, nhood, "
        + "co-occurrence, ripley, ligrec or niche");
  }
}
