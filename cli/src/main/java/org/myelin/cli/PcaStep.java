package org.myelin.cli;

import java.io.PrintWriter;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Pca;
import picocli.CommandLine.Option;

/** The PCA step's options and the step, shared by {@code myelin pca} and {@code myelin run}. */
final class PcaStep {

  @Option(names = "--n-pcs", paramLabel = "N", defaultValue = "50", description = "Components (default: ${DEFAULT-VALUE}).")
  int nPcs;

  @Option(names = "--max-value", paramLabel = "X", defaultValue = "10",
      description = "Clip standardised values above this, as scanpy's scale(max_value); 'none' to keep them (default: ${DEFAULT-VALUE}).")
  String maxValue;

  @Option(names = "--all-genes", description = "Use every gene, not only var['highly_variable'].")
  boolean allGenes;

  @Option(names = "--scale", paramLabel = "WHEN", defaultValue = "auto",
      description = "Standardise the genes first: yes, no, or auto = yes unless 'myelin scale' already did "
          + "(uns['scale']) (default: ${DEFAULT-VALUE}).")
  String scale;

  /** The clipping value; the options are checked before any input is read. */
  double clip() {
    double clip = StepArgs.numberOr(maxValue, "none", "--max-value");
    if (!Double.isNaN(clip) && !(clip > 0)) {
      throw new IllegalArgumentException("Invalid --max-value: " + maxValue + " (must be positive)");
    }
    if (!scale.equals("auto") && !scale.equals("yes") && !scale.equals("no")) {
      throw new IllegalArgumentException("Invalid --scale: " + scale + " (auto, yes or no)");
    }
    return clip;
  }

  /** Fits and writes obsm['X_pca'], varm['PCs'], uns['pca']; returns the same container. */
  CellData apply(CellData data, Parallel parallel, PrintWriter err) {
    double clip = clip();
    boolean standardize = scale.equals("yes") || (scale.equals("auto") && !data.uns().containsKey("scale"));
    Pca.Result r = Pca.run(data, nPcs, !allGenes, clip, standardize, parallel);
    err.printf("myelin pca: %d components of %d genes; variance ratio of PC1 %.4f%n",
        r.nComps(), r.genes().length, r.varianceRatio()[0]);
    return data;
  }
}
