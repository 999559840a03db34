package org.myelin.cli;

import java.util.List;
import org.myelin.core.data.CellData;
import org.myelin.core.pp.HighlyVariableGenes;
import org.myelin.core.pp.RegressOut;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;
import picocli.CommandLine.Option;

/** The regress-out step (scanpy's pp.regress_out): {@code myelin regress-out}. */
final class RegressOutStep implements Step {

  @Option(names = "--keys", paramLabel = "COLUMNS", required = true, split = ",",
      description = "obs columns to regress out, comma-separated (e.g. total_counts,pct_counts_mt).")
  List<String> keys;

  @Option(names = "--hvg-only", description = "Keep only the genes of var['highly_variable'] first.")
  boolean hvgOnly;

  @Override
  public String name() {
    return "regress-out";
  }

  @Override
  public void check() {
    // The keys are checked against obs once it is read.
  }

  @Override
  public ToolResult apply(CellData data, ToolContext ctx) {
    CellData out = hvgOnly ? data.selectVars(HighlyVariableGenes.selected(data)) : data;
    RegressOut.apply(out, keys, ctx.parallel());
    ctx.info("%s regressed out of %d genes", String.join(", ", keys), out.nVars());
    return ToolResult.of(out);
  }
}
