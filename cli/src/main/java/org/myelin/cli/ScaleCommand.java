package org.myelin.cli;

import org.myelin.core.data.CellData;
import org.myelin.core.pp.HighlyVariableGenes;
import org.myelin.core.pp.Scale;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code myelin scale}: scanpy's pp.scale. */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = "Standardise each gene as scanpy's scale: subtract the mean, divide by the standard deviation, clip "
        + "above --max-value; var mean and std. Centred, X becomes dense (every entry stored): scale the highly "
        + "variable genes only (--hvg-only), or let 'myelin pca' scale implicitly, which keeps X sparse.")
final class ScaleCommand extends StepCommand implements Step {

  @Option(names = "--max-value", paramLabel = "X", defaultValue = "none",
      description = "Clip scaled values above this, or 'none' (default: ${DEFAULT-VALUE}, as scanpy).")
  String maxValue;

  @Option(names = "--no-zero-center", description = "Only divide by the standard deviation: X stays sparse.")
  boolean noZeroCenter;

  @Option(names = "--hvg-only", description = "Keep only the genes of var['highly_variable'] first, as "
      + "scanpy's tutorials do before scaling.")
  boolean hvgOnly;

  private double clip;

  @Override
  Step step() {
    return this;
  }

  @Override
  public String name() {
    return "scale";
  }

  @Override
  public void check() {
    clip = Step.numberOr(maxValue, "none", "--max-value");
    if (!Double.isNaN(clip) && !(clip > 0)) {
      throw new IllegalArgumentException("Invalid --max-value: " + maxValue + " (must be positive)");
    }
  }

  @Override
  public ToolResult apply(CellData data, ToolContext ctx) {
    CellData out = hvgOnly ? data.selectVars(HighlyVariableGenes.selected(data)) : data;
    Scale.apply(out, !noZeroCenter, clip, ctx.parallel());
    ctx.info("%d genes scaled%s", out.nVars(), noZeroCenter ? " (not centred, X kept sparse)" : "");
    return ToolResult.of(out);
  }
}
