package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin neighbors}: the neighbors step on its own. */
@Command(name = "neighbors", mixinStandardHelpOptions = true,
    description = "The k-nearest-neighbour graph of an embedding, as scanpy's neighbors: exact below 8,192 cells, "
        + "NN-descent above; obsp['distances'] and obsp['connectivities'] (UMAP's fuzzy union, scanpy's "
        + "gauss, or Seurat's SNN), uns['neighbors'].",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin neighbors pca.h5ad -o graph.h5ad --n-neighbors 15",
        "  myelin neighbors pca.h5ad -o graph.h5ad --graph snn --n-neighbors 20 --n-pcs-neighbors 30"})
final class NeighborsCommand extends StepCommand {

  @Mixin
  NeighborsStep step;

  @Override
  Step step() {
    return step;
  }
}
