package org.myelin.cli;

import java.util.Map;
import org.myelin.core.embed.UmapTool;
import picocli.CommandLine.Option;

/** The UMAP layout ({@link UmapTool}): {@code myelin umap} and the umap step of run. */
final class UmapStep extends ToolStep<UmapTool.Options> {

  private static final UmapTool.Options DEFAULTS = UmapTool.Options.defaults();

  UmapStep() {
    super("umap", UmapTool::run);
  }

  @Option(names = "--min-dist", paramLabel = "D",
      description = "Smallest distance between points in the layout (default: ${DEFAULT-VALUE}, as scanpy).")
  double minDist = DEFAULTS.minDist();

  @Option(names = "--spread", paramLabel = "S", description = "Scale of the layout (default: ${DEFAULT-VALUE}).")
  double spread = DEFAULTS.spread();

  @Option(names = "--n-epochs", paramLabel = "N",
      description = "Optimisation epochs; 0 for umap-learn's choice, 500 up to 10,000 cells, else 200 (default: ${DEFAULT-VALUE}).")
  int nEpochs = DEFAULTS.nEpochs();

  @Override
  public void check() {
    options = Step.options(() -> new UmapTool.Options(minDist, spread, nEpochs), Map.of());
  }

}
