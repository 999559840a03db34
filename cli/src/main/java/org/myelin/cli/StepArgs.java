package org.myelin.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every step command takes: its input, its output and format, and the shared options. */
public final class StepArgs {

  @Parameters(index = "0", paramLabel = "INPUT", description = "Any input myelin reads.")
  Path input;

  @Option(names = {"-o", "--out"}, paramLabel = "OUT", required = true, description = "Output (format from its name).")
  Path out;

  @Option(names = "--to", paramLabel = "FMT", description = "Output format: h5ad, 10x-h5, mtx, csv (default: from OUT).")
  String to;

  @Mixin
  InputOptions inputOptions;

  @Mixin
  OutputOptions outputOptions;

  @Mixin
  CommonOptions common;

  /** The indices of var['highly_variable'], refusing data that has none marked. */
  static int[] highlyVariable(org.myelin.core.data.CellData data) {
    if (!(data.var().get("highly_variable") instanceof org.myelin.core.table.BooleanColumn hv)) {
      throw new IllegalArgumentException("--hvg-only: var has no boolean 'highly_variable' column (run 'myelin hvg' first)");
    }
    int[] keep = java.util.stream.IntStream.range(0, hv.size()).filter(j -> hv.values()[j]).toArray();
    if (keep.length == 0) {
      throw new IllegalArgumentException("--hvg-only: no gene is marked highly variable");
    }
    return keep;
  }

  /** A number, or NaN for the keyword that stands for "none" or "computed" ('median', 'none'). */
  static double numberOr(String value, String keyword, String option) {
    if (value.equalsIgnoreCase(keyword)) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + option + ": " + value + " (a number or '" + keyword + "')");
    }
  }
}
