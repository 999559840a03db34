package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin spatial nhood}: squidpy's nhood_enrichment, interaction_matrix and centrality_scores. */
@Command(name = "nhood", mixinStandardHelpOptions = true,
    description = "Neighbourhood enrichment between categories (count and permutation z-score, as squidpy's "
        + "nhood_enrichment), the interaction matrix and per-category centrality scores (degree, closeness, "
        + "average clustering) in uns['<key>_nhood_enrichment'], uns['<key>_interactions'] and "
        + "uns['<key>_centrality_scores'].",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin spatial nhood graph.h5ad -o nhood.h5ad --tables tables/",
        "  myelin spatial nhood graph.h5ad -o nhood.h5ad --groupby cell_type --nhood-perms 500"})
final class SpatialNhoodCommand extends GroupedTableStepCommand {

  @Mixin
  SpatialNhoodStep step;

  @Override
  GroupedStep groupedStep() {
    return step;
  }
}
