package org.myelin.core.data;

/** Slot names, spelled as scanpy and squidpy spell them, so our h5ad files look like theirs. */
public final class Keys {

  private Keys() {}

  public static final String LAYER_COUNTS = "counts";
  public static final String OBSM_SPATIAL = "spatial";
  public static final String OBSM_PCA = "X_pca";
  public static final String OBSM_UMAP = "X_umap";
  public static final String OBS_IN_TISSUE = "in_tissue";
  public static final String OBS_ARRAY_ROW = "array_row";
  public static final String OBS_ARRAY_COL = "array_col";
  public static final String VAR_GENE_IDS = "gene_ids";
  public static final String VAR_FEATURE_TYPES = "feature_types";
  public static final String VAR_GENOME = "genome";
  public static final String OBSP_SPATIAL_CONNECTIVITIES = "spatial_connectivities";
  public static final String OBSP_SPATIAL_DISTANCES = "spatial_distances";
}
