package org.myelin.cli;

import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.pp.Normalize;
import org.myelin.core.pp.NormalizeTool;
import picocli.CommandLine.Option;

/** normalize_total and log1p ({@link NormalizeTool}): {@code myelin normalize} and the normalize step of run. */
final class NormalizeStep extends ToolStep<NormalizeTool.Options> {

  private static final NormalizeTool.Options DEFAULTS = NormalizeTool.Options.defaults();

  NormalizeStep() {
    super("normalize", NormalizeTool::run);
  }

  @Option(names = "--target-sum", paramLabel = "X",
      description = "Counts per cell after scaling; 'median' for the median of the cells' totals (default: ${DEFAULT-VALUE}).")
  String targetSum = Step.number(DEFAULTS.targetSum());

  @Option(names = "--exclude-highly-expressed",
      description = "Size cells without the genes that take more than --max-fraction of some cell's counts.")
  boolean excludeHighlyExpressed = DEFAULTS.excludeHighlyExpressed();

  @Option(names = "--max-fraction", paramLabel = "F",
      description = "Share of a cell's counts that marks a gene highly expressed (default: ${DEFAULT-VALUE}).")
  double maxFraction = DEFAULTS.maxFraction();

  @Option(names = "--no-log1p", description = "Scale only; do not take log1p.")
  boolean noLog1p = !DEFAULTS.log1p();

  @Option(names = "--log-base", paramLabel = "B", description = "Base of the logarithm (default: natural log).")
  Double logBase;

  @Option(names = "--force-normalize", description = "Normalise X even when it does not look like raw counts "
      + "(non-integer or negative values, uns['log1p']); refused otherwise.")
  boolean force = DEFAULTS.force();

  @Override
  public boolean changesMatrices() {
    return true; // normalises X, keeping the counts as a layer
  }

  @Override
  public String skipReason(CellData data) {
    return force ? null : alreadyNormalised(data);
  }

  /** In run: why X is not raw counts, so that the steps on counts are skipped; null for counts. */
  static String alreadyNormalised(CellData data) {
    String evidence = Normalize.notCountsEvidence(data);
    return evidence == null ? null : "X is already normalised (" + evidence + ")"
        + (data.layers().containsKey(Keys.LAYER_COUNTS) ? "; the counts stay in layers['counts']" : "");
  }

  @Override
  public void check() {
    double target = Step.numberOr(targetSum, "median", "--target-sum");
    options = Step.options(() -> new NormalizeTool.Options(target, excludeHighlyExpressed, maxFraction, !noLog1p,
        logBase == null ? Double.NaN : logBase, force), Map.of("base", "--log-base"));
  }

}
