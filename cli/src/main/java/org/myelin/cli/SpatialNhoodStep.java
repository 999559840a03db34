package org.myelin.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.spatial.CentralityScores;
import org.myelin.core.spatial.NeighborhoodEnrichment;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import picocli.CommandLine.Option;

/**
 * Neighbourhood enrichment, the interaction matrix and centrality scores of categories: options and
 * step, shared by {@code myelin spatial nhood} and {@code myelin run}.
 */
final class SpatialNhoodStep {

  @Option(names = "--cluster-key", paramLabel = "COLUMN", defaultValue = "leiden",
      description = "The obs column of categories (clusters, cell types) (default: ${DEFAULT-VALUE}).")
  String clusterKey;

  @Option(names = "--n-perms", paramLabel = "N", defaultValue = "1000",
      description = "Label permutations for the enrichment z-scores (default: ${DEFAULT-VALUE}).")
  int nPerms;

  void check() {
    if (nPerms < 1) {
      throw new IllegalArgumentException("Invalid --n-perms: " + nPerms);
    }
  }

  /** The tables by name: nhood_enrichment_zscore, nhood_enrichment_count, interaction_matrix, centrality_scores. */
  Map<String, Frame> apply(CellData data, long seed, Parallel parallel, PrintWriter err) {
    CsrMatrix graph = data.obsp().get(Keys.OBSP_SPATIAL_CONNECTIVITIES);
    if (graph == null) {
      throw new IllegalArgumentException("no obsp['" + Keys.OBSP_SPATIAL_CONNECTIVITIES + "']: run 'myelin spatial "
          + "graph' first");
    }
    Groups g = Groups.of(data.obs(), clusterKey, "spatial nhood (--cluster-key)");
    int k = g.nGroups();
    NeighborhoodEnrichment.Result ne = NeighborhoodEnrichment.compute(graph, g.codes(), k, nPerms, seed, parallel);
    double[][] weights = NeighborhoodEnrichment.weightSums(graph, g.codes(), k);
    CentralityScores.Result c = CentralityScores.compute(graph, g.codes(), k);
    double[] z = new double[k * k];
    double[] count = new double[k * k];
    double[] inter = new double[k * k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        z[a * k + b] = ne.zscore()[a][b];
        count[a * k + b] = ne.count()[a][b];
        inter[a * k + b] = weights[a][b];
      }
    }
    Map<String, Object> enrichment = new LinkedHashMap<>();
    enrichment.put("zscore", new DenseDoubleMatrix(k, k, z));
    enrichment.put("count", new DenseDoubleMatrix(k, k, count));
    enrichment.put("n_perms", (long) nPerms);
    data.uns().put(clusterKey + "_nhood_enrichment", enrichment);
    data.uns().put(clusterKey + "_interactions", new DenseDoubleMatrix(k, k, inter));
    Frame centrality = new Frame(g.labels());
    centrality.put("degree_centrality", new DoubleColumn(c.degree()));
    centrality.put("average_clustering", new DoubleColumn(c.clustering()));
    centrality.put("closeness_centrality", new DoubleColumn(c.closeness()));
    data.uns().put(clusterKey + "_centrality_scores", centrality);
    Map<String, Frame> tables = new LinkedHashMap<>();
    tables.put("nhood_enrichment_zscore", square(g.labels(), ne.zscore()));
    double[][] cnt = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        cnt[a][b] = ne.count()[a][b];
      }
    }
    tables.put("nhood_enrichment_count", square(g.labels(), cnt));
    tables.put("interaction_matrix", square(g.labels(), weights));
    tables.put("centrality_scores", centrality);
    err.printf("myelin spatial nhood: %d categories of %s, %d permutations%n", k, clusterKey, nPerms);
    return tables;
  }

  /** A category x category matrix as a table: one column per category. */
  private static Frame square(String[] labels, double[][] m) {
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
