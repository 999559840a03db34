package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin hvg}: the hvg step on its own. */
@Command(name = "hvg", mixinStandardHelpOptions = true,
    description = "Mark the highly variable genes in var['highly_variable'] as scanpy's highly_variable_genes: the seurat "
        + "and cell_ranger flavours on log-normalised X, seurat_v3 on counts (the 'counts' layer); --batch-key ranks "
        + "genes per batch.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin hvg norm.h5ad -o hvg.h5ad --n-top-genes 2000",
        "  myelin hvg norm.h5ad -o hvg.h5ad --hvg-flavor seurat_v3 --batch-key sample"})
final class HvgCommand extends StepCommand {

  @Mixin
  HvgStep step;

  @Override
  Step step() {
    return step;
  }
}
