package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin spatial autocorr}: squidpy's spatial_autocorr. */
@Command(name = "autocorr", mixinStandardHelpOptions = true,
    description = "Moran's I and Geary's C of genes and scores on the spatial graph, as squidpy's spatial_autocorr: "
        + "analytic p-values (and permutation ones with --autocorr-perms), BH FDR; uns['moranI'] and uns['gearyC'] "
        + "as tables indexed by feature with squidpy's columns.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin spatial autocorr graph.h5ad -o moran.h5ad --tables tables/",
        "  myelin spatial autocorr graph.h5ad -o autocorr.h5ad --autocorr-mode moran,geary --autocorr-perms 100"})
final class SpatialAutocorrCommand extends TableStepCommand {

  @Mixin
  SpatialAutocorrStep step;

  @Override
  Step step() {
    return step;
  }
}
