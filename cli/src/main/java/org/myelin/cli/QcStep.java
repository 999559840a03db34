package org.myelin.cli;

import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.pp.QcTool;
import picocli.CommandLine.Option;

/** QC metrics and filtering ({@link QcTool}): {@code myelin qc} and the qc step of {@code myelin run}. */
final class QcStep extends ToolStep<QcTool.Options> {

  private static final QcTool.Options DEFAULTS = QcTool.Options.defaults();

  QcStep() {
    super("qc", QcTool::run);
  }

  @Option(names = "--qc-vars", paramLabel = "GROUPS", split = ",",
      description = "Gene groups to report: mt (MT-/mt-), ribo (RPS/RPL), hb (HB*, not HBP) (default: ${DEFAULT-VALUE}).")
  List<String> qcVars = DEFAULTS.qcVars();

  @Option(names = "--percent-top", paramLabel = "N", split = ",",
      description = "The n of pct_counts_in_top_n_genes; values above the gene count are skipped (default: ${DEFAULT-VALUE}).")
  int[] percentTop = DEFAULTS.percentTop();

  @Option(names = "--min-counts", paramLabel = "N", description = "Remove cells with fewer counts.")
  double minCounts = DEFAULTS.minCounts();

  @Option(names = "--max-counts", paramLabel = "N", description = "Remove cells with more counts.")
  double maxCounts = DEFAULTS.maxCounts();

  @Option(names = "--min-genes", paramLabel = "N", description = "Remove cells expressing fewer genes (default: ${DEFAULT-VALUE}).")
  int minGenes = DEFAULTS.minGenes();

  @Option(names = "--max-genes", paramLabel = "N", description = "Remove cells expressing more genes.")
  int maxGenes = DEFAULTS.maxGenes();

  @Option(names = "--max-pct-mt", paramLabel = "PCT", description = "Remove cells with a larger mitochondrial percentage.")
  double maxPctMt = DEFAULTS.maxPctMt();

  @Option(names = "--min-cells", paramLabel = "N",
      description = "Remove genes expressed in fewer of the kept cells (default: ${DEFAULT-VALUE}).")
  int minCells = DEFAULTS.minCells();

  @Override
  public boolean changesMatrices() {
    return true; // filters cells and genes
  }

  @Override
  public String skipReason(CellData data) {
    return NormalizeStep.alreadyNormalised(data); // QC thresholds are in counts
  }

  @Override
  public void check() {
    options = Step.options(() -> new QcTool.Options(qcVars, percentTop, minCounts, maxCounts, minGenes, maxGenes,
        maxPctMt, minCells), Map.of());
  }

}
