package org.myelin.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.cluster.CommunityDetection;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.CategoricalColumn;
import picocli.CommandLine.Option;

/** The clustering step's options and the step, shared by {@code myelin leiden} and {@code myelin run}. */
final class LeidenStep {

  @Option(names = "--resolution", paramLabel = "R", defaultValue = "1.0",
      description = "Resolution of the modularity (RB configuration model) (default: ${DEFAULT-VALUE}).")
  double resolution;

  @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = "leiden",
      description = "leiden or louvain (default: ${DEFAULT-VALUE}).")
  String algorithm;

  @Option(names = "--leiden-engine", paramLabel = "NAME", defaultValue = "leidenalg",
      description = "leidenalg (leidenalg 0.9's optimiser and random numbers: scanpy's clusters for the same graph "
          + "and seed) or cwts (the CWTS networkanalysis code: other optima, of slightly higher modularity on the "
          + "references) (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(names = "--n-iterations", paramLabel = "N", defaultValue = "-1",
      description = "Passes; -1 runs until a pass changes nothing, as scanpy (default: ${DEFAULT-VALUE}).")
  int nIterations;

  @Option(names = "--random-starts", paramLabel = "N", defaultValue = "1",
      description = "Runs from seeds seed, seed + 1, ...; the one of highest modularity is kept (default: ${DEFAULT-VALUE}, "
          + "as scanpy).")
  int starts;

  @Option(names = "--unweighted", description = "Ignore the graph's weights.")
  boolean unweighted;

  @Option(names = "--key-added", paramLabel = "KEY", description = "obs column (default: the algorithm's name).")
  String keyAdded;

  /** The algorithm; checked before any input is read. */
  CommunityDetection.Algorithm algorithm() {
    if (starts < 1) {
      throw new IllegalArgumentException("Invalid --random-starts: " + starts);
    }
    boolean cwts = switch (engine.toLowerCase(Locale.ROOT)) {
      case "leidenalg" -> false;
      case "cwts" -> true;
      default -> throw new IllegalArgumentException("Invalid --leiden-engine: " + engine + " (leidenalg or cwts)");
    };
    return switch (algorithm.toLowerCase(Locale.ROOT)) {
      case "leiden" -> cwts ? CommunityDetection.Algorithm.LEIDEN_CWTS : CommunityDetection.Algorithm.LEIDEN;
      case "louvain" -> CommunityDetection.Algorithm.LOUVAIN;
      default -> throw new IllegalArgumentException("Invalid --algorithm: " + algorithm + " (leiden or louvain)");
    };
  }

  /** Clusters obsp['connectivities'] into obs[key] (categorical, '0' the largest) and uns[key]. */
  CellData apply(CellData data, long seed, PrintWriter err) {
    CsrMatrix graph = data.obsp().get("connectivities");
    if (graph == null) {
      throw new IllegalArgumentException("no obsp['connectivities'] to cluster (run 'myelin neighbors' first)");
    }
    CommunityDetection.Algorithm alg = algorithm();
    CommunityDetection.Result r = CommunityDetection.cluster(graph, alg, resolution, !unweighted, nIterations, seed,
        starts);
    String key = keyAdded == null ? algorithm.toLowerCase(Locale.ROOT) : keyAdded;
    String[] categories = new String[r.nClusters()];
    for (int c = 0; c < categories.length; c++) {
      categories[c] = Integer.toString(c);
    }
    data.obs().put(key, new CategoricalColumn(r.labels().clone(), categories, false));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("resolution", resolution);
    params.put("random_state", seed);
    params.put("n_iterations", (long) nIterations);
    params.put("random_starts", (long) starts);
    if (alg != CommunityDetection.Algorithm.LOUVAIN) {
      params.put("engine", engine.toLowerCase(Locale.ROOT));
    }
    params.put("use_weights", !unweighted);
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("params", params);
    uns.put("modularity", r.modularity());
    data.uns().put(key, uns);
    err.printf("myelin %s: %d clusters, modularity %.4f (resolution %s)%n", key, r.nClusters(), r.modularity(),
        resolution);
    return data;
  }
}
