package org.myelin.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.embed.Umap;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.parallel.Parallel;
import picocli.CommandLine.Option;

/** The UMAP step's options and the step, shared by {@code myelin umap} and {@code myelin run}. */
final class UmapStep {

  @Option(names = "--min-dist", paramLabel = "D", defaultValue = "0.5",
      description = "Smallest distance between points in the layout (default: ${DEFAULT-VALUE}, as scanpy).")
  double minDist;

  @Option(names = "--spread", paramLabel = "S", defaultValue = "1.0",
      description = "Scale of the layout (default: ${DEFAULT-VALUE}).")
  double spread;

  @Option(names = "--n-epochs", paramLabel = "N", defaultValue = "0",
      description = "Optimisation epochs; 0 for umap-learn's choice, 500 up to 10,000 cells, else 200 (default: ${DEFAULT-VALUE}).")
  int nEpochs;

  /** The options; checked before any input is read. */
  Umap.Options options(long seed) {
    return new Umap.Options(minDist, spread, nEpochs, 1.0, 5, seed);
  }

  /** Lays out obsp['connectivities'] into obsm['X_umap']. */
  CellData apply(CellData data, long seed, Parallel parallel, PrintWriter err) {
    CsrMatrix graph = data.obsp().get("connectivities");
    if (graph == null) {
      throw new IllegalArgumentException("no obsp['connectivities'] to lay out (run 'myelin neighbors' first)");
    }
    double[] y = Umap.layout(graph, options(seed), parallel);
    float[] f = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      f[i] = (float) y[i];
    }
    data.putObsm("X_umap", new DenseFloatMatrix(data.nObs(), 2, f));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("min_dist", minDist);
    params.put("spread", spread);
    params.put("n_epochs", (long) nEpochs);
    params.put("random_state", seed);
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("params", params);
    data.uns().put("umap", uns);
    err.printf("myelin umap: %d cells laid out%n", data.nObs());
    return data;
  }
}
