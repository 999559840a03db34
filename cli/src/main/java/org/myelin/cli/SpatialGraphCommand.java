package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin spatial graph}: squidpy's spatial_neighbors. */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "The spatial neighbour graph, as squidpy's spatial_neighbors: obsp['spatial_connectivities'] "
        + "and obsp['spatial_distances'] (column i holds cell i's k nearest cells, as squidpy stores them), "
        + "uns['spatial_neighbors']. Visium input gets the hexagonal grid, cells their 6 nearest neighbours.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin spatial graph visium_folder -o graph.h5ad",
        "  myelin spatial graph cells.h5ad -o graph.h5ad --delaunay --prune-percentile 99"})
final class SpatialGraphCommand extends StepCommand {

  @Mixin
  SpatialGraphStep step;

  @Override
  Step step() {
    return step;
  }
}
