package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin spatial co-occurrence}: squidpy's co_occurrence. */
@Command(name = "co-occurrence", mixinStandardHelpOptions = true,
    description = "The co-occurrence ratio of categories across distance bins, as squidpy's co_occurrence "
        + "(P(b | a at that distance) / P(b)); pairs are counted exactly on a bucket grid, never a distance "
        + "matrix. uns['<key>_co_occurrence'] and the table co_occurrence.tsv.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin spatial co-occurrence clusters.h5ad -o cooc.h5ad --cooc-max-distance 300 --tables tables/",
        "  myelin spatial co-occurrence annotated.h5ad -o cooc.h5ad --groupby cell_type --cooc-interval 20"})
final class SpatialCoOccurrenceCommand extends GroupedTableStepCommand {

  @Mixin
  CoOccurrenceStep step;

  @Override
  GroupedStep groupedStep() {
    return step;
  }
}
