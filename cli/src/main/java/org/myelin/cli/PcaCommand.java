package org.myelin.cli;

import java.util.concurrent.Callable;
import org.myelin.core.pp.Pca;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin pca}: scanpy's scale then pca, X kept sparse. */
@Command(name = "pca", mixinStandardHelpOptions = true,
    description = "Principal components of the standardised highly variable genes, as scanpy's scale(max_value) "
        + "then pca, without making X dense: obsm['X_pca'], varm['PCs'], uns['pca'] (variance, variance_ratio). "
        + "Signs as sklearn: each component's largest score is positive.")
final class PcaCommand implements Callable<Integer> {

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

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    double clip = StepArgs.numberOr(maxValue, "none", "--max-value");
    if (!Double.isNaN(clip) && !(clip > 0)) {
      throw new IllegalArgumentException("Invalid --max-value: " + maxValue + " (must be positive)");
    }
    if (!scale.equals("auto") && !scale.equals("yes") && !scale.equals("no")) {
      throw new IllegalArgumentException("Invalid --scale: " + scale + " (auto, yes or no)");
    }
    return StepRunner.run(spec, args, (data, parallel) -> {
      boolean standardize = scale.equals("yes") || (scale.equals("auto") && !data.uns().containsKey("scale"));
      Pca.Result r = Pca.run(data, nPcs, !allGenes, clip, standardize, parallel);
      spec.commandLine().getErr().printf("myelin pca: %d components of %d genes; variance ratio of PC1 %.4f%n",
          r.nComps(), r.genes().length, r.varianceRatio()[0]);
      return data;
    });
  }
}
