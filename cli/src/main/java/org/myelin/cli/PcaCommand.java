package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin pca}: the pca step on its own. */
@Command(name = "pca", mixinStandardHelpOptions = true,
    description = "Principal components of the highly variable genes, standardised and clipped as scanpy's scale + pca: "
        + "obsm['X_pca'], varm['PCs'], uns['pca'] with the variances.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin pca hvg.h5ad -o pca.h5ad --n-pcs 50",
        "  myelin pca scaled.h5ad -o pca.h5ad --scale no --all-genes"})
final class PcaCommand extends StepCommand {

  @Mixin
  PcaStep step;

  @Override
  Step step() {
    return step;
  }
}
