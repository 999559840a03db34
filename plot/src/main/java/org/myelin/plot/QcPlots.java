package org.myelin.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.table.BooleanColumn;

/** Quality control: per-cell metrics before and after filtering, highly variable genes, the PCA elbow. */
final class QcPlots {

  /** The per-cell metrics of the QC violins and the thresholds that act on each. */
  static final String[][] METRICS = {
      {"n_genes_by_counts", "genes per cell", "min_genes", "max_genes"},
      {"total_counts", "counts per cell", "min_counts", "max_counts"},
      {"pct_counts_mt", "% mitochondrial counts", "", "max_pct_mt"}};

  private QcPlots() {}

  /** A numeric obs column as doubles, or null when it is missing or not numeric. */
  static double[] obsNumbers(CellData d, String key) {
    return Slots.numbers(d.obs().get(key));
  }

  /** Violins of the QC metrics: the cells before filtering (from uns["qc"]) beside those kept. */
  static Figure violins(CellData d, PlotOptions o) {
    Map<String, Object> qc = Slots.map(d.uns().get(Keys.UNS_QC));
    Map<String, Object> before = qc == null ? null : Slots.map(qc.get("before_quantiles"));
    Map<String, Object> thresholds = qc == null ? null : Slots.map(qc.get("thresholds"));
    List<Figure.Panel> panels = new ArrayList<>();
    for (String[] m : METRICS) {
      double[] after = obsNumbers(d, m[0]);
      if (after == null) {
        continue;
      }
      List<String> labels = new ArrayList<>();
      List<double[]> q = new ArrayList<>();
      double[] b = before == null ? null : Slots.doubles(before.get(m[0]));
      if (b != null) {
        labels.add("before filtering");
        q.add(b);
      }
      labels.add(b == null ? "cells" : "kept");
      q.add(org.myelin.core.stats.Quantiles.evenly(after, 101));
      XYPlot plot = violinPlot(labels.toArray(new String[0]), q, m[1], null);
      if (thresholds != null) {
        for (int t = 2; t < 4; t++) {
          double v = m[t].isEmpty() ? Double.NaN : Slots.number(thresholds.get(m[t]));
          if (v > 0) {
            Charts.threshold(plot, v, m[t] + " " + fmt(v));
          }
        }
      }
      panels.add(new Figure.Panel(Charts.chart(m[1], plot), false));
    }
    if (panels.isEmpty()) {
      throw new MissingSlotException("no QC metrics in obs (n_genes_by_counts, total_counts): run qc first");
    }
    return new Figure("qc", panels, 3, o.panelWidth() * 3 / 4, o.panelHeight());
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format("%.3g", v);
  }

  /**
   * Violins drawn from 101 quantiles of each group: the density between two quantiles is their 1%
   * over their distance, smoothed over five steps; the width is scaled to each violin's own peak.
   * The inner bar is the interquartile range, the white dot the median.
   */
  static XYPlot violinPlot(String[] labels, List<double[]> quantiles, String yLabel, Color[] colors) {
    SymbolAxis xa = new SymbolAxis(null, labels);
    xa.setTickLabelFont(labels.length > 8 ? Charts.SMALL : Charts.TICK);
    xa.setVerticalTickLabels(labels.length > 8);
    xa.setGridBandsVisible(false);
    xa.setRange(-0.6, labels.length - 0.4);
    NumberAxis ya = Charts.axis(yLabel);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] q : quantiles) {
      if (Double.isFinite(q[0])) {
        lo = Math.min(lo, q[0]);
        hi = Math.max(hi, q[q.length - 1]);
      }
    }
    double[] r = Charts.range(new double[] {lo, hi});
    ya.setRange(r[0], r[1]);
    XYPlot plot = new XYPlot(new XYSeriesCollection(), xa, ya, new XYLineAndShapeRenderer(false, false));
    Color[] cs = colors == null ? Palettes.categorical(labels.length) : colors;
    for (int g = 0; g < labels.length; g++) {
      double[] q = quantiles.get(g);
      if (!Double.isFinite(q[0])) {
        continue;
      }
      double span = Math.max(q[q.length - 1] - q[0], 1e-12);
      int k = q.length - 1;
      double[] dens = new double[k];
      double[] mid = new double[k];
      for (int i = 0; i < k; i++) {
        dens[i] = 1.0 / Math.max(q[i + 1] - q[i], span / 200);
        mid[i] = (q[i] + q[i + 1]) / 2;
      }
      double[] smooth = new double[k];
      double peak = 0;
      for (int i = 0; i < k; i++) {
        double s = 0;
        int c = 0;
        for (int j = Math.max(0, i - 2); j <= Math.min(k - 1, i + 2); j++) {
          s += dens[j];
          c++;
        }
        smooth[i] = s / c;
        peak = Math.max(peak, smooth[i]);
      }
      double[] poly = new double[4 * (k + 2)];
      int p = 0;
      poly[p++] = g;
      poly[p++] = q[0];
      for (int i = 0; i < k; i++) {
        poly[p++] = g + 0.4 * smooth[i] / peak;
        poly[p++] = mid[i];
      }
      poly[p++] = g;
      poly[p++] = q[k];
      for (int i = k - 1; i >= 0; i--) {
        poly[p++] = g - 0.4 * smooth[i] / peak;
        poly[p++] = mid[i];
      }
      Color fill = cs[g % cs.length];
      plot.addAnnotation(new XYPolygonAnnotation(java.util.Arrays.copyOf(poly, p), new BasicStroke(0.6f),
          fill.darker(), new Color(fill.getRed(), fill.getGreen(), fill.getBlue(), 200)));
      plot.addAnnotation(new XYLineAnnotation(g, q[k / 4], g, q[3 * k / 4], new BasicStroke(3f), Color.DARK_GRAY));
      plot.addAnnotation(new XYLineAnnotation(g - 0.03, q[k / 2], g + 0.03, q[k / 2], new BasicStroke(2f),
          Color.WHITE));
    }
    plot.setBackgroundPaint(Color.WHITE);
    return plot;
  }

  /** Counts against genes per cell, coloured by % mitochondrial counts when known. */
  static Figure countsVsGenes(CellData d, PlotOptions o) {
    double[] counts = obsNumbers(d, "total_counts");
    double[] genes = obsNumbers(d, "n_genes_by_counts");
    if (counts == null || genes == null) {
      throw new MissingSlotException("no QC metrics in obs (total_counts, n_genes_by_counts): run qc first");
    }
    XYPlot plot = Charts.frame("total counts", "genes", counts, genes, true);
    Slots.Coloring c = d.obs().has("pct_counts_mt") ? Slots.coloring(d, "pct_counts_mt") : null;
    JFreeChart chart = EmbeddingPlots.points(plot, "counts and genes per cell", counts, genes, c,
        PointLayer.defaultRadius(counts.length) * 0.7, false);
    return Figure.of("qc-scatter", chart, false, o.panelWidth() + 60, o.panelHeight());
  }

  /** Mean against normalised dispersion (or variance) of each gene, highly variable genes in black. */
  static Figure hvg(CellData d, PlotOptions o) {
    if (!(d.var().get(Keys.VAR_HIGHLY_VARIABLE) instanceof BooleanColumn hv)) {
      throw new MissingSlotException("no var['highly_variable']: run hvg first");
    }
    String yKey = d.var().has("dispersions_norm") ? "dispersions_norm"
        : d.var().has("variances_norm") ? "variances_norm" : null;
    String xKey = d.var().has("means") ? "means" : null;
    if (yKey == null || xKey == null) {
      throw new MissingSlotException("var has no means and dispersions_norm (or variances_norm) to plot");
    }
    double[] x = Slots.numbers(d.var(), xKey);
    double[] y = Slots.numbers(d.var(), yKey);
    int n = x.length;
    int[] argb = new int[n];
    int kept = 0;
    for (int j = 0; j < n; j++) {
      argb[j] = hv.values()[j] ? 0xff000000 : 0xffb0b0b0;
      kept += hv.values()[j] ? 1 : 0;
    }
    int[] order = java.util.stream.IntStream.range(0, n).boxed()
        .sorted((a, b) -> Boolean.compare(hv.values()[a], hv.values()[b])).mapToInt(Integer::intValue).toArray();
    XYPlot plot = Charts.frame("mean expression of the gene", yKey.replace('_', ' '), x, y, true);
    plot.addAnnotation(new PointLayer(x, y, argb, order, 1.6, false, 1.0));
    JFreeChart chart = Charts.chart("highly variable genes", plot);
    Charts.categoryLegend(chart, new String[] {"highly variable (" + kept + ")", "other genes (" + (n - kept) + ")"},
        new Color[] {Color.BLACK, new Color(0xb0b0b0)});
    return Figure.of("hvg", chart, false, o.panelWidth() + 100, o.panelHeight());
  }

  /** The share of variance of each principal component, as scanpy's pca_variance_ratio. */
  static Figure pcaVariance(CellData d, PlotOptions o) {
    Map<String, Object> pca = Slots.map(d.uns().get(Keys.UNS_PCA));
    double[] ratio = pca == null ? null : Slots.doubles(pca.get("variance_ratio"));
    if (ratio == null) {
      throw new MissingSlotException("no uns['pca']['variance_ratio']: run pca first");
    }
    XYSeries s = new XYSeries("variance ratio");
    for (int k = 0; k < ratio.length; k++) {
      s.add(k + 1, ratio[k]);
    }
    NumberAxis xa = Charts.axis("principal component");
    NumberAxis ya = Charts.axis("variance ratio");
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, Color.decode(Palettes.DEFAULT_20[0]));
    r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
    XYPlot plot = new XYPlot(new XYSeriesCollection(s), xa, ya, r);
    return Figure.of("pca-variance", Charts.chart("PCA variance ratio", plot), false, o.panelWidth(), o.panelHeight());
  }
}
