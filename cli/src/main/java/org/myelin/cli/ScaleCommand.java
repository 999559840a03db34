package org.myelin.cli;

import java.util.concurrent.Callable;
import org.myelin.core.pp.Scale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin scale}: scanpy's pp.scale. */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = "Standardise each gene as scanpy's scale: subtract the mean, divide by the standard deviation, clip "
        + "above --max-value; var mean and std. Centred, X becomes dense (every entry stored): scale the highly "
        + "variable genes only (--hvg-only), or let 'myelin pca' scale implicitly, which keeps X sparse.")
final class ScaleCommand implements Callable<Integer> {

  @Option(names = "--max-value", paramLabel = "X", defaultValue = "none",
      description = "Clip scaled values above this, or 'none' (default: ${DEFAULT-VALUE}, as scanpy).")
  String maxValue;

  @Option(names = "--no-zero-center", description = "Only divide by the standard deviation: X stays sparse.")
  boolean noZeroCenter;

  @Option(names = "--hvg-only", description = "Keep only the genes of var['highly_variable'] first, as "
      + "scanpy's tutorials do before scaling.")
  boolean hvgOnly;

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
    return StepRunner.run(spec, args, (data, parallel) -> {
      var out = hvgOnly ? data.selectVars(StepArgs.highlyVariable(data)) : data;
      Scale.apply(out, !noZeroCenter, clip, parallel);
      spec.commandLine().getErr().printf("myelin scale: %d genes scaled%s%n", out.nVars(),
          noZeroCenter ? " (not centred, X kept sparse)" : "");
      return out;
    });
  }
}
