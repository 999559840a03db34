package org.myelin.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin markers}: scanpy's rank_genes_groups. */
@Command(name = "markers", mixinStandardHelpOptions = true,
    description = "Rank the genes that set each group apart, as scanpy's rank_genes_groups on log-normalised X: "
        + "Wilcoxon rank-sum (tie-corrected) or Welch's t-test, log2 fold change, the fraction of cells expressing "
        + "in and out of the group, Benjamini-Hochberg FDR. The top genes go to uns['rank_genes_groups'] and, "
        + "with --table, to a TSV/CSV/Arrow table.")
final class MarkersCommand implements Callable<Integer> {

  @Mixin
  MarkersStep step;

  @Option(names = "--table", paramLabel = "FILE", description = "Also write the markers table (.tsv, .csv, .arrow).")
  Path table;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    step.method();
    if (table != null) {
      args.outputOptions.checkWritable(table);
    }
    org.myelin.core.table.Frame[] result = new org.myelin.core.table.Frame[1];
    return StepRunner.run(spec, args, (data, parallel) -> {
      result[0] = step.apply(data, parallel, spec.commandLine().getErr());
      return data;
    }, (data, force) -> {
      if (table == null) {
        return java.util.List.of();
      }
      MarkersStep.writeTable(result[0], table, force);
      return java.util.List.of(table);
    });
  }
}
