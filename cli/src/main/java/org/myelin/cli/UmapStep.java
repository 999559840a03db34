package org.myelin.cli;

import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.embed.UmapTool;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;
import picocli.CommandLine.Option;

/** The UMAP layout ({@link UmapTool}): {@code myelin umap} and the umap step of run. */
final class UmapStep implements Step {

  private static final UmapTool.Options DEFAULTS = UmapTool.Options.defaults();

  @Option(names = "--min-dist", paramLabel = "D",
      description = "Smallest distance between points in the layout (default: ${DEFAULT-VALUE}, as scanpy).")
  double minDist = DEFAULTS.minDist();

  @Option(names = "--spread", paramLabel = "S", description = "Scale of the layout (default: ${DEFAULT-VALUE}).")
  double spread = DEFAULTS.spread();

  @Option(names = "--n-epochs", paramLabel = "N",
      description = "Optimisation epochs; 0 for umap-learn's choice, 500 up to 10,000 cells, else 200 (default: ${DEFAULT-VALUE}).")
  int nEpochs = DEFAULTS.nEpochs();

  private UmapTool.Options options;

  @Override
  public String name() {
    return "umap";
  }

  @Override
  public void check() {
    options = Step.options(() -> new UmapTool.Options(minDist, spread, nEpochs), Map.of());
  }

  @Override
  public ToolResult apply(CellData data, ToolContext ctx) {
    return UmapTool.run(data, options, ctx);
  }
}
