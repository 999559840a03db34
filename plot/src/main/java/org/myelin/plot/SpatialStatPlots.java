package org.myelin.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.table.Frame;

/** squidpy's spatial statistics: neighbourhood enrichment, Moran's I, co-occurrence, Ripley and centrality. */
final class SpatialStatPlots {

  private SpatialStatPlots() {}

  /** The cluster key whose uns entry {@code suffix} exists: the options' first, then leiden, cell_type, any. */
  static String keyWith(CellData d, PlotOptions o, String suffix) {
    List<String> tries = new ArrayList<>();
    if (o.groupby() != null) {
      tries.add(o.groupby());
    }
    tries.add(Keys.OBS_LEIDEN);
    tries.add(Keys.OBS_CELL_TYPE);
    for (String k : tries) {
      if (d.uns().containsKey(k + suffix)) {
        return k;
      }
    }
    for (String u : d.uns().keySet()) {
      if (u.endsWith(suffix) && d.obs().has(u.substring(0, u.length() - suffix.length()))) {
        return u.substring(0, u.length() - suffix.length());
      }
    }
    throw new MissingSlotException("no uns['<key>" + suffix + "']: run the spatial statistic first");
  }

  static Figure nhood(CellData d, PlotOptions o) {
    String key = keyWith(d, o, "_nhood_enrichment");
    Map<String, Object> ne = Slots.map(d.uns().get(Keys.nhoodEnrichment(key)));
    if (ne == null || !(ne.get("zscore") instanceof DenseMatrix z)) {
      throw new MissingSlotException("uns['" + Keys.nhoodEnrichment(key) + "'] has no zscore matrix");
    }
    String[] names = Slots.groups(d, key).names();
    if (z.nRows() != names.length) {
      throw new IllegalArgumentException("the enrichment matrix is " + z.nRows() + " x " + z.nCols() + " but obs['"
          + key + "'] has " + names.length + " categories");
    }
    double[][] v = new double[z.nRows()][z.nCols()];
    for (int a = 0; a < v.length; a++) {
      for (int b = 0; b < v.length; b++) {
        v[a][b] = z.get(a, b);
      }
    }
    JFreeChart chart = Charts.heatmap("neighbourhood enrichment (" + key + ")", names, names, v, "z-score", true);
    int side = Math.max(o.panelHeight(), 120 + 14 * names.length);
    return Figure.of("nhood", chart, false, side + 90, side);
  }

  static Figure moran(CellData d, PlotOptions o) {
    Frame f = Slots.frame(d, Keys.UNS_MORAN);
    if (f == null) {
      throw new MissingSlotException("no uns['moranI']: run spatial autocorr first");
    }
    double[] stat = Slots.numbers(f, "I");
    Integer[] idx = new Integer[stat.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(Double.isNaN(stat[b]) ? -1e300 : stat[b],
        Double.isNaN(stat[a]) ? -1e300 : stat[a]));
    int top = Math.min(20, idx.length);
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (int r = 0; r < top; r++) {
      ds.addValue(stat[idx[r]], "Moran's I", f.index()[idx[r]]);
    }
    CategoryAxis ca = new CategoryAxis(null);
    ca.setTickLabelFont(Charts.SMALL);
    ca.setMaximumCategoryLabelWidthRatio(0.6f); // signature names are long: keep them whole
    NumberAxis va = Charts.axis("Moran's I");
    va.setAutoRangeIncludesZero(true);
    BarRenderer r = new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, Color.decode(Palettes.DEFAULT_20[0]));
    CategoryPlot plot = new CategoryPlot(ds, ca, va, r);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setBackgroundPaint(Color.WHITE);
    JFreeChart chart = new JFreeChart("spatial autocorrelation: top " + top, Charts.TITLE, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    return Figure.of("moran", chart, false, o.panelWidth() + 220, Math.max(o.panelHeight(), 80 + 16 * top));
  }

  /** Lines of one column of a long table, one series per group, with optional bands. */
  static XYPlot lines(Map<String, double[][]> series, String xLabel, String yLabel, Color[] colors, boolean bands) {
    YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      YIntervalSeries s = new YIntervalSeries(e.getKey());
      double[][] v = e.getValue();
      for (int i = 0; i < v[0].length; i++) {
        s.add(v[0][i], v[1][i], bands ? v[2][i] : v[1][i], bands ? v[3][i] : v[1][i]);
      }
      ds.addSeries(s);
    }
    DeviationRenderer r = new DeviationRenderer(true, false);
    for (int k = 0; k < series.size(); k++) {
      r.setSeriesPaint(k, colors[k % colors.length]);
      r.setSeriesFillPaint(k, colors[k % colors.length]);
      r.setSeriesStroke(k, new BasicStroke(1.5f));
    }
    r.setAlpha(0.15f);
    NumberAxis xa = Charts.axis(xLabel);
    NumberAxis ya = Charts.axis(yLabel);
    XYPlot plot = new XYPlot(ds, xa, ya, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    return plot;
  }

  static Figure coOccurrence(CellData d, PlotOptions o) {
    String key = keyWith(d, o, "_co_occurrence");
    Map<String, Object> co = Slots.map(d.uns().get(Keys.coOccurrence(key)));
    Frame f = co == null || !(co.get("occ") instanceof Frame t) ? null : t;
    if (f == null) {
      throw new MissingSlotException("uns['" + Keys.coOccurrence(key) + "'] has no occ table");
    }
    String units = co.get("units") instanceof String u ? u : "units";
    Slots.Categories groups = Slots.groups(d, key);
    List<String> targets = o.color().isEmpty() ? List.of(defaultReference(groups.names())) : o.color();
    String[] a = f.index();
    String[] b = Slots.strings(f, "cluster_b");
    double[] end = Slots.numbers(f, "interval_end");
    double[] ratio = Slots.numbers(f, "occ_ratio");
    List<Figure.Panel> panels = new ArrayList<>();
    for (String target : targets) {
      if (!Arrays.asList(groups.names()).contains(target)) {
        throw new IllegalArgumentException("obs['" + key + "'] has no category '" + target + "'");
      }
      Map<String, double[][]> series = new LinkedHashMap<>();
      for (String other : groups.names()) {
        List<double[]> pts = new ArrayList<>();
        for (int r = 0; r < a.length; r++) {
          if (a[r].equals(target) && b[r].equals(other)) {
            pts.add(new double[] {end[r], ratio[r]});
          }
        }
        series.put(other, new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(),
            pts.stream().mapToDouble(p -> p[1]).toArray()});
      }
      XYPlot plot = lines(series, "distance (" + units + ")", "p(other | " + target + ") / p(other)", groups.colors(),
          false);
      JFreeChart chart = Charts.chart("co-occurrence with " + target, plot);
      Charts.categoryLegend(chart, groups.names(), groups.colors());
      panels.add(new Figure.Panel(chart, false));
    }
    return new Figure("co-occurrence", panels, o.columns(), o.panelWidth() + 80, o.panelHeight());
  }

  /** The category a nerve-centred view starts from: schwann when present, else the first. */
  static String defaultReference(String[] names) {
    for (String n : names) {
      if (n.equalsIgnoreCase("schwann")) {
        return n;
      }
    }
    return names[0];
  }

  static Figure ripley(CellData d, PlotOptions o) {
    String suffix = null;
    String key = null;
    for (String mode : new String[] {"L", "F", "G"}) {
      try {
        key = keyWith(d, o, "_ripley_" + mode);
        suffix = mode;
        break;
      } catch (IllegalArgumentException e) {
        // try the next statistic
      }
    }
    if (key == null) {
      throw new MissingSlotException("no uns['<key>_ripley_L'] (or F, G): run spatial ripley first");
    }
    Map<String, Object> rip = Slots.map(d.uns().get(Keys.ripley(key, suffix)));
    Frame f = rip == null || !(rip.get("stats") instanceof Frame t) ? null : t;
    if (f == null) {
      throw new MissingSlotException("uns['" + Keys.ripley(key, suffix) + "'] has no stats table");
    }
    String units = rip.get("units") instanceof String u ? u : "units";
    Slots.Categories groups = Slots.groups(d, key);
    String[] cat = f.index();
    double[] dist = Slots.numbers(f, "distance");
    double[] stat = Slots.numbers(f, suffix + "_stat");
    double[] lo = Slots.numbers(f, "envelope_low");
    double[] hi = Slots.numbers(f, "envelope_high");
    Map<String, double[][]> series = new LinkedHashMap<>();
    for (String g : groups.names()) {
      int[] rows = java.util.stream.IntStream.range(0, cat.length).filter(r -> cat[r].equals(g)).toArray();
      double[][] v = new double[4][rows.length];
      for (int k = 0; k < rows.length; k++) {
        v[0][k] = dist[rows[k]];
        v[1][k] = stat[rows[k]];
        v[2][k] = lo[rows[k]];
        v[3][k] = hi[rows[k]];
      }
      series.put(g, v);
    }
    XYPlot plot = lines(series, "distance (" + units + ")", "Ripley's " + suffix, groups.colors(), true);
    JFreeChart chart = Charts.chart("Ripley's " + suffix + " (" + key + "), shaded: envelope of random placement", plot);
    chart.getTitle().setFont(Charts.LABEL);
    Charts.categoryLegend(chart, groups.names(), groups.colors());
    return Figure.of("ripley", chart, false, o.panelWidth() + 100, o.panelHeight());
  }

  static Figure centrality(CellData d, PlotOptions o) {
    String key = keyWith(d, o, "_centrality_scores");
    Frame f = Slots.frame(d, Keys.centralityScores(key));
    if (f == null) {
      throw new IllegalArgumentException("uns['" + Keys.centralityScores(key) + "'] is not a table");
    }
    Slots.Categories groups = Slots.groups(d, key);
    List<Figure.Panel> panels = new ArrayList<>();
    for (String measure : f.columns().keySet()) {
      double[] v = Slots.numbers(f, measure);
      DefaultCategoryDataset ds = new DefaultCategoryDataset();
      for (int r = 0; r < v.length; r++) {
        ds.addValue(v[r], measure, f.index()[r]);
      }
      Color[] colors = groups.colors();
      List<String> names = Arrays.asList(groups.names());
      BarRenderer r = new BarRenderer() {
        @Override
        public Paint getItemPaint(int row, int column) {
          int g = names.indexOf(f.index()[column]);
          return g >= 0 ? colors[g] : Palettes.GREY;
        }
      };
      r.setBarPainter(new StandardBarPainter());
      r.setShadowVisible(false);
      CategoryAxis ca = new CategoryAxis(null);
      ca.setTickLabelFont(Charts.SMALL);
      ca.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
      NumberAxis va = Charts.axis(measure.replace('_', ' '));
      CategoryPlot plot = new CategoryPlot(ds, ca, va, r);
      plot.setBackgroundPaint(Color.WHITE);
      JFreeChart chart = new JFreeChart(measure.replace('_', ' '), Charts.LABEL, plot, false);
      chart.setBackgroundPaint(Color.WHITE);
      panels.add(new Figure.Panel(chart, false));
    }
    return new Figure("centrality", panels, 3, o.panelWidth(), o.panelHeight());
  }
}
