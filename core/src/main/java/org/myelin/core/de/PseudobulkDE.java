package org.myelin.core.de;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.Groups;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;
import org.myelin.core.tool.ToolContext;

/**
 * DESeq2 on the pseudobulk of each cell type in turn, one design and contrast for all: the table of
 * every cell type's genes.
 */
public final class PseudobulkDE {

  /** One cell type: its counts (genes by samples) and the sample sheet's columns for those samples. */
  public record Group(String name, double[][] counts, Map<String, String[]> columns) {}

  private PseudobulkDE() {}

  /**
   * Tests each group.
   *
   * @param strict refuse (rather than skip with a note) a group that cannot be tested
   * @throws IllegalArgumentException in strict mode, naming the group and why
   */
  public static Frame test(String[] genes, List<Group> groups, String formula, String[] contrast,
      DESeq2.Options options, boolean strict, List<String> notes, ToolContext ctx) {
    List<String> outGroup = new ArrayList<>();
    List<String> outGene = new ArrayList<>();
    List<Long> nSamples = new ArrayList<>();
    List<double[]> parts = new ArrayList<>();
    for (Group group : groups) {
      String[] factor = group.columns().get(contrast[0]);
      int num = 0;
      int den = 0;
      for (int i = 0; factor != null && i < factor.length; i++) {
        num += factor[i].equals(contrast[1]) ? 1 : 0;
        den += factor[i].equals(contrast[2]) ? 1 : 0;
      }
      DESeq2.Fit fit;
      DESeq2.Results res;
      try {
        if (factor != null && (num < 2 || den < 2)) {
          throw new IllegalArgumentException(group.name() + " has " + num + " " + contrast[1] + " and " + den + " "
              + contrast[2] + " samples; two of each are needed");
        }
        Design d = Design.of(formula, group.columns(), null);
        fit = DESeq2.fit(group.counts(), d, options);
        res = DESeq2.results(fit, d.contrast(contrast[0], contrast[1], contrast[2]), options);
      } catch (IllegalArgumentException e) {
        if (strict) {
          throw new IllegalArgumentException("DE of " + group.name() + ": " + e.getMessage(), e);
        }
        notes.add("DE of " + group.name() + " skipped: " + e.getMessage());
        continue;
      }
      int n = genes.length;
      double[][] cols = {res.baseMean(), res.log2FoldChange(), res.lfcSE(), res.stat(), res.pvalue(), res.padj(),
          fit.dispersion()};
      for (int g = 0; g < n; g++) {
        outGroup.add(group.name());
        outGene.add(genes[g]);
        nSamples.add((long) group.counts()[0].length);
      }
      for (int c = 0; c < cols.length; c++) {
        parts.add(cols[c]);
      }
      ctx.info("DE of %s: %d samples, %s; %d genes at FDR 0.05", group.name(), group.counts()[0].length,
          res.contrast(), java.util.Arrays.stream(res.padj()).filter(p -> p < 0.05).count());
    }
    return table(outGroup, outGene, nSamples, parts);
  }

  private static final String[] COLUMNS = {"baseMean", "log2FoldChange", "lfcSE", "stat", "pvalue", "padj",
      "dispersion"};

  /** The table: one row per gene of each group; {@code parts} holds each group's columns in turn. */
  private static Frame table(List<String> group, List<String> gene, List<Long> nSamples, List<double[]> parts) {
    Frame f = new Frame(gene.toArray(String[]::new));
    f.put("cell_type", new StringColumn(group.toArray(String[]::new)));
    f.put("n_samples", new IntColumn(nSamples.stream().mapToLong(Long::longValue).toArray()));
    for (int c = 0; c < COLUMNS.length; c++) {
      double[] v = new double[gene.size()];
      int at = 0;
      for (int k = c; k < parts.size(); k += COLUMNS.length) {
        System.arraycopy(parts.get(k), 0, v, at, parts.get(k).length);
        at += parts.get(k).length;
      }
      f.put(COLUMNS[c], new DoubleColumn(v));
    }
    return f;
  }

  /**
   * The groups of a pseudobulk (rows are pseudo-samples, X their counts): each value of obs[{@code
   * groupKey}] (null: all rows as one group named "all"), or only those named in {@code only}.
   * Every obs column goes along as the design's columns.
   *
   * @throws IllegalArgumentException naming the pseudo-sample and gene of a count that is negative
   *     or not whole, or a group of {@code only} that obs does not hold
   */
  public static List<Group> groups(CellData pseudobulk, String groupKey, List<String> only) {
    int n = pseudobulk.nObs();
    int genes = pseudobulk.nVars();
    double[][] byRow = new double[n][genes];
    for (int i = 0; i < n; i++) {
      CsrMatrix.Row r = pseudobulk.x().row(i);
      for (int k = r.start(); k < r.end(); k++) {
        double v = r.value(k);
        if (v < 0 || v != Math.rint(v) || Double.isNaN(v)) {
          throw new IllegalArgumentException("count " + v + " of gene " + pseudobulk.var().index()[r.index(k)]
              + " in sample " + pseudobulk.obs().index()[i] + " is not a non-negative whole number; DESeq2 needs raw "
              + "counts (myelin pseudobulk sums them)");
        }
        byRow[i][r.index(k)] += v;
      }
    }
    Map<String, String[]> columns = columns(pseudobulk);
    Groups g = groupKey == null ? null : Groups.of(pseudobulk.obs(), groupKey, "DE groups");
    List<Group> out = new ArrayList<>();
    for (int k = 0; k < (g == null ? 1 : g.nGroups()); k++) {
      String name = g == null ? "all" : g.labels()[k];
      if (only != null && !only.contains(name)) {
        continue;
      }
      int[] rows = g == null ? java.util.stream.IntStream.range(0, n).toArray() : g.rows(k);
      double[][] counts = new double[genes][rows.length];
      for (int j = 0; j < rows.length; j++) {
        for (int gene = 0; gene < genes; gene++) {
          counts[gene][j] = byRow[rows[j]][gene];
        }
      }
      out.add(new Group(name, counts, Design.rows(columns, rows)));
    }
    if (only != null && out.size() < only.size()) {
      throw new IllegalArgumentException("a group of " + String.join(", ", only) + " is not in obs['" + groupKey + "']");
    }
    return out;
  }

  /** The obs columns of the pseudo-samples as text, the design's input. */
  public static Map<String, String[]> columns(CellData pseudobulk) {
    Map<String, String[]> columns = new LinkedHashMap<>();
    for (var c : pseudobulk.obs().columns().entrySet()) {
      String[] v = new String[pseudobulk.nObs()];
      for (int i = 0; i < v.length; i++) {
        v[i] = c.getValue().format(i);
      }
      columns.put(c.getKey(), v);
    }
    return columns;
  }

  /** The table with no rows. */
  public static Frame empty() {
    return table(List.of(), List.of(), List.of(), List.of());
  }
}
