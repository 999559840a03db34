package org.myelin.core.pp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;

/**
 * What kind of measurement a dataset is, and the defaults that fit it: droplet scRNA-seq (cells,
 * whole transcriptome), Visium spots (several cells each, on a hexagonal array), or a targeted
 * in-situ panel (Xenium, MERFISH, CosMx: a few hundred genes, single cells with coordinates).
 * The presets follow the tutorials of scanpy (scRNA-seq) and squidpy (Visium, Xenium, MERFISH,
 * CosMx); docs/preprocessing.md states each value and its source.
 */
public enum Modality {
  SCRNA(new Preset(0, 200, 3, QcMetrics.DEFAULT_PERCENT_TOP, false, Double.NaN)),
  VISIUM(new Preset(0, 20, 10, QcMetrics.DEFAULT_PERCENT_TOP, false, Double.NaN)),
  XENIUM(new Preset(10, 0, 5, new int[] {10, 20, 50, 150}, true, 1)),
  MERFISH(new Preset(10, 0, 5, new int[] {10, 20, 50, 150}, true, 1)),
  COSMX(new Preset(10, 0, 5, new int[] {10, 20, 50, 150}, true, 0.12028));

  /** Panels hold at most this many genes; whole-transcriptome data many more. */
  public static final int PANEL_MAX_GENES = 1500;

  /**
   * The defaults of a modality.
   *
   * @param minCounts remove cells with fewer counts
   * @param minGenes remove cells expressing fewer genes
   * @param minCells remove genes expressed in fewer cells
   * @param percentTop the n of pct_counts_in_top_n_genes
   * @param allGenes a panel: every gene is informative, PCA uses them all (no HVG selection)
   * @param micronsPerUnit the coordinates' scale when the technology fixes it; NaN when not
   */
  public record Preset(double minCounts, int minGenes, int minCells, int[] percentTop, boolean allGenes,
      double micronsPerUnit) {}

  private final Preset preset;

  Modality(Preset preset) {
    this.preset = preset;
  }

  public Preset preset() {
    return preset;
  }

  /** The name on the command line and in uns. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A modality by name; refuses others. */
  public static Modality of(String name) {
    for (Modality m : values()) {
      if (m.key().equals(name.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("Invalid modality: " + name + " (scrna, visium, xenium, merfish or cosmx)");
  }

  /** The modality and the evidence for it. */
  public record Detection(Modality modality, String evidence) {}

  /**
   * Recognises the data: Visium by its array coordinates; a panel by its gene count and cell
   * coordinates (MERFISH by its Blank- codewords, CosMx by its NegPrb probes, Xenium otherwise);
   * everything else as droplet scRNA-seq (a subset of genes without coordinates included).
   */
  public static Detection detect(CellData data) {
    if (data.obs().has(Keys.OBS_ARRAY_ROW) && data.obs().has(Keys.OBS_ARRAY_COL)) {
      return new Detection(VISIUM, "Visium spots: obs has array_row and array_col");
    }
    int genes = data.nVars();
    boolean located = data.obsm().containsKey(Keys.OBSM_SPATIAL);
    if (genes <= PANEL_MAX_GENES && !located) {
      return new Detection(SCRNA, genes + " genes without coordinates: taken as single-cell RNA-seq (a panel "
          + "without its cell table? give --coords, or --preset xenium|merfish|cosmx)");
    }
    if (genes <= PANEL_MAX_GENES) {
      String[] names = data.var().index();
      boolean blank = false;
      boolean negPrb = false;
      for (String g : names) {
        blank |= g.startsWith("Blank-");
        negPrb |= g.startsWith("NegPrb");
      }
      String where = " with coordinates";
      if (blank) {
        return new Detection(MERFISH, "a " + genes + "-gene panel" + where + " with Blank- codewords (MERFISH)");
      }
      if (negPrb) {
        return new Detection(COSMX, "a " + genes + "-gene panel" + where + " with NegPrb probes (CosMx)");
      }
      return new Detection(XENIUM, "a " + genes + "-gene targeted panel" + where);
    }
    return new Detection(SCRNA, genes + " genes, no spot array: droplet single-cell RNA-seq");
  }

  /** The record of uns["modality"]. */
  public Map<String, Object> asUns(String evidence, boolean detected) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("modality", key());
    m.put("detected", detected);
    m.put("evidence", evidence);
    return m;
  }
}
