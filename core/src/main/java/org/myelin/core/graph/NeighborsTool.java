package org.myelin.core.graph;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * The neighbour graph, as scanpy's {@code neighbors} (McInnes et al. 2018 for the UMAP fuzzy
 * simplicial set): k nearest neighbours on an embedding, exact or by NN-descent (Dong et al. 2011),
 * then {@code obsp["distances"]}, {@code obsp["connectivities"]} and {@code uns["neighbors"]}.
 */
public final class NeighborsTool {

  /** scanpy's threshold for brute-force neighbours. */
  public static final int EXACT_BELOW = 8192;

  private NeighborsTool() {}

  /** How the neighbours are searched. */
  public enum Search {
    /** Exact below {@link #EXACT_BELOW} cells, as scanpy, NN-descent from there. */
    AUTO,
    EXACT,
    NNDESCENT
  }

  /** The connectivities made from the neighbours. */
  public enum Graph {
    /** umap-learn's fuzzy simplicial set, scanpy's default. */
    UMAP,
    /** scanpy's method='gauss'. */
    GAUSS,
    /** Seurat's shared nearest neighbours (Jaccard), pruned. */
    SNN
  }

  /**
   * @param nNeighbors neighbours per cell, the cell itself counted, as scanpy
   * @param useRep obsm embedding to search; null for X_pca_harmony when Harmony made it, else X_pca
   * @param nPcs use only the first nPcs columns; 0 for all
   * @param metric euclidean or cosine
   * @param search exact, NN-descent, or auto
   * @param method the connectivities
   * @param pruneSnn drop SNN edges below this Jaccard index
   */
  public record Options(int nNeighbors, String useRep, int nPcs, ExactKnn.Metric metric, Search search, Graph method,
      double pruneSnn) {

    public Options {
      InvalidOptionException.check(nNeighbors >= 2, "n_neighbors", nNeighbors, "2 or more: the cell itself counts");
      InvalidOptionException.check(useRep == null || !useRep.isBlank(), "use_rep", useRep, "an obsm key");
      InvalidOptionException.check(nPcs >= 0, "n_pcs", nPcs, "0 for all, or positive");
      InvalidOptionException.check(metric != null, "metric", metric, "euclidean or cosine");
      InvalidOptionException.check(search != null, "search", search, "auto, exact or nndescent");
      InvalidOptionException.check(method != null, "method", method, "umap, gauss or snn");
      InvalidOptionException.check(pruneSnn >= 0 && pruneSnn < 1, "prune_snn", pruneSnn, "in [0, 1)");
    }

    /**
     * scanpy's defaults: 15 neighbours on X_pca (X_pca_harmony once integrated, as scanpy's external
     * harmony is used), euclidean, UMAP connectivities; Seurat's 1/15 SNN pruning.
     */
    public static Options defaults() {
      return new Options(15, null, 0, ExactKnn.Metric.EUCLIDEAN, Search.AUTO, Graph.UMAP, 1.0 / 15);
    }
  }

  /** Searches the neighbours and writes the graph; returns the same container. */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    String rep = o.useRep() != null ? o.useRep()
        : data.obsm().containsKey(Keys.OBSM_PCA_HARMONY) ? Keys.OBSM_PCA_HARMONY : Keys.OBSM_PCA;
    DenseMatrix emb = data.obsm().get(rep);
    if (emb == null) {
      throw new IllegalArgumentException("no obsm['" + rep + "'] to search (run 'myelin pca' first, or pass "
          + "--use-rep)");
    }
    int n = data.nObs();
    int d = o.nPcs() == 0 ? emb.nCols() : o.nPcs();
    if (d > emb.nCols()) {
      throw new InvalidOptionException("n_pcs", d, "obsm['" + rep + "'] has " + emb.nCols() + " columns");
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i * d + c] = emb.get(i, c);
      }
    }
    boolean exact = o.search() == Search.EXACT || (o.search() == Search.AUTO && n < EXACT_BELOW);
    KnnResult knn = exact ? ExactKnn.search(x, n, d, o.nNeighbors(), o.metric(), ctx.parallel(), ctx.progress())
        : NnDescent.search(x, n, d, o.nNeighbors(), o.metric(), ctx.seed(), ctx.parallel(), ctx.progress());
    data.putObsp(Keys.OBSP_DISTANCES, UmapGraph.distances(knn, n, ctx.parallel()));
    data.putObsp(Keys.OBSP_CONNECTIVITIES, switch (o.method()) {
      case GAUSS -> GaussianGraph.connectivities(knn, n);
      case SNN -> SnnGraph.connectivities(knn, n, o.pruneSnn());
      case UMAP -> UmapGraph.connectivities(knn, n, ctx.parallel());
    });
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("n_neighbors", (long) o.nNeighbors());
    params.put("method", o.method().name().toLowerCase(Locale.ROOT));
    params.put("metric", o.metric().name().toLowerCase(Locale.ROOT));
    params.put("use_rep", rep);
    params.put("n_pcs", (long) d);
    params.put("search", exact ? "exact" : "nndescent");
    params.put("random_state", ctx.seed());
    data.uns().put(Keys.UNS_NEIGHBORS, graphRecord(Keys.OBSP_CONNECTIVITIES, Keys.OBSP_DISTANCES, params));
    ctx.info("%d nearest neighbours of %d cells on %d dimensions of %s (%s)", o.nNeighbors(), n, d, rep,
        exact ? "exact" : "NN-descent");
    return ToolResult.of(data);
  }

  /** The uns record of a graph as scanpy and squidpy write it: where its two obsp matrices are, and its params. */
  public static Map<String, Object> graphRecord(String connectivitiesKey, String distancesKey,
      Map<String, Object> params) {
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("connectivities_key", connectivitiesKey);
    uns.put("distances_key", distancesKey);
    uns.put("params", params);
    return uns;
  }
}
