package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin spatial ripley}: squidpy's ripley. */
@Command(name = "ripley", mixinStandardHelpOptions = true,
    description = "Ripley's K or L, or the G (nearest neighbour) or F (empty space) function of each category, "
        + "with pointwise envelopes and p-values from uniform random patterns in the cells' convex hull. "
        + "uns['<key>_ripley_<mode>'] and the table ripley_<mode>.tsv.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin spatial ripley clusters.h5ad -o ripley.h5ad --tables tables/",
        "  myelin spatial ripley annotated.h5ad -o ripley.h5ad --groupby cell_type --ripley-mode G"})
final class SpatialRipleyCommand extends GroupedTableStepCommand {

  @Mixin
  RipleyStep step;

  @Override
  GroupedStep groupedStep() {
    return step;
  }
}
