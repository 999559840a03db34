package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin spatial niche}: the nerve niche. */
@Command(name = "niche", mixinStandardHelpOptions = true,
    description = "The nerve niche: each cell's distance to the nearest reference cell (nerves, Schwann cells, or "
        + "cells above a score), scores and cell-type shares per distance band with 95% intervals, the trend "
        + "(Spearman, permutation p) and the niche against distal tissue (Wilcoxon), and reference cells with tumour "
        + "cells close by (perineural-invasion candidates).",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin spatial niche scored.h5ad -o niche.h5ad --niche-reference cell_type=schwann --niche-cells "
            + "cell_type=cd8_t --tables tables/",
        "  myelin spatial niche scored.h5ad -o niche.h5ad --niche-reference 'NERVE_INJURY_NEURON_RAG_UP_module>0.3' "
            + "--tumour cell_type=tumour_squamous"})
final class SpatialNicheCommand extends TableStepCommand {

  @Mixin
  SpatialNicheStep step;

  @Override
  Step step() {
    step.referenceRequired = true;
    return step;
  }
}
