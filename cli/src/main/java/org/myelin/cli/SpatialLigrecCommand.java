package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin spatial ligrec}: squidpy's ligrec and the bivariate Moran's I. */
@Command(name = "ligrec", mixinStandardHelpOptions = true,
    description = "Ligand-receptor co-localisation for the pairs of cancer neuroscience (CALCA and CALCB with "
        + "CALCRL+RAMP1, SLIT2 with ROBO1 and ROBO2, NGF with NGFR) and any from --ligrec-pairs: CellPhoneDB's "
        + "permutation test between categories (as squidpy's ligrec) and the bivariate Moran's I on the "
        + "spatial graph. Tables ligrec.tsv and ligrec_spatial.tsv, uns['ligrec'].",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin spatial ligrec graph.h5ad -o ligrec.h5ad --groupby cell_type --tables tables/",
        "  myelin spatial ligrec graph.h5ad -o ligrec.h5ad --ligrec-pairs pairs.tsv --ligrec-perms 500"})
final class SpatialLigrecCommand extends GroupedTableStepCommand {

  @Mixin
  LigrecStep step;

  @Override
  GroupedStep groupedStep() {
    return step;
  }
}
