package org.myelin.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.de.MarkersTool;
import org.myelin.core.de.RankGenesGroups;
import picocli.CommandLine.Option;

/** Marker genes ({@link MarkersTool}): {@code myelin markers} and the markers step of run. */
final class MarkersStep extends ToolStep<MarkersTool.Options> implements GroupedStep {

  private static final MarkersTool.Options DEFAULTS = MarkersTool.Options.defaults();

  MarkersStep() {
    super("markers", MarkersTool::run);
  }

  /** The grouping, shared with the other steps of the command that declares it. */
  Grouping grouping = new Grouping();

  @Option(names = "--method", paramLabel = "TEST", description = "wilcoxon or t-test (Welch) (default: ${DEFAULT-VALUE}).")
  String method = "wilcoxon";

  @Option(names = "--reference", paramLabel = "GROUP",
      description = "Compare each group with this group, or with all other cells: 'rest' (default: ${DEFAULT-VALUE}).")
  String reference = DEFAULTS.reference();

  @Option(names = "--no-tie-correct", description = "Leave the Wilcoxon variance without the tie correction "
      + "(scanpy's default; ties are everywhere in sparse data, so myelin corrects unless told not to).")
  boolean noTieCorrect = !DEFAULTS.tieCorrect();

  @Option(names = "--n-genes", paramLabel = "N",
      description = "Genes per group in the table and in uns['rank_genes_groups'] (default: ${DEFAULT-VALUE}).")
  int nGenes = DEFAULTS.nGenes();

  @Override
  public void grouping(Grouping g) {
    grouping = g;
  }

  @Override
  public List<String> tableNames() {
    return List.of(MarkersTool.TABLE);
  }

  @Override
  public void check() {
    RankGenesGroups.Method m = switch (method.toLowerCase(Locale.ROOT)) {
      case "wilcoxon" -> RankGenesGroups.Method.WILCOXON;
      case "t-test", "t_test", "ttest" -> RankGenesGroups.Method.T_TEST;
      default -> throw new IllegalArgumentException("Invalid --method: " + method + " (wilcoxon or t-test)");
    };
    options = Step.options(() -> new MarkersTool.Options(grouping.column, m, reference, !noTieCorrect, nGenes),
        Map.of());
  }

}
