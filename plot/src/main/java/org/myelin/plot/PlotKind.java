package org.myelin.plot;

import java.util.Locale;
import java.util.function.BiFunction;
import org.myelin.core.data.CellData;

/** Every figure myelin draws, by the name {@code myelin plot KIND} takes. */
public enum PlotKind {
  QC("violins of genes, counts and % mitochondrial counts per cell, before and after filtering, thresholds drawn",
      QcPlots::violins),
  QC_SCATTER("total counts against genes per cell, coloured by % mitochondrial counts", QcPlots::countsVsGenes),
  HVG("mean against normalised dispersion of each gene, highly variable genes in black", QcPlots::hvg),
  PCA_VARIANCE("share of variance of each principal component (the elbow)", QcPlots::pcaVariance),
  UMAP("UMAP coloured by each --color key (obs column, gene or score; default leiden)",
      (d, o) -> EmbeddingPlots.embedding(d, o, "umap")),
  PCA("PC1 against PC2 coloured by each --color key", (d, o) -> EmbeddingPlots.embedding(d, o, "pca")),
  SPATIAL("the tissue coloured by each --color key, in micrometres with a scale bar; Visium spots over the H&E "
      + "image at their true diameter", EmbeddingPlots::spatial),
  DOTPLOT("top marker genes per group: fraction expressing (dot area) and mean expression (colour)",
      MarkerPlots::dotplot),
  HEATMAP("mean expression of the top marker genes per group, scaled per gene", MarkerPlots::heatmap),
  VIOLIN("scores (the --color keys, else the first six) per group", MarkerPlots::violin),
  NHOOD("neighbourhood-enrichment z-scores between groups", SpatialStatPlots::nhood),
  MORAN("the 20 genes or scores of highest Moran's I", SpatialStatPlots::moran),
  CO_OCCURRENCE("co-occurrence ratio against distance, from the --color group (default schwann or the first)",
      SpatialStatPlots::coOccurrence),
  RIPLEY("Ripley's L per group with the envelope of random placement", SpatialStatPlots::ripley),
  CENTRALITY("degree, clustering and closeness centrality of each group", SpatialStatPlots::centrality),
  NICHE("score mean and 95% interval against distance to the niche's reference cells (the --color scores, "
      + "else the four of strongest trend)", NichePlots::trend),
  NICHE_COMPOSITION("cell-type fractions per distance band around the reference cells", NichePlots::composition),
  NICHE_TISSUE("the tissue with reference cells, the cells within the niche radius and perineural-invasion "
      + "candidates", NichePlots::tissue);

  private final String description;
  private final BiFunction<CellData, PlotOptions, Figure> draw;

  PlotKind(String description, BiFunction<CellData, PlotOptions, Figure> draw) {
    this.description = description;
    this.draw = draw;
  }

  /** The name on the command line: {@code niche-tissue} for NICHE_TISSUE. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public String description() {
    return description;
  }

  /** The kind named {@code label}, or null. */
  public static PlotKind of(String label) {
    for (PlotKind k : values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    return null;
  }

  /**
   * Draws this figure from {@code data}; an IllegalArgumentException says which slot is missing
   * (the step to run first) or which option names something the data does not have.
   */
  public Figure draw(CellData data, PlotOptions options) {
    return draw.apply(data, options);
  }
}
