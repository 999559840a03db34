package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin umap}: the umap step on its own. */
@Command(name = "umap", mixinStandardHelpOptions = true,
    description = "Lay out obsp['connectivities'] in two dimensions as scanpy's umap: spectral start, umap-learn's "
        + "a/b and sampling; obsm['X_umap'], the same for a seed whatever --threads.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin umap clusters.h5ad -o umap.h5ad",
        "  myelin umap clusters.h5ad -o umap.h5ad --min-dist 0.3 --seed 1"})
final class UmapCommand extends StepCommand {

  @Mixin
  UmapStep step;

  @Override
  Step step() {
    return step;
  }
}
