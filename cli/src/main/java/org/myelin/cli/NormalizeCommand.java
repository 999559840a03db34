package org.myelin.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.myelin.core.pp.Normalize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin normalize}: scanpy's normalize_total then log1p, raw counts kept in layers['counts']. */
@Command(name = "normalize", mixinStandardHelpOptions = true,
    description = "Scale every cell to --target-sum counts as scanpy's normalize_total, then log1p; the raw "
        + "counts stay in layers['counts'].")
final class NormalizeCommand implements Callable<Integer> {

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

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    double target = StepArgs.numberOr(targetSum, "median", "--target-sum");
    return StepRunner.run(spec, args, (data, parallel) -> {
      double used = Normalize.total(data, target, excludeHighlyExpressed, maxFraction, true, parallel);
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
    });
  }
}
