package org.myelin.cli;

import java.nio.file.Path;
import java.util.Map;
import org.myelin.core.de.MarkersTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin markers}: scanpy's rank_genes_groups. */
@Command(name = "markers", mixinStandardHelpOptions = true,
    description = "Rank the genes that set each group apart, as scanpy's rank_genes_groups on log-normalised X: "
        + "Wilcoxon rank-sum (tie-corrected) or Welch's t-test, log2 fold change, the fraction of cells expressing "
        + "in and out of the group, Benjamini-Hochberg FDR. The top genes go to uns['rank_genes_groups'] and, "
        + "with --table, to a TSV/CSV/Arrow table.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin markers clusters.h5ad -o markers.h5ad --table markers.tsv",
        "  myelin markers annotated.h5ad -o markers.h5ad --groupby cell_type --method t-test --n-genes 50"})
final class MarkersCommand extends StepCommand {

  @Mixin
  MarkersStep step;

  @Mixin
  Grouping grouping;

  @Option(names = "--table", paramLabel = "FILE", description = "Also write the markers table (.tsv, .csv, .arrow).")
  Path table;

  @Override
  Step step() {
    step.grouping(grouping);
    return step;
  }

  @Override
  StepRunner.Tables tables() {
    return new StepRunner.Tables(null, table == null ? Map.of() : Map.of(MarkersTool.TABLE, table));
  }
}
