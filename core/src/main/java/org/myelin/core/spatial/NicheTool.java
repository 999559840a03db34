package org.myelin.core.spatial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.de.MultipleTesting;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CellSelection;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.table.IntColumn;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * The nerve niche, myelin's own analysis for cancer neuroscience (after Baruch et al., Nature
 * 2025): each cell's distance to the nearest reference cell (nerves, Schwann cells, or cells above a
 * score), scores and cell-type shares per distance band with 95% intervals, the trend with distance
 * (Spearman, permutation p) and the niche against distal tissue (Wilcoxon), and reference cells
 * with tumour cells close by flagged as perineural-invasion candidates.
 */
public final class NicheTool {

  private NicheTool() {}

  /**
   * @param reference the reference cells: COLUMN=VALUE[,VALUE] or COLUMN&gt;X
   * @param referenceName names the obs column distance_to_NAME_um (_units when the scale is unknown)
   * @param cells profile only these cells (a selection), or null for every non-reference cell
   * @param scores numeric obs columns profiled: auto (the signature scores), none, or a list
   * @param compositionKey categories whose share per band is reported: auto (cell_type, else
   *     leiden), none, or a column
   * @param bands band edges in micrometres, increasing from 0 (the last may be infinite)
   * @param nicheRadius the perineural niche: cells within this distance, against the rest
   * @param nPerms permutations for the trend's p-value
   * @param tumour tumour cells (a selection), or null: reference cells with tumour cells near are flagged
   * @param invasionRadius distance within which tumour cells count
   * @param minTumour tumour cells within the radius that flag a reference cell
   */
  public record Options(String reference, String referenceName, String cells, String scores, String compositionKey,
      double[] bands, double nicheRadius, int nPerms, String tumour, double invasionRadius, int minTumour) {

    public Options {
      InvalidOptionException.check(reference != null && !reference.isBlank(), "reference", reference,
          "the reference cells: cell_type=schwann, or SCORE>X");
      InvalidOptionException.check(referenceName != null && referenceName.matches("[A-Za-z0-9_]+"), "reference_name",
          referenceName, "letters, digits and _");
      InvalidOptionException.check(scores != null && !scores.isBlank(), "scores", scores, "auto, none or a list");
      InvalidOptionException.check(compositionKey != null && !compositionKey.isBlank(), "composition_key",
          compositionKey, "auto, none or an obs column");
      bands = bands.clone();
      InvalidOptionException.check(bands.length >= 2 && bands[0] >= 0, "bands", java.util.Arrays.toString(bands),
          "at least two edges from 0 up");
      for (int b = 1; b < bands.length; b++) {
        InvalidOptionException.check(bands[b] > bands[b - 1], "bands", java.util.Arrays.toString(bands),
            "edges must increase");
      }
      InvalidOptionException.check(nicheRadius > 0, "niche_radius", nicheRadius, "must be positive");
      InvalidOptionException.check(nPerms >= 0, "n_perms", nPerms, "0 or more");
      InvalidOptionException.check(invasionRadius > 0, "invasion_radius", invasionRadius, "must be positive");
      InvalidOptionException.check(minTumour >= 1, "min_tumour", minTumour, "positive");
    }

    /** Distance to {@code reference}, the scores, bands 0-25-50-100-200-400-inf um, a 50 um niche. */
    public static Options defaults(String reference) {
      return new Options(reference, "nerve", null, "auto", "auto", new double[] {0, 25, 50, 100, 200, 400,
          Double.POSITIVE_INFINITY}, 50, 1000, null, 15, 2);
    }

    @Override
    public double[] bands() {
      return bands.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Options p && toString().equals(p.toString());
    }

    @Override
    public int hashCode() {
      return toString().hashCode();
    }

    @Override
    public String toString() {
      return "Options[reference=" + reference + ", referenceName=" + referenceName + ", cells=" + cells + ", scores="
          + scores + ", compositionKey=" + compositionKey + ", bands=" + java.util.Arrays.toString(bands)
          + ", nicheRadius=" + nicheRadius + ", nPerms=" + nPerms + ", tumour=" + tumour + ", invasionRadius="
          + invasionRadius + ", minTumour=" + minTumour + "]";
    }
  }

  /** Adds the distance (and PNI flags) to obs and uns['niche']; returns the tables niche_bands, niche_trend, niche_composition. */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    // Distances, bands and radii are micrometres when the scale is known, else the coordinates' units.
    Coordinates xy = SpatialUnits.coordinates(data, Keys.OBSM_SPATIAL);
    String unit = SpatialUnits.suffix(data);
    boolean[] ref = CellSelection.of(o.reference(), data.obs(), "--niche-reference");
    double[] dist = NerveNiche.distanceTo(xy.x(), xy.y(), ref, ctx.parallel());
    boolean[] profiled = o.cells() == null ? null : CellSelection.of(o.cells(), data.obs(), "--niche-cells");
    boolean[] include = new boolean[ref.length];
    int nRef = 0;
    for (int i = 0; i < ref.length; i++) {
      include[i] = !ref[i] && (profiled == null || profiled[i]);
      nRef += ref[i] ? 1 : 0;
    }
    String distCol = "distance_to_" + o.referenceName() + "_" + unit;
    data.obs().put(distCol, new DoubleColumn(dist));
    double[] edges = o.bands();
    List<String> cols = SpatialAutocorrTool.obsColumns(data, o.scores(), "--scores");
    List<NerveNiche.Band> bandRows = new ArrayList<>();
    List<NerveNiche.Trend> trends = new ArrayList<>();
    for (int s = 0; s < cols.size(); s++) {
      double[] v = ((DoubleColumn) data.obs().get(cols.get(s))).values();
      bandRows.addAll(NerveNiche.bands(cols.get(s), v, dist, include, edges));
      trends.add(NerveNiche.trend(cols.get(s), v, dist, include, o.nicheRadius(), o.nPerms(), ctx.seed() + s,
          ctx.parallel()));
    }
    Map<String, Frame> tables = new LinkedHashMap<>();
    tables.put("niche_bands", bandTable(bandRows, unit));
    tables.put("niche_trend", trendTable(trends));
    String key = switch (o.compositionKey()) {
      case "none" -> null;
      case "auto" -> data.obs().has(Keys.OBS_CELL_TYPE) ? Keys.OBS_CELL_TYPE
          : data.obs().has(Keys.OBS_LEIDEN) ? Keys.OBS_LEIDEN : null;
      default -> o.compositionKey();
    };
    if (key != null) {
      Groups g = Groups.of(data.obs(), key, "spatial niche (--composition-key)");
      // Composition is of every cell around the reference, not only the profiled ones (--niche-cells
      // picks whose scores are profiled; the share of CD8 T cells among CD8 T cells says nothing).
      boolean[] others = new boolean[ref.length];
      for (int i = 0; i < ref.length; i++) {
        others[i] = !ref[i];
      }
      tables.put("niche_composition", shareTable(NerveNiche.composition(g, dist, others, edges), unit));
    }
    Map<String, Object> uns = new LinkedHashMap<>();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("reference", o.reference());
    params.put("cells", o.cells() == null ? "all but the reference" : o.cells());
    params.put("n_reference_cells", (long) nRef);
    params.put("distance_key", distCol);
    params.put("bands_" + unit, edges);
    params.put("niche_radius_" + unit, o.nicheRadius());
    params.put("n_perms", (long) o.nPerms());
    if (o.tumour() != null) {
      boolean[] tum = CellSelection.of(o.tumour(), data.obs(), "--tumour");
      boolean[] pni = NerveNiche.invasionCandidates(xy.x(), xy.y(), ref, tum, o.invasionRadius(), o.minTumour());
      data.obs().put(Keys.OBS_PNI_CANDIDATE, new BooleanColumn(pni, null));
      int flagged = 0;
      for (boolean b : pni) {
        flagged += b ? 1 : 0;
      }
      params.put("tumour", o.tumour());
      params.put("invasion_radius_" + unit, o.invasionRadius());
      params.put("min_tumour", (long) o.minTumour());
      params.put("n_pni_candidates", (long) flagged);
      ctx.info("%d of %d reference cells have %d+ tumour cells within %s %s (pni_candidate)", flagged, nRef,
          o.minTumour(), o.invasionRadius(), unit);
    }
    uns.put("params", params);
    for (Map.Entry<String, Frame> t : tables.entrySet()) {
      uns.put(t.getKey().substring("niche_".length()), t.getValue());
    }
    data.uns().put(Keys.UNS_NICHE, uns);
    ctx.info("%d reference cells (%s); %d scores over %d bands", nRef, o.reference(), cols.size(), edges.length - 1);
    return ToolResult.of(data, tables, "name");
  }

  private static Frame bandTable(List<NerveNiche.Band> rows, String unit) {
    int n = rows.size();
    String[] score = new String[n];
    double[][] v = new double[5][n];
    long[] count = new long[n];
    for (int r = 0; r < n; r++) {
      NerveNiche.Band b = rows.get(r);
      score[r] = b.score();
      v[0][r] = b.lo();
      v[1][r] = b.hi();
      count[r] = b.n();
      v[2][r] = b.mean();
      v[3][r] = b.ciLow();
      v[4][r] = b.ciHigh();
    }
    Frame f = new Frame(score);
    f.put("band_from_" + unit, new DoubleColumn(v[0]));
    f.put("band_to_" + unit, new DoubleColumn(v[1]));
    f.put("n_cells", new IntColumn(count));
    f.put("mean", new DoubleColumn(v[2]));
    f.put("ci95_low", new DoubleColumn(v[3]));
    f.put("ci95_high", new DoubleColumn(v[4]));
    return f;
  }

  private static Frame trendTable(List<NerveNiche.Trend> rows) {
    int n = rows.size();
    String[] score = new String[n];
    long[] cells = new long[n];
    long[] niche = new long[n];
    long[] distal = new long[n];
    double[][] v = new double[5][n];
    for (int r = 0; r < n; r++) {
      NerveNiche.Trend t = rows.get(r);
      score[r] = t.score();
      cells[r] = t.n();
      niche[r] = t.nNiche();
      distal[r] = t.nDistal();
      v[0][r] = t.rho();
      v[1][r] = t.pPermutation();
      v[2][r] = t.nicheMean();
      v[3][r] = t.distalMean();
      v[4][r] = t.pWilcoxon();
    }
    Frame f = new Frame(score);
    f.put("n_cells", new IntColumn(cells));
    f.put("spearman_rho", new DoubleColumn(v[0]));
    f.put("pval_perm", new DoubleColumn(v[1]));
    f.put("pval_perm_fdr_bh", new DoubleColumn(MultipleTesting.benjaminiHochberg(v[1])));
    f.put("n_niche", new IntColumn(niche));
    f.put("mean_niche", new DoubleColumn(v[2]));
    f.put("n_distal", new IntColumn(distal));
    f.put("mean_distal", new DoubleColumn(v[3]));
    f.put("pval_wilcoxon", new DoubleColumn(v[4]));
    f.put("pval_wilcoxon_fdr_bh", new DoubleColumn(MultipleTesting.benjaminiHochberg(v[4])));
    return f;
  }

  private static Frame shareTable(List<NerveNiche.Share> rows, String unit) {
    int n = rows.size();
    String[] cat = new String[n];
    long[] count = new long[n];
    long[] total = new long[n];
    double[][] v = new double[5][n];
    for (int r = 0; r < n; r++) {
      NerveNiche.Share s = rows.get(r);
      cat[r] = s.category();
      count[r] = s.n();
      total[r] = s.total();
      v[0][r] = s.lo();
      v[1][r] = s.hi();
      v[2][r] = s.fraction();
      v[3][r] = s.ciLow();
      v[4][r] = s.ciHigh();
    }
    Frame f = new Frame(cat);
    f.put("band_from_" + unit, new DoubleColumn(v[0]));
    f.put("band_to_" + unit, new DoubleColumn(v[1]));
    f.put("n_cells", new IntColumn(count));
    f.put("band_cells", new IntColumn(total));
    f.put("fraction", new DoubleColumn(v[2]));
    f.put("ci95_low", new DoubleColumn(v[3]));
    f.put("ci95_high", new DoubleColumn(v[4]));
    return f;
  }
}
