package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin qc}: the qc step on its own. */
@Command(name = "qc", mixinStandardHelpOptions = true,
    description = "Compute QC metrics as scanpy's calculate_qc_metrics (obs: n_genes_by_counts, total_counts, "
        + "pct_counts_<group>, pct_counts_in_top_<n>_genes; var: n_cells_by_counts, mean_counts, "
        + "pct_dropout_by_counts, total_counts), then filter cells and genes; uns['qc'] says what each rule removed. "
        + "Thresholds of 0 disable a rule.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin qc filtered_feature_bc_matrix.h5 -o qc.h5ad --min-genes 200 --max-pct-mt 20",
        "  myelin qc sample.h5ad -o qc.h5ad --qc-vars mt,ribo,hb --min-cells 3"})
final class QcCommand extends StepCommand {

  @Mixin
  QcStep step;

  @Override
  Step step() {
    return step;
  }
}
