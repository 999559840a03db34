package org.myelin.core.spatial;

import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Neighbourhood enrichment between categories (permutation z-scores), the interaction matrix and
 * per-category centrality scores, as squidpy's {@code nhood_enrichment}, {@code interaction_matrix}
 * and {@code centrality_scores} (Palla et al., Nat Methods 2022).
 */
public final class NhoodEnrichmentTool {

  private NhoodEnrichmentTool() {}

  /**
   * @param clusterKey the obs column of categories
   * @param nPerms label permutations for the z-scores
   */
  public record Options(String clusterKey, int nPerms) {

    public Options {
      InvalidOptionException.check(clusterKey != null && !clusterKey.isBlank(), "cluster_key", clusterKey,
          "an obs column");
      InvalidOptionException.check(nPerms >= 1, "n_perms", nPerms, "positive");
    }

    /** squidpy's default of 1000 permutations, of the leiden clusters. */
    public static Options defaults() {
      return new Options(Keys.OBS_LEIDEN, 1000);
    }
  }

  /** Writes uns and returns the tables nhood_enrichment_zscore, nhood_enrichment_count, interaction_matrix, centrality_scores. */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    CsrMatrix graph = SpatialNeighborsTool.graph(data);
    Groups g = Groups.of(data.obs(), o.clusterKey(), "spatial nhood (--groupby)");
    int k = g.nGroups();
    NeighborhoodEnrichment.Result ne = NeighborhoodEnrichment.compute(graph, g.codes(), k, o.nPerms(), ctx.seed(),
        ctx.parallel(), ctx.progress());
    double[][] weights = NeighborhoodEnrichment.weightSums(graph, g.codes(), k);
    CentralityScores.Result c = CentralityScores.compute(graph, g.codes(), k);
    double[] z = new double[k * k];
    double[] count = new double[k * k];
    double[] inter = new double[k * k];
    double[][] cnt = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        z[a * k + b] = ne.zscore()[a][b];
        count[a * k + b] = ne.count()[a][b];
        inter[a * k + b] = weights[a][b];
        cnt[a][b] = ne.count()[a][b];
      }
    }
    Map<String, Object> enrichment = new LinkedHashMap<>();
    enrichment.put("zscore", new DenseDoubleMatrix(k, k, z));
    enrichment.put("count", new DenseDoubleMatrix(k, k, count));
    enrichment.put("n_perms", (long) o.nPerms());
    data.uns().put(Keys.nhoodEnrichment(o.clusterKey()), enrichment);
    data.uns().put(Keys.interactions(o.clusterKey()), new DenseDoubleMatrix(k, k, inter));
    Frame centrality = new Frame(g.labels());
    centrality.put("degree_centrality", new DoubleColumn(c.degree()));
    centrality.put("average_clustering", new DoubleColumn(c.clustering()));
    centrality.put("closeness_centrality", new DoubleColumn(c.closeness()));
    data.uns().put(Keys.centralityScores(o.clusterKey()), centrality);
    Map<String, Frame> tables = new LinkedHashMap<>();
    tables.put("nhood_enrichment_zscore", square(g.labels(), ne.zscore()));
    tables.put("nhood_enrichment_count", square(g.labels(), cnt));
    tables.put("interaction_matrix", square(g.labels(), weights));
    tables.put("centrality_scores", centrality);
    ctx.info("%d categories of %s, %d permutations", k, o.clusterKey(), o.nPerms());
    return ToolResult.of(data, tables, "category");
  }

  /** A category x category matrix as a table: one column per category. */
  static Frame square(String[] labels, double[][] m) {
    Frame f = new Frame(labels);
    for (int b = 0; b < labels.length; b++) {
      double[] col = new double[labels.length];
      for (int a = 0; a < labels.length; a++) {
        col[a] = m[a][b];
      }
      f.put(labels[b], new DoubleColumn(col));
    }
    return f;
  }
}
