package org.myelin.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Normalize;
import picocli.CommandLine.Option;

/** The normalize step's options and the step, shared by {@code myelin normalize} and {@code myelin run}. */
final class NormalizeStep {

  @Option(names = "--target-sum", paramLabel = "X", defaultValue = "1e4",
      description = "Counts per cell after scaling; 'median' for the median of the cells' totals (default: ${DEFAULT-VALUE}).")
  String targetSum;

  @Option(names = "--exclude-highly-expressed",
      description = "Size cells without the genes that take more than --max-fraction of some cell's counts.")
  boolean excludeHighlyExpressed;

  @Option(names = "--max-fraction", paramLabel = "F", defaultValue = "0.05",
      description = "Share of a cell's counts that marks a gene highly expressed (default: ${DEFAULT-VALUE}).")
  double maxFraction;

  @Option(names = "--no-log1p", description = "Scale only; do not take log1p.")
  boolean noLog1p;

  @Option(names = "--log-base", paramLabel = "B", description = "Base of the logarithm (default: natural log).")
  Double logBase;

  /** Checks the options before any input is read. */
  double target() {
    return StepArgs.numberOr(targetSum, "median", "--target-sum");
  }

  /** normalize_total, then log1p unless --no-log1p; records both in uns as scanpy does. */
  CellData apply(CellData data, Parallel parallel) {
    double used = Normalize.total(data, target(), excludeHighlyExpressed, maxFraction, true, parallel);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("target_sum", used);
    params.put("exclude_highly_expressed", excludeHighlyExpressed);
    params.put("max_fraction", maxFraction);
    data.uns().put("normalize_total", params);
    if (!noLog1p) {
      Normalize.log1p(data, logBase == null ? Double.NaN : logBase, parallel);
      Map<String, Object> log = new LinkedHashMap<>();
      if (logBase != null) {
        log.put("base", logBase); // scanpy reads a missing base as the natural log
      }
      data.uns().put("log1p", log);
    }
    return data;
  }
}
