package org.myelin.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.myelin.core.data.CellData;
import org.myelin.core.de.DESeq2;
import org.myelin.core.de.PseudobulkDE;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Frame;
import org.myelin.core.tool.ToolContext;
import org.myelin.io.CellDataIO;
import org.myelin.io.table.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin de}: DESeq2 across samples on a pseudobulk h5ad, per cell type. */
@Command(name = "de", mixinStandardHelpOptions = true,
    description = "Differential expression across samples by DESeq2's method (DESeq2 1.38's defaults: "
        + "median-of-ratios size factors, Cox-Reid dispersions shrunk to the parametric trend, Wald tests, Cook's "
        + "outlier handling, independent filtering, BH) on the pseudobulk of each cell type: a table of cell_type, "
        + "gene, baseMean, log2FoldChange, lfcSE, stat, pvalue, padj and dispersion. The formula's columns are obs "
        + "columns of the pseudobulk (myelin pseudobulk carries the sample sheet's).",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin de pseudobulk.h5ad --design '~ batch + response' --contrast response,NR,R -o de.tsv",
        "  myelin de pseudobulk.h5ad --design '~ response' --contrast response,NR,R --groups cd8_t -o cd8.tsv"})
final class DeCommand implements Callable<Integer> {

  @Parameters(paramLabel = "INPUT", description = "Pseudo-samples by genes with raw counts (myelin pseudobulk).")
  Path input;

  @Option(names = {"-o", "--out"}, paramLabel = "TABLE", required = true, description = "The results (.tsv, .csv).")
  Path out;

  @Option(names = "--design", paramLabel = "FORMULA", required = true,
      description = "An additive design over obs columns, as DESeq2's: '~ batch + response'.")
  String design;

  @Option(names = "--contrast", paramLabel = "COLUMN,NUM,DEN", required = true, split = ",",
      description = "The comparison: log2 fold changes of level NUM over level DEN of COLUMN.")
  List<String> contrast;

  @Option(names = "--group-key", paramLabel = "COLUMN",
      description = "obs column of the cell types tested one by one; 'none' tests all rows together "
          + "(default: ${DEFAULT-VALUE}, or none when obs has no such column).")
  String groupKey = "cell_type";

  @Option(names = "--groups", paramLabel = "NAMES", split = ",", description = "Only these cell types.")
  List<String> groups;

  @Option(names = "--dispersion-trend", paramLabel = "KIND",
      description = "parametric (DESeq2's default) or mean (default: ${DEFAULT-VALUE}).")
  String trend = "parametric";

  @Option(names = "--alpha", paramLabel = "FDR",
      description = "The FDR independent filtering optimises for (default: ${DEFAULT-VALUE}).")
  double alpha = 0.1;

  @Option(names = "--no-independent-filtering", description = "Plain BH over every tested gene.")
  boolean noFiltering;

  @Option(names = "--no-cooks-filter", description = "Keep the p-values of genes with a Cook's distance outlier.")
  boolean noCooks;

  @Option(names = "--min-replicates-for-replace", paramLabel = "N",
      description = "Replace outlier counts where this many samples share one row of the model matrix (default: "
          + "${DEFAULT-VALUE}).")
  int minReplicates = 7;

  @Mixin
  OutputOptions outputOptions;

  @Mixin
  CommonOptions common;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    if (contrast.size() != 3) {
      throw new IllegalArgumentException("Invalid --contrast: " + String.join(",", contrast)
          + " (COLUMN,NUMERATOR,DENOMINATOR, e.g. response,NR,R)");
    }
    DESeq2.Options options = new DESeq2.Options(Step.choice(DESeq2.Trend.class, trend, "--dispersion-trend"),
        minReplicates, !noCooks, !noFiltering, alpha, common.threads);
    outputOptions.checkWritable(out);
    if (TableWriter.formatOf(out) == null) {
      throw new IllegalArgumentException(out + ": name the results .tsv or .csv");
    }
    Log log = common.log(spec.commandLine().getErr());
    Frame table;
    try (Parallel parallel = common.parallel()) {
      CellData data = CellDataIO.read(input, CellDataIO.ReadOptions.DEFAULT, parallel);
      String key = groupKey.equalsIgnoreCase("none") || !data.obs().has(groupKey) && groupKey.equals("cell_type")
          ? null : groupKey;
      try {
        // The design and contrast are checked on the whole table first, so a typo is named once.
        org.myelin.core.de.Design.of(design, PseudobulkDE.columns(data), null)
            .contrast(contrast.get(0), contrast.get(1), contrast.get(2));
        List<PseudobulkDE.Group> tests = PseudobulkDE.groups(data, key, groups);
        ToolContext ctx = new ToolContext(parallel, common.seed, line -> log.info("de", "%s", line));
        table = PseudobulkDE.test(data.var().index(), tests, design, contrast.toArray(String[]::new), options, true,
            new ArrayList<>(), ctx);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(input + ": " + e.getMessage(), e);
      }
    }
    TableWriter.write(table, "gene", out, outputOptions.force);
    Provenance.write(spec, List.of(input), List.of(out), start, true);
    log.info("de", "%d rows; wrote %s in %.1f s", table.nRows(), out, (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
