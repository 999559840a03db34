package org.myelin.cli;

import java.util.List;
import org.myelin.core.data.CellData;
import org.myelin.core.pp.HighlyVariableGenes;
import org.myelin.core.pp.RegressOut;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code myelin regress-out}: scanpy's pp.regress_out. */
@Command(name = "regress-out", mixinStandardHelpOptions = true,
    description = "Replace each gene by the residuals of a least-squares fit on obs covariates, as scanpy's "
        + "regress_out (numeric columns with an intercept, or one categorical column: its category means). "
        + "X becomes dense (every entry stored); genes with one value throughout are left as they are.")
final class RegressOutCommand extends StepCommand implements Step {

  @Option(names = "--keys", paramLabel = "COLUMNS", required = true, split = ",",
      description = "obs columns to regress out, comma-separated (e.g. total_counts,pct_counts_mt).")
  List<String> keys;

  @Option(names = "--hvg-only", description = "Keep only the genes of var['highly_variable'] first.")
  boolean hvgOnly;

  @Override
  Step step() {
    return this;
  }

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
