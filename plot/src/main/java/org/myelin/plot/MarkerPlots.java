package org.myelin.plot;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeriesCollection;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.score.ScoreTool;
import org.myelin.core.table.RecordArray;

/** Marker genes per group (dot plot, heat map) and scores per group (violins), as scanpy's rank_genes_groups plots. */
final class MarkerPlots {

  private MarkerPlots() {}

  /** The group column: the options', else the markers', else leiden or cell_type. */
  static String groupby(CellData d, PlotOptions o) {
    if (o.groupby() != null) {
      return o.groupby();
    }
    Map<String, Object> rgg = Slots.map(d.uns().get(Keys.UNS_RANK_GENES_GROUPS));
    Map<String, Object> params = rgg == null ? null : Slots.map(rgg.get("params"));
    if (params != null && params.get("groupby") instanceof String g && d.obs().has(g)) {
      return g;
    }
    List<String> k = Slots.defaultKeys(d);
    if (k.isEmpty()) {
      throw new MissingSlotException("no leiden or cell_type column to group by (name one with --groupby)");
    }
    return k.get(0);
  }

  /** The top {@code n} marker genes of each group from uns["rank_genes_groups"]["names"], each once. */
  static String[] topGenes(CellData d, int n) {
    Map<String, Object> rgg = Slots.map(d.uns().get(Keys.UNS_RANK_GENES_GROUPS));
    if (rgg == null || !(rgg.get("names") instanceof RecordArray names)) {
      throw new MissingSlotException("no uns['rank_genes_groups']['names']: run markers first");
    }
    Set<String> out = new LinkedHashSet<>();
    List<String> var = Arrays.asList(d.var().index());
    for (Object col : names.columns()) {
      String[] genes = (String[]) col;
      int taken = 0;
      for (int r = 0; r < genes.length && taken < n; r++) {
        if (var.contains(genes[r])) {
          out.add(genes[r]);
          taken++;
        }
      }
    }
    return out.toArray(new String[0]);
  }

  /** Mean expression and fraction of cells expressing, per group (rows) and gene (columns). */
  static double[][][] groupStats(CellData d, Slots.Categories groups, String[] genes) {
    int k = groups.names().length;
    int[][] members = Slots.members(groups.codes(), k);
    List<String> var = Arrays.asList(d.var().index());
    double[][] mean = new double[k][genes.length];
    double[][] frac = new double[k][genes.length];
    double[][] columns = d.x().columns(Arrays.stream(genes).mapToInt(var::indexOf).toArray());
    for (int g = 0; g < genes.length; g++) {
      double[] v = columns[g];
      for (int c = 0; c < k; c++) {
        double s = 0;
        int e = 0;
        for (int i : members[c]) {
          s += v[i];
          e += v[i] > 0 ? 1 : 0;
        }
        mean[c][g] = members[c].length == 0 ? Double.NaN : s / members[c].length;
        frac[c][g] = members[c].length == 0 ? Double.NaN : (double) e / members[c].length;
      }
    }
    return new double[][][] {mean, frac};
  }

  /** Dot plot: dot area is the fraction of the group's cells expressing the gene, colour its mean expression. */
  static Figure dotplot(CellData d, PlotOptions o) {
    String key = groupby(d, o);
    Slots.Categories groups = Slots.groups(d, key);
    String[] genes = topGenes(d, o.nGenes());
    double[][][] st = groupStats(d, groups, genes);
    double max = 0;
    for (double[] row : st[0]) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          max = Math.max(max, v);
        }
      }
    }
    Charts.Scale scale = new Charts.Scale(0, max > 0 ? max : 1, true);
    XYPlot plot = gridPlot(genes, groups.names());
    List<double[]> dots = new ArrayList<>();
    List<Color> colors = new ArrayList<>();
    for (int c = 0; c < groups.names().length; c++) {
      for (int g = 0; g < genes.length; g++) {
        double f = st[1][c][g];
        if (f > 0) {
          dots.add(new double[] {g, c, 0.45 * Math.sqrt(f)});
          colors.add(new Color(scale.argb(st[0][c][g])));
        }
      }
    }
    plot.addAnnotation(new DotLayer(dots.stream().mapToDouble(v -> v[0]).toArray(),
        dots.stream().mapToDouble(v -> v[1]).toArray(), dots.stream().mapToDouble(v -> v[2]).toArray(),
        colors.toArray(new Color[0])));
    JFreeChart chart = Charts.chart("markers by " + key, plot);
    Charts.colourBar(chart, scale, "mean expression in group");
    LegendItemCollection sizes = new LegendItemCollection();
    for (double f : new double[] {0.2, 0.4, 0.6, 0.8, 1.0}) {
      double r = 6 * Math.sqrt(f);
      LegendItem li = new LegendItem((int) (f * 100) + "%", null, null, null, new Ellipse2D.Double(-r, -r, 2 * r, 2 * r),
          Color.GRAY);
      li.setLabelFont(Charts.SMALL);
      sizes.add(li);
    }
    plot.setFixedLegendItems(sizes);
    LegendTitle legend = new LegendTitle(plot);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setFrame(BlockBorder.NONE);
    chart.addSubtitle(legend);
    Charts.note(chart, "dot area: fraction of the group's cells expressing the gene");
    int w = Math.max(o.panelWidth(), 230 + labelWidth(groups.names()) + 15 * genes.length);
    int h = Math.max(o.panelHeight(), 70 + labelWidth(genes) + 16 * groups.names().length);
    return Figure.of("dotplot", chart, false, w, h);
  }

  /** Heat map of each gene's mean per group, scaled to [0, 1] across the groups (scanpy's standard_scale='var'). */
  static Figure heatmap(CellData d, PlotOptions o) {
    String key = groupby(d, o);
    Slots.Categories groups = Slots.groups(d, key);
    String[] genes = topGenes(d, o.nGenes());
    double[][] mean = groupStats(d, groups, genes)[0];
    for (int g = 0; g < genes.length; g++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] row : mean) {
        if (Double.isFinite(row[g])) {
          lo = Math.min(lo, row[g]);
          hi = Math.max(hi, row[g]);
        }
      }
      for (double[] row : mean) {
        row[g] = hi > lo ? (row[g] - lo) / (hi - lo) : 0;
      }
    }
    JFreeChart chart = Charts.heatmap("markers by " + key, groups.names(), genes, mean, "mean, scaled per gene", false);
    int w = Math.max(o.panelWidth(), 150 + labelWidth(groups.names()) + 12 * genes.length);
    int h = Math.max(o.panelHeight(), 70 + labelWidth(genes) + 12 * groups.names().length);
    return Figure.of("heatmap", chart, false, w, h);
  }

  /** The signature scores in obs, in their order. */
  static List<String> scoreColumns(CellData d) {
    List<String> out = new ArrayList<>();
    for (String c : d.obs().columns().keySet()) {
      for (String s : ScoreTool.SCORE_SUFFIXES) {
        if (c.endsWith(s) && QcPlots.obsNumbers(d, c) != null) {
          out.add(c);
          break;
        }
      }
    }
    return out;
  }

  /** Violins of scores (the options' colour keys, else the first six scores) per group. */
  static Figure violin(CellData d, PlotOptions o) {
    String key = groupby(d, o);
    Slots.Categories groups = Slots.groups(d, key);
    List<String> scores = o.color().isEmpty() ? scoreColumns(d) : o.color();
    if (scores.isEmpty()) {
      throw new MissingSlotException("no scores in obs to plot (run score, or name columns with --color)");
    }
    int[][] members = Slots.members(groups.codes(), groups.names().length);
    List<Figure.Panel> panels = new ArrayList<>();
    for (String s : scores.subList(0, Math.min(6, scores.size()))) {
      double[] v = QcPlots.obsNumbers(d, s);
      if (v == null) {
        Slots.Coloring c = Slots.coloring(d, s);
        if (!(c instanceof Slots.Values val)) {
          throw new IllegalArgumentException("'" + s + "' is not numeric: a violin needs values");
        }
        v = val.values();
      }
      List<double[]> q = new ArrayList<>();
      for (int[] m : members) {
        double[] sub = new double[m.length];
        for (int i = 0; i < m.length; i++) {
          sub[i] = v[m[i]];
        }
        q.add(org.myelin.core.stats.Quantiles.evenly(sub, 101));
      }
      XYPlot plot = QcPlots.violinPlot(groups.names(), q, s, groups.colors());
      panels.add(new Figure.Panel(Charts.chart(s + " by " + key, plot), false));
    }
    int w = Math.max(o.panelWidth(), 80 + 22 * groups.names().length);
    return new Figure("violin", panels, Math.min(2, panels.size()), w, o.panelHeight());
  }

  /** Points taken by the longest of some labels in the small font. */
  static int labelWidth(String[] labels) {
    int longest = 0;
    for (String l : labels) {
      longest = Math.max(longest, l.length());
    }
    return (int) Math.ceil(longest * 5.2) + 10;
  }

  /** An XY plot whose axes name genes (x) and groups (y, top to bottom), one unit per cell. */
  static XYPlot gridPlot(String[] cols, String[] rows) {
    SymbolAxis xa = new SymbolAxis(null, cols);
    SymbolAxis ya = new SymbolAxis(null, rows);
    xa.setVerticalTickLabels(true);
    for (SymbolAxis a : new SymbolAxis[] {xa, ya}) {
      a.setTickLabelFont(Charts.SMALL);
      a.setGridBandsVisible(false);
    }
    ya.setInverted(true);
    for (SymbolAxis a : new SymbolAxis[] {xa, ya}) {
      // Every label, not every other one: the panel is sized to the number of rows and columns.
      a.setAutoTickUnitSelection(false);
      a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
    }
    xa.setRange(-0.6, cols.length - 0.4);
    ya.setRange(-0.6, rows.length - 0.4);
    XYPlot plot = new XYPlot(new XYSeriesCollection(), xa, ya, new XYLineAndShapeRenderer(false, false));
    plot.setBackgroundPaint(Color.WHITE);
    return plot;
  }
}
