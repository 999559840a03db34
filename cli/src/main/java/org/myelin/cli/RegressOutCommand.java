package org.myelin.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.myelin.core.pp.RegressOut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin regress-out}: scanpy's pp.regress_out. */
@Command(name = "regress-out", mixinStandardHelpOptions = true,
    description = "Replace each gene by the residuals of a least-squares fit on obs covariates, as scanpy's "
        + "regress_out (numeric columns with an intercept, or one categorical column: its category means). "
        + "X becomes dense (every entry stored); genes with one value throughout are left as they are.")
final class RegressOutCommand implements Callable<Integer> {

  @Option(names = "--keys", paramLabel = "COLUMNS", required = true, split = ",",
      description = "obs columns to regress out, comma-separated (e.g. total_counts,pct_counts_mt).")
  List<String> keys;

  @Option(names = "--hvg-only", description = "Keep only the genes of var['highly_variable'] first.")
  boolean hvgOnly;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return StepRunner.run(spec, args, (data, parallel) -> {
      var out = hvgOnly ? data.selectVars(StepArgs.highlyVariable(data)) : data;
      RegressOut.apply(out, keys, parallel);
      spec.commandLine().getErr().printf("myelin regress-out: %s regressed out of %d genes%n", String.join(", ", keys),
          out.nVars());
      return out;
    });
  }
}
