package org.myelin.core.pp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.CellSelection;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * The cells that meet every condition, ready to be analysed again (as scanpy users do with
 * {@code adata[mask].copy()} and a fresh pipeline, e.g. T cells alone to tell progenitor from
 * terminally exhausted states): raw counts back in X when {@code layers["counts"]} holds them, the
 * parent's embeddings, graphs and analyses dropped, its labels kept under {@code parent_*}.
 */
public final class SubsetTool {

  /** obs columns that label the parent's clusters and types: kept as parent_&lt;name&gt;. */
  static final List<String> LABELS = List.of(Keys.OBS_LEIDEN, "louvain", "cell_type_annotated",
      "cell_type_cluster", "cell_type_score", "cell_type_margin");

  /** uns entries of the parent's analyses, which no longer hold for the subset. */
  static final List<String> ANALYSES = List.of(Keys.UNS_QC, Keys.UNS_NORMALIZE_TOTAL, Keys.UNS_LOG1P, Keys.UNS_HVG,
      Keys.UNS_SCALE, Keys.UNS_PCA, Keys.UNS_NEIGHBORS, Keys.UNS_UMAP, Keys.OBS_LEIDEN, "louvain",
      Keys.UNS_RANK_GENES_GROUPS, Keys.UNS_SCORES, Keys.UNS_SCORE_SUMMARY, Keys.UNS_SPATIAL_NEIGHBORS, Keys.UNS_MORAN,
      Keys.UNS_GEARY, Keys.UNS_NICHE, Keys.UNS_LIGREC, Keys.UNS_CELL_TYPES, Keys.UNS_MODALITY);

  /** var columns the parent's HVG selection and scaling wrote. */
  static final List<String> GENE_STATISTICS = List.of(Keys.VAR_HIGHLY_VARIABLE, "means", "dispersions",
      "dispersions_norm", "variances", "variances_norm", "highly_variable_rank", "highly_variable_nbatches",
      "highly_variable_intersection", "mean", "std");

  private SubsetTool() {}

  /**
   * @param where conditions on obs columns or genes (COLUMN=V, COLUMN in (A, B), GENE>X, ...), all to be met
   */
  public record Options(List<String> where) {
    public Options {
      where = List.copyOf(where);
      InvalidOptionException.check(!where.isEmpty(), "where", where, "at least one condition");
    }
  }

  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    boolean[] keep = new boolean[data.nObs()];
    java.util.Arrays.fill(keep, true);
    for (String w : o.where()) {
      boolean[] m = CellSelection.of(w, withGenes(data, w), "--where");
      for (int i = 0; i < m.length; i++) {
        keep[i] &= m[i];
      }
    }
    int[] rows = java.util.stream.IntStream.range(0, keep.length).filter(i -> keep[i]).toArray();
    if (rows.length == 0) {
      throw new IllegalArgumentException("--where " + String.join(" and ", o.where()) + ": no cell meets every "
          + "condition");
    }
    CellData out = data.selectObs(rows);
    CsrMatrix counts = out.layers().get(Keys.LAYER_COUNTS);
    if (counts != null) {
      out.setX(counts);
      out.removeLayer(Keys.LAYER_COUNTS);
    } else if (!CsrMatrix.isIntegral(out.x())) {
      ctx.info("X is not raw counts and there is no counts layer: X kept as it is (run will not normalise it again)");
    }
    for (String key : new ArrayList<>(out.obsm().keySet())) {
      if (!key.equals(Keys.OBSM_SPATIAL)) {
        out.removeObsm(key);
      }
    }
    new ArrayList<>(out.varm().keySet()).forEach(out::removeVarm);
    new ArrayList<>(out.obsp().keySet()).forEach(out::removeObsp);
    for (String key : new ArrayList<>(out.uns().keySet())) {
      if (ANALYSES.contains(key) || key.endsWith("_nhood_enrichment") || key.endsWith("_interactions")
          || key.endsWith("_centrality_scores") || key.endsWith("_co_occurrence") || key.contains("_ripley_")) {
        out.uns().remove(key);
      }
    }
    for (String c : GENE_STATISTICS) {
      out.var().remove(c);
    }
    List<String> renamed = new ArrayList<>();
    for (String c : LABELS) {
      Column col = out.obs().remove(c);
      if (col != null) {
        out.obs().put("parent_" + c, col);
        renamed.add(c);
      }
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("where", o.where().toArray(new String[0]));
    record.put("n_parent_cells", (long) data.nObs());
    out.uns().put("subset", record);
    ctx.info("kept %d of %d cells (%s)%s", rows.length, data.nObs(), String.join(" and ", o.where()),
        renamed.isEmpty() ? "" : "; the parent's " + String.join(", ", renamed) + " kept as parent_*");
    return ToolResult.of(out);
  }

  /** obs, and the gene a condition names when obs has no such column (its values in X, as a column). */
  private static Frame withGenes(CellData data, String condition) {
    String name = condition.split("(?i)\\s+in\\s*\\(|[<>=]", 2)[0].strip();
    if (data.obs().has(name)) {
      return data.obs();
    }
    String[] genes = data.var().index();
    for (int j = 0; j < genes.length; j++) {
      if (genes[j].equals(name)) {
        Frame f = data.obs().withIndex(data.obs().index());
        f.put(name, new DoubleColumn(data.x().column(j)));
        return f;
      }
    }
    return data.obs();
  }
}
