package org.myelin.core.embed;

import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * The 2-D layout of the neighbour graph, as scanpy's {@code umap} (McInnes, Healy and Melville,
 * arXiv 2018): {@code obsm["X_umap"]} and {@code uns["umap"]}.
 */
public final class UmapTool {

  private UmapTool() {}

  /**
   * @param minDist smallest distance between points in the layout
   * @param spread scale of the layout
   * @param nEpochs optimisation epochs; 0 for umap-learn's choice (500 up to 10,000 cells, else 200)
   */
  public record Options(double minDist, double spread, int nEpochs) {

    public Options {
      InvalidOptionException.check(spread > 0 && Double.isFinite(spread), "spread", spread, "must be positive");
      InvalidOptionException.check(minDist >= 0 && minDist <= spread, "min_dist", minDist, "0 <= min_dist <= spread");
      InvalidOptionException.check(nEpochs >= 0, "n_epochs", nEpochs, "0 for umap-learn's choice, or positive");
    }

    /** scanpy's defaults: min_dist 0.5, spread 1. */
    public static Options defaults() {
      return new Options(0.5, 1.0, 0);
    }
  }

  /** Lays out obsp['connectivities']; returns the same container. */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    CsrMatrix graph = data.obsp().get(Keys.OBSP_CONNECTIVITIES);
    if (graph == null) {
      throw new IllegalArgumentException("no obsp['connectivities'] to lay out (run 'myelin neighbors' first)");
    }
    double[] y = Umap.layout(graph, new Umap.Options(o.minDist(), o.spread(), o.nEpochs(), 1.0, 5, ctx.seed()),
        ctx.parallel(), ctx.progress());
    float[] f = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      f[i] = (float) y[i];
    }
    data.putObsm(Keys.OBSM_UMAP, new DenseFloatMatrix(data.nObs(), 2, f));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("min_dist", o.minDist());
    params.put("spread", o.spread());
    params.put("n_epochs", (long) o.nEpochs());
    params.put("random_state", ctx.seed());
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("params", params);
    data.uns().put(Keys.UNS_UMAP, uns);
    ctx.info("%d cells laid out", data.nObs());
    return ToolResult.of(data);
  }
}
