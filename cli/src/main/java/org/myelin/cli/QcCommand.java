package org.myelin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin qc}: scanpy's calculate_qc_metrics, then filter_cells and filter_genes. */
@Command(name = "qc", mixinStandardHelpOptions = true,
    description = "Compute QC metrics as scanpy's calculate_qc_metrics (obs: n_genes_by_counts, total_counts, "
        + "pct_counts_<group>, pct_counts_in_top_<n>_genes; var: n_cells_by_counts, mean_counts, "
        + "pct_dropout_by_counts, total_counts), then filter cells and genes; uns['qc'] says what each rule removed. "
        + "Thresholds of 0 disable a rule.")
final class QcCommand implements Callable<Integer> {

  @Mixin
  QcStep step;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return StepRunner.run(spec, args, (data, parallel) -> step.apply(data, parallel, spec.commandLine().getErr()));
  }
}
