package org.myelin.cli;

import java.util.List;
import java.util.Map;
import org.myelin.core.pp.SubsetTool;
import picocli.CommandLine.Option;

/** Subsetting to analyse again ({@link SubsetTool}): {@code myelin subset}. */
final class SubsetStep extends ToolStep<SubsetTool.Options> {

  @Option(names = "--where", paramLabel = "CONDITION", required = true,
      description = "A condition on an obs column or a gene: COLUMN=VALUE[,VALUE], 'COLUMN in (A, B)', COLUMN>X, "
          + "GENE>=X (X of the gene in X); repeat it for cells that meet all.")
  List<String> where;

  SubsetStep() {
    super("subset", SubsetTool::run);
  }

  @Override
  public void check() {
    options = Step.options(() -> new SubsetTool.Options(where), Map.of());
  }
}
