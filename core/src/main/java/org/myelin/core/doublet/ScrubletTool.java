package org.myelin.core.doublet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Groups;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Doublet detection with {@link Scrublet} (Wolock et al., Cell Systems 2019) as scanpy's
 * {@code scrublet}: each sample scored on its own raw counts, {@code obs["doublet_score"]} and
 * {@code obs["predicted_doublet"]}, {@code uns["scrublet"]} with each sample's threshold and simulated
 * scores; the called doublets optionally removed.
 */
public final class ScrubletTool {

  private ScrubletTool() {}

  /**
   * @param sampleKey obs column of the samples, each scored on its own; null for one sample
   * @param removeDoublets drop the cells called doublets
   * @param scrublet Scrublet's own parameters
   */
  public record Options(String sampleKey, boolean removeDoublets, Scrublet.Options scrublet) {

    public static Options defaults() {
      return new Options(null, false, Scrublet.Options.defaults());
    }
  }

  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    CsrMatrix counts = data.layers().getOrDefault(Keys.LAYER_COUNTS, data.x());
    if (!CsrMatrix.isIntegral(counts)) {
      throw new IllegalArgumentException("Scrublet needs raw counts, and X holds non-integer values with no "
          + "layers['counts']: find doublets before normalising");
    }
    int n = data.nObs();
    Groups samples = o.sampleKey() == null ? new Groups(new int[n], new String[] {"all"})
        : Groups.of(data.obs(), o.sampleKey(), "Scrublet's sample key");
    double[] score = new double[n];
    boolean[] called = new boolean[n];
    Map<String, Object> perSample = new LinkedHashMap<>();
    List<String> noThreshold = new ArrayList<>();
    try (org.myelin.core.tool.Progress.Task task = ctx.progress().start("doublets, cells", n)) {
      for (int g = 0; g < samples.nGroups(); g++) {
        int[] rows = samples.rows(g);
        if (rows.length == 0) {
          continue;
        }
        String label = samples.labels()[g];
        Scrublet.Result r;
        try {
          r = Scrublet.run(counts(counts, rows), o.scrublet(), ctx.seed(), ctx.parallel());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(o.sampleKey() == null ? e.getMessage()
              : "sample '" + label + "' of obs['" + o.sampleKey() + "']: " + e.getMessage(), e);
        }
        for (int t = 0; t < rows.length; t++) {
          score[rows[t]] = r.scoresObs()[t];
          called[rows[t]] = r.predicted() != null && r.predicted()[t];
        }
        if (r.predicted() == null) {
          noThreshold.add(label);
        } else if (o.sampleKey() != null) {
          ctx.info("sample %s: %d cells, threshold %.3f, %d called doublets", label, rows.length, r.threshold(),
              r.nPredicted());
        }
        perSample.put(label, record(r, rows.length));
        task.step(rows.length);
      }
    }
    data.obs().put(Keys.OBS_DOUBLET_SCORE, new DoubleColumn(score));
    data.obs().put(Keys.OBS_PREDICTED_DOUBLET, new BooleanColumn(called));
    Map<String, Object> uns = new LinkedHashMap<>();
    if (o.sampleKey() == null) {
      uns.putAll(castRecord(perSample.get("all")));
    } else {
      uns.put("batches", perSample);
      uns.put("batched_by", o.sampleKey());
    }
    uns.put("parameters", parameters(o.scrublet(), ctx.seed()));
    data.uns().put(Keys.UNS_SCRUBLET, uns);
    int nCalled = 0;
    for (boolean c : called) {
      nCalled += c ? 1 : 0;
    }
    ctx.info("Scrublet: %d of %d cells called doublets (%.1f%%)%s", nCalled, n, 100.0 * nCalled / Math.max(1, n),
        o.sampleKey() == null ? "" : String.format(java.util.Locale.ROOT, " in %d samples of obs['%s']",
            perSample.size(), o.sampleKey()));
    if (!noThreshold.isEmpty()) {
      ctx.info("Scrublet found no threshold (the simulated doublets' scores have no two modes) in %s: no cell "
          + "called there; give --doublet-threshold", o.sampleKey() == null ? "the data" : String.join(", ", noThreshold));
    }
    if (!o.removeDoublets() || nCalled == 0) {
      return ToolResult.of(data);
    }
    int[] keep = new int[n - nCalled];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!called[i]) {
        keep[k++] = i;
      }
    }
    ctx.info("removed the %d predicted doublets", nCalled);
    return ToolResult.of(data.keepObs(keep, ctx.parallel()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castRecord(Object o) {
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> record(Scrublet.Result r, int cells) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!Double.isNaN(r.threshold())) {
      m.put("threshold", r.threshold());
    }
    m.put("n_cells", (long) cells);
    m.put("n_predicted", (long) r.nPredicted());
    m.put("n_neighbors", (long) r.neighbors());
    m.put("n_genes", (long) r.genes().length);
    m.put("doublet_scores_sim", r.scoresSim());
    long[] parents = new long[r.parents().length];
    for (int t = 0; t < parents.length; t++) {
      parents[t] = r.parents()[t];
    }
    m.put("doublet_parents", parents);
    return m;
  }

  private static Map<String, Object> parameters(Scrublet.Options s, long seed) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("expected_doublet_rate", s.expectedDoubletRate());
    p.put("stdev_doublet_rate", s.stdevDoubletRate());
    p.put("sim_doublet_ratio", s.simDoubletRatio());
    p.put("n_neighbors", (long) s.nNeighbors());
    p.put("n_prin_comps", (long) s.nPrinComps());
    p.put("min_counts", s.minCounts());
    p.put("min_cells", (long) s.minCells());
    p.put("min_gene_variability_pctl", s.minGeneVariabilityPctl());
    p.put("random_state", seed);
    return p;
  }

  /** The rows of a counts matrix as one sample's {@link Scrublet.Counts}, in double precision. */
  public static Scrublet.Counts counts(CsrMatrix m, int[] rows) {
    int[] indptr = new int[rows.length + 1];
    for (int t = 0; t < rows.length; t++) {
      indptr[t + 1] = Math.addExact(indptr[t], m.row(rows[t]).nnz());
    }
    int[] indices = new int[indptr[rows.length]];
    double[] values = new double[indices.length];
    for (int t = 0; t < rows.length; t++) {
      CsrMatrix.Row row = m.row(rows[t]);
      for (int k = row.start(); k < row.end(); k++) {
        indices[indptr[t] + k - row.start()] = row.index(k);
        values[indptr[t] + k - row.start()] = row.value(k);
      }
    }
    return new Scrublet.Counts(rows.length, m.nCols(), indptr, indices, values);
  }
}
