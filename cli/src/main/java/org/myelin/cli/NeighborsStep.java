package org.myelin.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.graph.ExactKnn;
import org.myelin.core.graph.GaussianGraph;
import org.myelin.core.graph.SnnGraph;
import org.myelin.core.graph.KnnResult;
import org.myelin.core.graph.NnDescent;
import org.myelin.core.graph.UmapGraph;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import picocli.CommandLine.Option;

/** The neighbours step's options and the step, shared by {@code myelin neighbors} and {@code myelin run}. */
final class NeighborsStep {

  @Option(names = "--n-neighbors", paramLabel = "K", defaultValue = "15",
      description = "Neighbours per cell, the cell itself counted, as scanpy (default: ${DEFAULT-VALUE}).")
  int nNeighbors;

  @Option(names = "--use-rep", paramLabel = "KEY", defaultValue = "X_pca",
      description = "obsm embedding to search (default: ${DEFAULT-VALUE}).")
  String useRep;

  @Option(names = "--n-pcs-neighbors", paramLabel = "N",
      description = "Use only the first N columns of the embedding (default: all).")
  Integer nPcs;

  @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "euclidean",
      description = "euclidean or cosine (default: ${DEFAULT-VALUE}).")
  String metric;

  @Option(names = "--knn-method", paramLabel = "HOW", defaultValue = "auto",
      description = "exact, nndescent, or auto: exact below 8,192 cells as scanpy, NN-descent from there "
          + "(default: ${DEFAULT-VALUE}).")
  String knnMethod;

  @Option(names = "--graph", paramLabel = "KIND", defaultValue = "umap",
      description = "Connectivities: umap (scanpy's default), gauss (scanpy's method='gauss') or snn (Seurat's "
          + "shared nearest neighbours, Jaccard, pruned below --prune-snn) (default: ${DEFAULT-VALUE}).")
  String graph;

  @Option(names = "--prune-snn", paramLabel = "J", defaultValue = "0.0666666666666667",
      description = "Drop shared-nearest-neighbour edges below this Jaccard index (default: 1/15, as Seurat).")
  double pruneSnn;

  /** scanpy's threshold for brute-force neighbours. */
  static final int EXACT_BELOW = 8192;

  /** The metric; checked before any input is read. */
  ExactKnn.Metric metric() {
    if (!graph.equals("umap") && !graph.equals("gauss") && !graph.equals("snn")) {
      throw new IllegalArgumentException("Invalid --graph: " + graph + " (umap, gauss or snn)");
    }
    if (!(pruneSnn >= 0 && pruneSnn < 1)) {
      throw new IllegalArgumentException("Invalid --prune-snn: " + pruneSnn + " (in [0, 1))");
    }
    if (!knnMethod.equals("auto") && !knnMethod.equals("exact") && !knnMethod.equals("nndescent")) {
      throw new IllegalArgumentException("Invalid --knn-method: " + knnMethod + " (auto, exact or nndescent)");
    }
    return switch (metric.toLowerCase(Locale.ROOT)) {
      case "euclidean" -> ExactKnn.Metric.EUCLIDEAN;
      case "cosine" -> ExactKnn.Metric.COSINE;
      default -> throw new IllegalArgumentException("Invalid --metric: " + metric + " (euclidean or cosine)");
    };
  }

  /** Exact kNN on the embedding, then scanpy's obsp distances and UMAP connectivities. */
  CellData apply(CellData data, long seed, Parallel parallel, PrintWriter err) {
    DenseMatrix emb = data.obsm().get(useRep);
    if (emb == null) {
      throw new IllegalArgumentException("no obsm['" + useRep + "'] to search (run 'myelin pca' first, or pass --use-rep)");
    }
    int n = data.nObs();
    int d = nPcs == null ? emb.nCols() : nPcs;
    if (d < 1 || d > emb.nCols()) {
      throw new IllegalArgumentException("Invalid --n-pcs-neighbors: " + d + " (obsm['" + useRep + "'] has " + emb.nCols() + " columns)");
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i * d + c] = emb.get(i, c);
      }
    }
    boolean exact = knnMethod.equals("exact") || (knnMethod.equals("auto") && n < EXACT_BELOW);
    KnnResult knn = exact ? ExactKnn.search(x, n, d, nNeighbors, metric(), parallel)
        : NnDescent.search(x, n, d, nNeighbors, metric(), seed, parallel);
    data.putObsp("distances", UmapGraph.distances(knn, n));
    data.putObsp("connectivities", switch (graph) {
      case "gauss" -> GaussianGraph.connectivities(knn, n);
      case "snn" -> SnnGraph.connectivities(knn, n, pruneSnn);
      default -> UmapGraph.connectivities(knn, n);
    });
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("n_neighbors", (long) nNeighbors);
    params.put("method", graph);
    params.put("metric", metric.toLowerCase(Locale.ROOT));
    params.put("use_rep", useRep);
    params.put("n_pcs", (long) d);
    params.put("search", exact ? "exact" : "nndescent");
    params.put("random_state", seed);
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("connectivities_key", "connectivities");
    uns.put("distances_key", "distances");
    uns.put("params", params);
    data.uns().put("neighbors", uns);
    err.printf("myelin neighbors: %d nearest neighbours of %d cells on %d dimensions of %s (%s)%n", nNeighbors, n, d,
        useRep, exact ? "exact" : "NN-descent");
    return data;
  }
}
