package org.myelin.cli;

import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.graph.ExactKnn;
import org.myelin.core.graph.NeighborsTool;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;
import picocli.CommandLine.Option;

/** The neighbour graph ({@link NeighborsTool}): {@code myelin neighbors} and the neighbors step of run. */
final class NeighborsStep extends ToolStep<NeighborsTool.Options> {

  private static final NeighborsTool.Options DEFAULTS = NeighborsTool.Options.defaults();

  NeighborsStep() {
    super("neighbors", NeighborsTool::run);
  }

  @Option(names = "--n-neighbors", paramLabel = "K",
      description = "Neighbours per cell, the cell itself counted, as scanpy (default: ${DEFAULT-VALUE}).")
  int nNeighbors = DEFAULTS.nNeighbors();

  @Option(names = "--use-rep", paramLabel = "KEY",
      description = "obsm embedding to search (default: X_pca_harmony when Harmony integrated the batches, else X_pca).")
  String useRep = DEFAULTS.useRep();

  @Option(names = "--n-pcs-neighbors", paramLabel = "N",
      description = "Use only the first N columns of the embedding (default: all).")
  Integer nPcs;

  @Option(names = "--metric", paramLabel = "METRIC", description = "euclidean or cosine (default: ${DEFAULT-VALUE}).")
  String metric = lower(DEFAULTS.metric());

  @Option(names = "--knn-method", paramLabel = "HOW",
      description = "exact, nndescent, or auto: exact below 8,192 cells as scanpy, NN-descent from there "
          + "(default: ${DEFAULT-VALUE}).")
  String knnMethod = lower(DEFAULTS.search());

  @Option(names = "--graph", paramLabel = "KIND",
      description = "Connectivities: umap (scanpy's default), gauss (scanpy's method='gauss') or snn (Seurat's "
          + "shared nearest neighbours, Jaccard, pruned below --prune-snn) (default: ${DEFAULT-VALUE}).")
  String graph = lower(DEFAULTS.method());

  @Option(names = "--prune-snn", paramLabel = "J",
      description = "Drop shared-nearest-neighbour edges below this Jaccard index (default: 1/15, as Seurat).")
  double pruneSnn = DEFAULTS.pruneSnn();

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void check() {
    NeighborsTool.Graph g = Step.choice(NeighborsTool.Graph.class, graph, "--graph");
    NeighborsTool.Search s = Step.choice(NeighborsTool.Search.class, knnMethod, "--knn-method");
    ExactKnn.Metric m = Step.choice(ExactKnn.Metric.class, metric, "--metric");
    if (nPcs != null && nPcs < 1) {
      throw new IllegalArgumentException("Invalid --n-pcs-neighbors: " + nPcs + " (positive)");
    }
    options = Step.options(() -> new NeighborsTool.Options(nNeighbors, useRep, nPcs == null ? 0 : nPcs, m, s, g,
        pruneSnn), Map.of("n_pcs", "--n-pcs-neighbors", "search", "--knn-method", "method", "--graph"));
  }

  @Override
  public ToolResult apply(CellData data, ToolContext ctx) {
    return Step.options(() -> NeighborsTool.run(data, options, ctx), Map.of("n_pcs", "--n-pcs-neighbors"));
  }
}
