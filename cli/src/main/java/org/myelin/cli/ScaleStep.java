package org.myelin.cli;

import org.myelin.core.data.CellData;
import org.myelin.core.pp.HighlyVariableGenes;
import org.myelin.core.pp.Scale;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;
import picocli.CommandLine.Option;

/** The scale step (scanpy's pp.scale): {@code myelin scale}. */
final class ScaleStep implements Step {

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
