package org.myelin.cli;

import java.util.List;
import java.util.Map;
import org.myelin.core.pp.PcaTool;
import picocli.CommandLine.Option;

/** PCA ({@link PcaTool}): {@code myelin pca} and the pca step of run. */
final class PcaStep extends ToolStep<PcaTool.Options> {

  private static final PcaTool.Options DEFAULTS = PcaTool.Options.defaults();

  PcaStep() {
    super("pca", PcaTool::run);
  }

  @Option(names = "--n-pcs", paramLabel = "N", description = "Components (default: ${DEFAULT-VALUE}).")
  int nPcs = DEFAULTS.nComps();

  @Option(names = "--max-value", paramLabel = "X",
      description = "Clip standardised values above this, as scanpy's scale(max_value); 'none' to keep them (default: ${DEFAULT-VALUE}).")
  String maxValue = Step.number(DEFAULTS.maxValue());

  @Option(names = "--all-genes", description = "Use every gene, not only var['highly_variable'].")
  boolean allGenes = !DEFAULTS.useHighlyVariable();

  @Option(names = "--scale", paramLabel = "WHEN",
      description = "Standardise the genes first: yes, no, or auto = yes unless 'myelin scale' already did "
          + "(uns['scale']) (default: ${DEFAULT-VALUE}).")
  String scale = DEFAULTS.scale().name().toLowerCase(java.util.Locale.ROOT);

  @Override
  public List<String> tableNames() {
    return List.of(PcaTool.TABLE);
  }

  @Override
  public void check() {
    double clip = Step.numberOr(maxValue, "none", "--max-value");
    PcaTool.Scale s = Step.choice(PcaTool.Scale.class, scale, "--scale");
    options = Step.options(() -> new PcaTool.Options(nPcs, clip, !allGenes, s), Map.of("n_comps", "--n-pcs"));
  }

}
