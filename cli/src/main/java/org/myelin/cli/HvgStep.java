package org.myelin.cli;

import java.util.Map;
import org.myelin.core.pp.HighlyVariableGenes;
import org.myelin.core.pp.HvgTool;
import picocli.CommandLine.Option;

/** Highly variable genes ({@link HvgTool}): {@code myelin hvg} and the hvg step of run. */
final class HvgStep extends ToolStep<HvgTool.Options> implements BatchedStep {

  private static final HvgTool.Options DEFAULTS = HvgTool.Options.defaults();

  HvgStep() {
    super("hvg", HvgTool::run);
  }

  @Option(names = "--n-top-genes", paramLabel = "N", description = "Genes to keep (default: ${DEFAULT-VALUE}).")
  int nTopGenes = DEFAULTS.nTopGenes();

  @Option(names = "--hvg-flavor", paramLabel = "FLAVOR",
      description = "seurat, cell_ranger (both on log-normalised X) or seurat_v3 (on counts) (default: ${DEFAULT-VALUE}).")
  String flavor = DEFAULTS.flavor().scanpyName();

  private BatchKey batches = new BatchKey();

  @Option(names = "--layer", paramLabel = "NAME",
      description = "Layer to read instead of X (default: X; for seurat_v3 the 'counts' layer when there is one).")
  String layer = DEFAULTS.layer();

  @Option(names = "--span", paramLabel = "F", description = "LOESS span of the seurat_v3 flavour (default: ${DEFAULT-VALUE}).")
  double span = DEFAULTS.span();

  @Override
  public void batchKey(BatchKey batches) {
    this.batches = batches;
  }

  @Override
  public void check() {
    HighlyVariableGenes.Flavor f;
    try {
      f = HighlyVariableGenes.Flavor.parse(flavor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid --hvg-flavor: " + flavor + " (seurat, cell_ranger or seurat_v3)");
    }
    options = Step.options(() -> new HvgTool.Options(nTopGenes, f, batches.column, layer, span), Map.of());
  }

}
