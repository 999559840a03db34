package org.myelin.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.myelin.core.data.CellData;
import org.myelin.core.de.DESeq2;
import org.myelin.core.de.PseudobulkDE;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
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
        + "gene, baseMean, log2FoldChange, lfcSE, stat, pvalue, padj and dispersion. The design's columns are obs "
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
      description = "Replace outlier counts in cells of the design with this many samples (default: "
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
      double[][] byRow = counts(data);
      Map<String, String[]> columns = new LinkedHashMap<>();
      for (var c : data.obs().columns().entrySet()) {
        String[] v = new String[data.nObs()];
        for (int i = 0; i < v.length; i++) {
          v[i] = c.getValue().format(i);
        }
        columns.put(c.getKey(), v);
      }
      // The design and contrast are checked on the whole table first, so a typo is named once.
      try {
        org.myelin.core.de.Design.of(design, columns, null).contrast(contrast.get(0), contrast.get(1), contrast.get(2));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(input + ": " + e.getMessage(), e);
      }
      List<PseudobulkDE.Group> tests = new ArrayList<>();
      Groups g = key == null ? null : Groups.of(data.obs(), key, "DE groups");
      int nGroups = g == null ? 1 : g.nGroups();
      for (int k = 0; k < nGroups; k++) {
        String name = g == null ? "all" : g.labels()[k];
        if (groups != null && !groups.contains(name)) {
          continue;
        }
        int[] rows = g == null ? java.util.stream.IntStream.range(0, data.nObs()).toArray() : g.rows(k);
        double[][] counts = new double[data.nVars()][rows.length];
        for (int j = 0; j < rows.length; j++) {
          for (int gene = 0; gene < data.nVars(); gene++) {
            counts[gene][j] = byRow[rows[j]][gene];
          }
        }
        tests.add(new PseudobulkDE.Group(name, counts, org.myelin.core.de.Design.rows(columns, rows)));
      }
      if (groups != null && tests.size() < groups.size()) {
        throw new IllegalArgumentException(input + ": --groups names a group that is not in obs['" + key + "']");
      }
      ToolContext ctx = new ToolContext(parallel, common.seed, line -> log.info("de", "%s", line));
      try {
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

  /** The counts by row, refusing a negative or fractional count with its pseudo-sample and gene. */
  private double[][] counts(CellData data) {
    CsrMatrix m = data.x();
    double[][] out = new double[data.nObs()][data.nVars()];
    for (int i = 0; i < data.nObs(); i++) {
      CsrMatrix.Row r = m.row(i);
      for (int k = r.start(); k < r.end(); k++) {
        double v = r.value(k);
        if (v < 0 || v != Math.rint(v) || Double.isNaN(v)) {
          throw new IllegalArgumentException(input + ": count " + v + " of gene " + data.var().index()[r.index(k)]
              + " in sample " + data.obs().index()[i] + " is not a non-negative whole number; DESeq2 needs raw counts "
              + "(myelin pseudobulk sums them)");
        }
        out[i][r.index(k)] += v;
      }
    }
    return out;
  }
}
