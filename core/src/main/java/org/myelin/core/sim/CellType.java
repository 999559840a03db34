package org.myelin.core.sim;

import java.util.List;

/**
 * The cell types of a simulated tumour section, each with the marker sets of the signature library
 * it raises and its median library size (UMIs) at the default depth.
 */
public enum CellType {
  TUMOUR("tumour_squamous", 4000, "CELLTYPE_EPITHELIAL", "CELLTYPE_SQUAMOUS_KERATINOCYTE"),
  FIBROBLAST("fibroblast", 3000, "CELLTYPE_FIBROBLAST"),
  ENDOTHELIAL("endothelial", 2500, "CELLTYPE_ENDOTHELIAL"),
  PERICYTE("pericyte", 2500, "CELLTYPE_PERICYTE_SMC"),
  SCHWANN("schwann", 2500, "CELLTYPE_SCHWANN_GLIA"),
  CD8_T("cd8_t", 1500, "CELLTYPE_T_CELL", "CELLTYPE_CD8_T"),
  CD4_T("cd4_t", 1500, "CELLTYPE_T_CELL", "CELLTYPE_CD4_T"),
  TREG("treg", 1500, "CELLTYPE_T_CELL", "CELLTYPE_TREG"),
  NK("nk", 1500, "CELLTYPE_NK"),
  B("b_cell", 1800, "CELLTYPE_B_CELL"),
  PLASMA("plasma", 3000, "CELLTYPE_PLASMA_CELL"),
  MACROPHAGE("macrophage", 2500, "CELLTYPE_MYELOID_MONO_MACRO"),
  DENDRITIC("dendritic", 2000, "CELLTYPE_DENDRITIC"),
  MAST("mast", 2000, "CELLTYPE_MAST");

  private final String label;
  private final double medianUmis;
  private final List<String> markerSets;

  CellType(String label, double medianUmis, String... markerSets) {
    this.label = label;
    this.medianUmis = medianUmis;
    this.markerSets = List.of(markerSets);
  }

  /** The name written to {@code obs["cell_type"]}. */
  public String label() {
    return label;
  }

  public double medianUmis() {
    return medianUmis;
  }

  /** Names of the signature-library sets whose genes this type expresses highly. */
  public List<String> markerSets() {
    return markerSets;
  }

  public boolean isImmune() {
    return ordinal() >= CD8_T.ordinal();
  }

  /** Labels of all types in declaration order: the categories of {@code obs["cell_type"]}. */
  public static String[] labels() {
    CellType[] all = values();
    String[] out = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].label;
    }
    return out;
  }
}
