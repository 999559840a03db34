package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin normalize}: the normalize step on its own. */
@Command(name = "normalize", mixinStandardHelpOptions = true,
    description = "Scale every cell to the same total (scanpy's normalize_total), then log1p; the counts are kept "
        + "in layers['counts'], both steps recorded in uns.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin normalize qc.h5ad -o norm.h5ad",
        "  myelin normalize qc.h5ad -o norm.h5ad --target-sum median --exclude-highly-expressed"})
final class NormalizeCommand extends StepCommand {

  @Mixin
  NormalizeStep step;

  @Override
  Step step() {
    return step;
  }
}
