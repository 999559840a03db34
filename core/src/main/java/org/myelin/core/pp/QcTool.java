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
    QcMetrics.compute(data, new QcMetrics.Options(o.qcVars(), o.percentTop(), true), ctx.parallel());
    Map.Entry<CellData, Filter.Summary> r = Filter.apply(data,
        new Filter.Options(o.minCounts(), o.maxCounts(), o.minGenes(), o.maxGenes(), o.maxPctMt(), o.minCells()),
        ctx.parallel());
    Filter.Summary s = r.getValue();
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
    r.getKey().uns().put(Keys.UNS_QC, record);
    ctx.info("kept %d of %d cells and %d of %d genes; removed %s", s.cellsAfter(), s.cellsBefore(), s.genesAfter(),
        s.genesBefore(), s.removed());
    return ToolResult.of(r.getKey());
  }
}
