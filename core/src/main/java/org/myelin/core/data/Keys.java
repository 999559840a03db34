package org.myelin.core.data;

/**
 * Slot names, spelled as scanpy and squidpy spell them, so our h5ad files look like theirs. Every
 * slot a tool reads or writes is named here once.
 */
public final class Keys {

  private Keys() {}

  // layers
  public static final String LAYER_COUNTS = "counts";

  // obsm
  public static final String OBSM_SPATIAL = "spatial";
  public static final String OBSM_PCA = "X_pca";
  /** The PCA embedding corrected by Harmony, under scanpy's harmony_integrate name. */
  public static final String OBSM_PCA_HARMONY = "X_pca_harmony";
  public static final String OBSM_UMAP = "X_umap";

  // varm
  public static final String VARM_PCS = "PCs";

  // obsp
  public static final String OBSP_CONNECTIVITIES = "connectivities";
  public static final String OBSP_DISTANCES = "distances";
  public static final String OBSP_SPATIAL_CONNECTIVITIES = "spatial_connectivities";
  public static final String OBSP_SPATIAL_DISTANCES = "spatial_distances";

  // obs
  /** Each cell's sample, as {@code myelin concat} labels the cells by default. */
  public static final String OBS_SAMPLE = "sample";
  public static final String OBS_DOUBLET_SCORE = "doublet_score";
  public static final String OBS_PREDICTED_DOUBLET = "predicted_doublet";
  public static final String OBS_IN_TISSUE = "in_tissue";
  public static final String OBS_ARRAY_ROW = "array_row";
  public static final String OBS_ARRAY_COL = "array_col";
  public static final String OBS_LEIDEN = "leiden";
  public static final String OBS_CELL_TYPE = "cell_type";
  public static final String OBS_PNI_CANDIDATE = "pni_candidate";

  // var
  public static final String VAR_GENE_IDS = "gene_ids";
  public static final String VAR_FEATURE_TYPES = "feature_types";
  public static final String VAR_GENOME = "genome";
  public static final String VAR_HIGHLY_VARIABLE = "highly_variable";

  // uns
  public static final String UNS_QC = "qc";
  public static final String UNS_NORMALIZE_TOTAL = "normalize_total";
  public static final String UNS_LOG1P = "log1p";
  public static final String UNS_HVG = "hvg";
  public static final String UNS_SCALE = "scale";
  public static final String UNS_PCA = "pca";
  public static final String UNS_NEIGHBORS = "neighbors";
  public static final String UNS_HARMONY = "harmony";
  public static final String UNS_SCRUBLET = "scrublet";
  public static final String UNS_UMAP = "umap";
  public static final String UNS_RANK_GENES_GROUPS = "rank_genes_groups";
  public static final String UNS_SCORES = "scores";
  public static final String UNS_SCORE_SUMMARY = "score_summary";
  public static final String UNS_SPATIAL_NEIGHBORS = "spatial_neighbors";
  public static final String UNS_MORAN = "moranI";
  public static final String UNS_GEARY = "gearyC";
  public static final String UNS_NICHE = "niche";
  public static final String UNS_LIGREC = "ligrec";
  public static final String UNS_SPATIAL_UNITS = "spatial_units";
  public static final String UNS_SPATIAL = "spatial";
  public static final String UNS_MODALITY = "modality";
  public static final String UNS_CELL_TYPES = "cell_types";

  /** uns key of squidpy's neighbourhood enrichment of obs[clusterKey]. */
  public static String nhoodEnrichment(String clusterKey) {
    return clusterKey + "_nhood_enrichment";
  }

  /** uns key of squidpy's interaction matrix of obs[clusterKey]. */
  public static String interactions(String clusterKey) {
    return clusterKey + "_interactions";
  }

  /** uns key of squidpy's centrality scores of obs[clusterKey]. */
  public static String centralityScores(String clusterKey) {
    return clusterKey + "_centrality_scores";
  }

  /** uns key of squidpy's co-occurrence of obs[clusterKey]. */
  public static String coOccurrence(String clusterKey) {
    return clusterKey + "_co_occurrence";
  }

  /** uns key of squidpy's Ripley statistic of obs[clusterKey]. */
  public static String ripley(String clusterKey, String mode) {
    return clusterKey + "_ripley_" + mode;
  }
}
