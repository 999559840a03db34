package org.myelin.core.cluster;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Clusters of the neighbour graph, as scanpy's {@code leiden} and {@code louvain} (Traag, Waltman
 * and van Eck, Sci Rep 2019; Blondel et al. 2008): {@code obs[key]} categorical, "0" the largest,
 * and {@code uns[key]} with the parameters and the modularity.
 */
public final class LeidenTool {

  private LeidenTool() {}

  /**
   * @param resolution resolution of the modularity (RB configuration model)
   * @param algorithm leidenalg's Leiden, CWTS's Leiden, or Louvain
   * @param nIterations passes; -1 until a pass changes nothing, as scanpy
   * @param randomStarts runs from seeds seed, seed + 1, ...; the one of highest modularity kept
   * @param useWeights use the graph's weights
   * @param keyAdded obs column; null for the algorithm's name ("leiden", "louvain")
   */
  public record Options(double resolution, CommunityDetection.Algorithm algorithm, int nIterations, int randomStarts,
      boolean useWeights, String keyAdded) {

    public Options {
      InvalidOptionException.check(resolution > 0 && Double.isFinite(resolution), "resolution", resolution,
          "must be positive");
      InvalidOptionException.check(algorithm != null, "flavor", algorithm, "leiden or louvain");
      InvalidOptionException.check(nIterations == -1 || nIterations > 0, "n_iterations", nIterations,
          "positive, or -1 until stable");
      InvalidOptionException.check(randomStarts >= 1, "random_starts", randomStarts, "positive");
    }

    /** scanpy's defaults: resolution 1, leidenalg, until stable, one start, weighted. */
    public static Options defaults() {
      return new Options(1.0, CommunityDetection.Algorithm.LEIDEN, -1, 1, true, null);
    }

    /** The obs column the labels go to. */
    public String key() {
      return keyAdded != null ? keyAdded
          : algorithm == CommunityDetection.Algorithm.LOUVAIN ? "louvain" : Keys.OBS_LEIDEN;
    }
  }

  /** Clusters obsp['connectivities']; returns the same container. */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    CsrMatrix graph = data.obsp().get(Keys.OBSP_CONNECTIVITIES);
    if (graph == null) {
      throw new IllegalArgumentException("no obsp['connectivities'] to cluster (run 'myelin neighbors' first)");
    }
    CommunityDetection.Result r = CommunityDetection.cluster(graph, o.algorithm(), o.resolution(), o.useWeights(),
        o.nIterations(), ctx.seed(), o.randomStarts(), ctx.progress());
    String key = o.key();
    String[] categories = new String[r.nClusters()];
    for (int c = 0; c < categories.length; c++) {
      categories[c] = Integer.toString(c);
    }
    data.obs().put(key, new CategoricalColumn(r.labels().clone(), categories, false));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("resolution", o.resolution());
    params.put("random_state", ctx.seed());
    params.put("n_iterations", (long) o.nIterations());
    params.put("random_starts", (long) o.randomStarts());
    if (o.algorithm() != CommunityDetection.Algorithm.LOUVAIN) {
      params.put("engine", o.algorithm() == CommunityDetection.Algorithm.LEIDEN_CWTS ? "cwts" : "leidenalg");
    }
    params.put("use_weights", o.useWeights());
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("params", params);
    uns.put("modularity", r.modularity());
    data.uns().put(key, uns);
    ctx.info("%d clusters, modularity %.4f (resolution %s)", r.nClusters(), r.modularity(),
        String.valueOf(o.resolution()).toLowerCase(Locale.ROOT));
    return ToolResult.of(data);
  }
}
