package org.myelin.plot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.table.CategoricalColumn;

/**
 * MultiQC custom content ({@code myelin_mqc.json}): general statistics of the sample and histograms
 * of its per-cell QC metrics, under {@code custom_data} so one file holds several sections, which
 * nf-core-style pipelines collect with no extra code.
 */
public final class MultiQc {

  private MultiQc() {}

  /** The content as maps and lists, for a JSON writer. */
  public static Map<String, Object> content(CellData d, String sample) {
    Map<String, Object> custom = new LinkedHashMap<>();
    Map<String, Object> stats = new LinkedHashMap<>();
    Map<String, Object> headers = new LinkedHashMap<>();
    Map<String, Object> qc = Slots.map(d.uns().get(Keys.UNS_QC));
    if (qc != null) {
      put(stats, headers, "cells_before_qc", qc.get("cells_before"), "Cells (raw)", "Cells before filtering", "{:,.0f}");
      put(stats, headers, "median_genes_per_cell", qc.get("median_genes_per_cell"), "Median genes",
          "Median genes per cell before filtering", "{:,.0f}");
      put(stats, headers, "median_counts_per_cell", qc.get("median_counts_per_cell"), "Median UMIs",
          "Median counts per cell before filtering", "{:,.0f}");
    }
    put(stats, headers, "cells", (long) d.nObs(), "Cells", "Cells kept", "{:,.0f}");
    put(stats, headers, "genes", (long) d.nVars(), "Genes", "Genes kept", "{:,.0f}");
    if (d.obs().get(Keys.OBS_LEIDEN) instanceof CategoricalColumn c) {
      put(stats, headers, "clusters", (long) c.categories().length, "Clusters", "Leiden clusters", "{:,.0f}");
    }
    Map<String, Object> general = new LinkedHashMap<>();
    general.put("plot_type", "generalstats");
    general.put("headers", headers);
    general.put("data", Map.of(sample, stats));
    custom.put("myelin_general_stats", general);
    for (String[] m : QcPlots.METRICS) {
      double[] v = QcPlots.obsNumbers(d, m[0]);
      if (v == null) {
        continue;
      }
      custom.put("myelin_" + m[0], histogram(sample, m[0], m[1], v));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("custom_data", custom);
    return out;
  }

  private static void put(Map<String, Object> stats, Map<String, Object> headers, String key, Object value,
      String title, String description, String format) {
    if (value == null) {
      return;
    }
    stats.put(key, value);
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("title", title);
    h.put("description", description);
    h.put("format", format);
    h.put("namespace", "myelin");
    headers.put(key, h);
  }

  /** A 50-bin histogram of the cells kept, as a MultiQC line graph. */
  static Map<String, Object> histogram(String sample, String key, String label, double[] v) {
    double[] mm = Charts.finiteMinMax(v);
    double lo = mm[0];
    double hi = mm[1];
    int bins = 50;
    long[] n = new long[bins];
    double width = hi > lo ? (hi - lo) / bins : 1;
    for (double x : v) {
      if (Double.isFinite(x)) {
        n[Math.min(bins - 1, (int) ((x - lo) / width))]++;
      }
    }
    Map<String, Object> points = new LinkedHashMap<>();
    for (int b = 0; b < bins && lo <= hi; b++) {
      points.put(String.format(java.util.Locale.ROOT, "%.6g", lo + (b + 0.5) * width), n[b]);
    }
    Map<String, Object> pconfig = new LinkedHashMap<>();
    pconfig.put("id", "myelin_" + key + "_plot");
    pconfig.put("title", "myelin: " + label);
    pconfig.put("xlab", label);
    pconfig.put("ylab", "cells");
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("section_name", "myelin: " + label);
    section.put("description", "Distribution of " + label + " over the cells kept by QC.");
    section.put("plot_type", "linegraph");
    section.put("pconfig", pconfig);
    section.put("data", Map.of(sample, points));
    return section;
  }

}
