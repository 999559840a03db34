package org.myelin.core.annotate;

import java.util.List;

/**
 * The cell types annotation tells apart, each defined by marker sets of the signature library: a
 * type's score is the mean of its sets' scores, so a T-cell subtype weighs the pan-T markers and
 * its own equally. Epithelial tumour cells are "epithelial": a squamous subtype would tie with it
 * wherever both sets are high.
 */
public final class CellTypes {

  private CellTypes() {}

  /** A label and the marker sets that define it. */
  public record Type(String label, List<String> sets) {
    public Type {
      sets = List.copyOf(sets);
    }
  }

  /** The built-in catalogue: immune, stromal, neural and epithelial types of a tumour section, and blood's. */
  public static final List<Type> BUILTIN = List.of(
      new Type("cd8_t", List.of("CELLTYPE_T_CELL", "CELLTYPE_CD8_T")),
      new Type("cd4_t", List.of("CELLTYPE_T_CELL", "CELLTYPE_CD4_T")),
      new Type("treg", List.of("CELLTYPE_T_CELL", "CELLTYPE_TREG")),
      new Type("nk", List.of("CELLTYPE_NK")),
      new Type("b_cell", List.of("CELLTYPE_B_CELL")),
      new Type("plasma", List.of("CELLTYPE_PLASMA_CELL")),
      new Type("myeloid", List.of("CELLTYPE_MYELOID_MONO_MACRO")),
      new Type("monocyte", List.of("CELLTYPE_MONOCYTE")),
      new Type("dendritic", List.of("CELLTYPE_DENDRITIC")),
      new Type("neutrophil", List.of("CELLTYPE_NEUTROPHIL")),
      new Type("mast", List.of("CELLTYPE_MAST")),
      new Type("platelet", List.of("CELLTYPE_PLATELET")),
      new Type("fibroblast", List.of("CELLTYPE_FIBROBLAST")),
      new Type("pericyte", List.of("CELLTYPE_PERICYTE_SMC")),
      new Type("endothelial", List.of("CELLTYPE_ENDOTHELIAL")),
      new Type("schwann", List.of("CELLTYPE_SCHWANN_GLIA")),
      new Type("neuron", List.of("CELLTYPE_NEURON_NERVE_FIBER")),
      new Type("epithelial", List.of("CELLTYPE_EPITHELIAL")),
      new Type("melanocytic", List.of("CELLTYPE_MELANOCYTIC")));

  /** One type per set of a user's GMT: the set's name is the label. */
  public static List<Type> oneTypePerSet(List<String> setNames) {
    return setNames.stream().map(n -> new Type(n, List.of(n))).toList();
  }
}
