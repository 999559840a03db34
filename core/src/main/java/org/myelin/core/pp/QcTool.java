package org.myelin.core.pp;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * QC metrics and filtering, as scanpy's {@code calculate_qc_metrics}, {@code filter_cells} and
 * {@code filter_genes} (McCarthy et al., Bioinformatics 2017): the metrics go to obs and var, the
 * cells and genes that fail a threshold are removed, and {@code uns["qc"]} says how many each rule took.
 */
public final class QcTool {

  /** Fewer cells than this cannot go on to an embedding (UMAP needs three). */
  public static final int MIN_CELLS_KEPT = 3;

  private QcTool() {}

  /**
   * @param qcVars gene groups reported: mt, ribo, hb
   * @param percentTop the n of pct_counts_in_top_n_genes
   * @param minCounts remove cells with fewer counts (0: no limit)
   * @param maxCounts remove cells with more counts (0: no limit)
   * @param minGenes remove cells expressing fewer genes
   * @param maxGenes remove cells expressing more genes (0: no limit)
   * @param maxPctMt remove cells with a larger mitochondrial percentage (0: no limit)
   * @param minCells remove genes expressed in fewer of the kept cells
   */
  public record Options(List<String> qcVars, int[] percentTop, double minCounts, double maxCounts, int minGenes,
      int maxGenes, double maxPctMt, int minCells) {

    public Options {
      qcVars = List.copyOf(qcVars);
      for (String v : qcVars) {
        InvalidOptionException.check(List.of("mt", "ribo", "hb").contains(v), "qc_vars", v, "mt, ribo or hb");
      }
      percentTop = percentTop.clone();
      for (int n : percentTop) {
        InvalidOptionException.check(n >= 1, "percent_top", n, "positive");
      }
      InvalidOptionException.check(minCounts >= 0, "min_counts", minCounts, "0 or more");
      InvalidOptionException.check(maxCounts >= 0, "max_counts", maxCounts, "0 or more; 0 for no limit");
      InvalidOptionException.check(minGenes >= 0, "min_genes", minGenes, "0 or more");
      InvalidOptionException.check(maxGenes >= 0, "max_genes", maxGenes, "0 or more; 0 for no limit");
      InvalidOptionException.check(maxPctMt >= 0 && maxPctMt <= 100, "max_pct_mt", maxPctMt,
          "a percentage; 0 for no limit");
      InvalidOptionException.check(minCells >= 0, "min_cells", minCells, "0 or more");
    }

    /** scanpy's tutorial thresholds: 200 genes per cell, 3 cells per gene; mt reported. */
    public static Options defaults() {
      return new Options(List.of("mt"), QcMetrics.DEFAULT_PERCENT_TOP, 0, 0, 200, 0, 0, 3);
    }

    @Override
    public int[] percentTop() {
      return percentTop.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Options p && qcVars.equals(p.qcVars) && Arrays.equals(percentTop, p.percentTop)
          && minCounts == p.minCounts && maxCounts == p.maxCounts && minGenes == p.minGenes
          && maxGenes == p.maxGenes && maxPctMt == p.maxPctMt && minCells == p.minCells;
    }

    @Override
    public int hashCode() {
      return 31 * qcVars.hashCode() + Arrays.hashCode(percentTop) + minGenes;
    }

    @Override
    public String toString() {
      return "Options[qcVars=" + qcVars + ", percentTop=" + Arrays.toString(percentTop) + ", minCounts=" + minCounts
          + ", maxCounts=" + maxCounts + ", minGenes=" + minGenes + ", maxGenes=" + maxGenes + ", maxPctMt="
          + maxPctMt + ", minCells=" + minCells + "]";
    }
  }

  /** Metrics, then filtering; returns the kept cells and genes (a new container). */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    Filter.CellSums sums = QcMetrics.compute(data, new QcMetrics.Options(o.qcVars(), o.percentTop(), true),
        ctx.parallel());
    Map<String, Object> before = beforeQuantiles(data);
    Map.Entry<CellData, Filter.Summary> r = Filter.apply(data,
        new Filter.Options(o.minCounts(), o.maxCounts(), o.minGenes(), o.maxGenes(), o.maxPctMt(), o.minCells()),
        sums != null ? sums : Filter.sums(data, ctx.parallel()), ctx.parallel());
    Filter.Summary s = r.getValue();
    report(s, o, ctx);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("cells_before", (long) s.cellsBefore());
    record.put("cells_after", (long) s.cellsAfter());
    record.put("genes_before", (long) s.genesBefore());
    record.put("genes_after", (long) s.genesAfter());
    Map<String, Object> removed = new LinkedHashMap<>();
    s.removed().forEach((k, v) -> removed.put(k.replace(' ', '_'), (long) v));
    record.put("removed", removed);
    record.put("qc_vars", o.qcVars().toArray(new String[0]));
    record.put("percent_top", Arrays.stream(o.percentTop()).asLongStream().toArray());
    Map<String, Object> thresholds = new LinkedHashMap<>();
    thresholds.put("min_genes", (double) o.minGenes());
    thresholds.put("max_genes", (double) o.maxGenes());
    thresholds.put("min_counts", o.minCounts());
    thresholds.put("max_counts", o.maxCounts());
    thresholds.put("max_pct_mt", o.maxPctMt());
    thresholds.put("min_cells", (double) o.minCells());
    record.put("thresholds", thresholds);
    record.put("before_quantiles", before);
    record.put("median_genes_per_cell", s.medians().genes());
    record.put("median_counts_per_cell", s.medians().counts());
    r.getKey().uns().put(Keys.UNS_QC, record);
    ctx.info("kept %d of %d cells and %d of %d genes", s.cellsAfter(), s.cellsBefore(), s.genesAfter(),
        s.genesBefore());
    return ToolResult.of(r.getKey());
  }

  /** The metrics whose distribution before filtering is kept, for the QC figure. */
  static final String[] QUANTILE_METRICS = {"n_genes_by_counts", "total_counts", "pct_counts_mt"};

  /**
   * Percentiles 0 to 100 (numpy's linear interpolation) of each QC metric over all cells, before any
   * is removed: 101 numbers per metric keep the shape of the distribution the filters acted on at
   * any number of cells.
   */
  static Map<String, Object> beforeQuantiles(CellData data) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String m : QUANTILE_METRICS) {
      double[] v = switch (data.obs().has(m) ? data.obs().get(m) : null) {
        case org.myelin.core.table.DoubleColumn d -> d.values();
        case org.myelin.core.table.IntColumn c -> Arrays.stream(c.values()).asDoubleStream().toArray();
        case null, default -> null;
      };
      if (v == null || v.length == 0) {
        continue;
      }
      out.put(m, org.myelin.core.stats.Quantiles.evenly(v, 101));
    }
    return out;
  }

  /**
   * One line per rule that removed anything, with the data's median beside the threshold; a warning
   * when a rule takes more than half of the cells; a refusal, naming the rule, when too few cells
   * (or no gene) are left for the steps that follow.
   */
  static void report(Filter.Summary s, Options o, ToolContext ctx) {
    Filter.Medians m = s.medians();
    String[][] rules = {
        {"cells below min_counts", "with fewer than " + num(o.minCounts()) + " counts", "median counts per cell is "
            + num(m.counts()), "--min-counts"},
        {"cells above max_counts", "with more than " + num(o.maxCounts()) + " counts", "median counts per cell is "
            + num(m.counts()), "--max-counts"},
        {"cells below min_genes", "with fewer than " + o.minGenes() + " genes", "median genes per cell is "
            + num(m.genes()), "--min-genes"},
        {"cells above max_genes", "with more than " + o.maxGenes() + " genes", "median genes per cell is "
            + num(m.genes()), "--max-genes"},
        {"cells above max_pct_mt", "with more than " + num(o.maxPctMt()) + "% mitochondrial counts",
            "median is " + String.format(java.util.Locale.ROOT, "%.2f%%", m.pctMt()), "--max-pct-mt"}};
    String worst = null;
    int worstCount = 0;
    for (String[] rule : rules) {
      int n = s.removed().getOrDefault(rule[0], 0);
      if (n == 0) {
        continue;
      }
      double pct = 100.0 * n / s.cellsBefore();
      ctx.info("removed %d cells (%.1f%%) %s; %s", n, pct, rule[1], rule[2]);
      if (n > s.cellsBefore() / 2) {
        ctx.info("warning: %s removed more than half of the cells (%.1f%%); check it suits this data (%s)",
            rule[3], pct, rule[2]);
      }
      if (n > worstCount) {
        worstCount = n;
        worst = rule[3] + " removed " + n + " of " + s.cellsBefore() + " cells " + rule[1] + " (" + rule[2] + ")";
      }
    }
    int genes = s.removed().getOrDefault("genes below min_cells", 0);
    if (genes > 0) {
      ctx.info("removed %d genes (%.1f%%) expressed in fewer than %d cells", genes, 100.0 * genes / s.genesBefore(),
          o.minCells());
    }
    if (s.cellsAfter() < MIN_CELLS_KEPT) {
      throw new IllegalArgumentException("QC left " + s.cellsAfter() + " of " + s.cellsBefore() + " cells, too few "
          + "to go on: " + (worst == null ? "the data has fewer than " + MIN_CELLS_KEPT + " cells" : worst));
    }
    if (s.genesAfter() == 0) {
      throw new IllegalArgumentException("QC left no gene: --min-cells " + o.minCells() + " removed all "
          + s.genesBefore() + " genes of the " + s.cellsAfter() + " cells kept");
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(java.util.Locale.ROOT,
        "%.4g", v);
  }
}
