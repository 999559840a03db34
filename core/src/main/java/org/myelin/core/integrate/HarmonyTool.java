package org.myelin.core.integrate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.stats.Quantiles;
import org.myelin.core.table.Groups;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Harmony integration of an embedding ({@link Harmony}; Korsunsky et al., Nat Methods 2019) as
 * scanpy's {@code external.pp.harmony_integrate}: {@code obsm["X_pca"]} corrected for the batches of
 * an obs column into {@code obsm["X_pca_harmony"]}, which the neighbour graph then searches.
 */
public final class HarmonyTool {

  private HarmonyTool() {}

  /**
   * @param batchKey obs column of the batches (samples, donors, runs)
   * @param basis obsm embedding to correct
   * @param adjustedBasis obsm key of the corrected embedding
   * @param harmony Harmony's own parameters
   * @param lisiLabels obs columns whose LISI (perplexity 30) is measured before and after, to see the
   *     batches mix and the cell types stay apart; empty for none (it costs an exact neighbour search)
   */
  public record Options(String batchKey, String basis, String adjustedBasis, Harmony.Options harmony,
      List<String> lisiLabels) {

    public Options {
      InvalidOptionException.check(batchKey != null && !batchKey.isBlank(), "batch_key", batchKey, "an obs column");
      InvalidOptionException.check(basis != null && !basis.isBlank(), "basis", basis, "an obsm key");
      InvalidOptionException.check(adjustedBasis != null && !adjustedBasis.isBlank(), "adjusted_basis",
          adjustedBasis, "an obsm key");
    }

    /** scanpy's defaults (X_pca into X_pca_harmony) with harmonypy's, for the batches of {@code batchKey}. */
    public static Options defaults(String batchKey) {
      return new Options(batchKey, Keys.OBSM_PCA, Keys.OBSM_PCA_HARMONY, Harmony.Options.defaults(), List.of());
    }
  }

  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    DenseMatrix emb = data.obsm().get(o.basis());
    if (emb == null) {
      throw new IllegalArgumentException("no obsm['" + o.basis() + "'] to integrate (run 'myelin pca' first)");
    }
    Groups groups = Groups.of(data.obs(), o.batchKey(), "Harmony's batch key");
    // Categories no cell has are dropped, as harmonypy counts the batches present.
    int[] sizes = groups.sizes();
    int[] present = new int[sizes.length];
    int nBatches = 0;
    for (int b = 0; b < sizes.length; b++) {
      present[b] = sizes[b] > 0 ? nBatches++ : -1;
    }
    if (nBatches < 2) {
      throw new IllegalArgumentException("obs['" + o.batchKey() + "'] holds " + (nBatches == 0 ? "no batch" : "a single batch")
          + ": Harmony needs two batches or more");
    }
    int n = data.nObs();
    int d = emb.nCols();
    int[] batch = new int[n];
    double[] z = new double[n * d];
    for (int i = 0; i < n; i++) {
      batch[i] = present[groups.codes()[i]];
      for (int c = 0; c < d; c++) {
        z[i * d + c] = emb.get(i, c);
      }
    }
    Harmony.Result r = Harmony.run(z, n, d, batch, nBatches, o.harmony(), ctx.seed(), ctx.parallel());
    data.putObsm(o.adjustedBasis(), new DenseDoubleMatrix(n, d, r.corrected()));
    Harmony.Options h = o.harmony();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("key", o.batchKey());
    params.put("basis", o.basis());
    params.put("adjusted_basis", o.adjustedBasis());
    params.put("nclust", (long) r.clusters());
    params.put("theta", h.theta());
    params.put("lamb", h.lambda());
    params.put("sigma", h.sigma());
    params.put("block_size", h.blockSize());
    params.put("max_iter_harmony", (long) h.maxIterations());
    params.put("max_iter_kmeans", (long) h.maxIterationsKmeans());
    params.put("epsilon_cluster", h.epsilonCluster());
    params.put("epsilon_harmony", h.epsilonHarmony());
    params.put("random_state", ctx.seed());
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("params", params);
    uns.put("n_batches", (long) nBatches);
    uns.put("rounds", (long) r.rounds());
    uns.put("converged", r.converged());
    uns.put("objective", r.objective());
    if (!o.lisiLabels().isEmpty()) {
      uns.put("lisi", lisi(data, o.lisiLabels(), z, r.corrected(), d, ctx));
    }
    data.uns().put(Keys.UNS_HARMONY, uns);
    ctx.info("Harmony on %s over %d batches of obs['%s']: %d clusters, %s after %d round%s", o.basis(), nBatches,
        o.batchKey(), r.clusters(), r.converged() ? "converged" : "stopped", r.rounds(), r.rounds() == 1 ? "" : "s");
    return ToolResult.of(data);
  }

  /** Median LISI of each label before and after, logged and returned for uns['harmony']['lisi']. */
  private static Map<String, Object> lisi(CellData data, List<String> labels, double[] before, double[] after, int d,
      ToolContext ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    int n = data.nObs();
    for (String label : labels) {
      Groups g = Groups.of(data.obs(), label, "LISI's label");
      double was = Quantiles.percentile(Lisi.compute(before, n, d, g.codes(), g.nGroups(), 30, ctx.parallel()), 50);
      double now = Quantiles.percentile(Lisi.compute(after, n, d, g.codes(), g.nGroups(), 30, ctx.parallel()), 50);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("median_before", was);
      m.put("median_after", now);
      m.put("n_labels", (long) g.nGroups());
      out.put(label, m);
      ctx.info("LISI of obs['%s'] (%d labels): median %.3f before Harmony, %.3f after", label, g.nGroups(), was, now);
    }
    return out;
  }
}
