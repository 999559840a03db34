package org.myelin.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CellSelection;
import org.myelin.core.table.Frame;

/** The nerve niche: scores and composition against distance to the reference cells, and the tissue with the niche marked. */
final class NichePlots {

  /** Bands with fewer cells have no meaningful mean or interval and are left out of the trend. */
  static final int MIN_BAND_CELLS = 10;

  private NichePlots() {}

  static Map<String, Object> niche(CellData d) {
    Map<String, Object> n = Slots.map(d.uns().get(Keys.UNS_NICHE));
    if (n == null) {
      throw new MissingSlotException("no uns['niche']: run the niche step first (--niche-reference)");
    }
    return n;
  }

  static String unit(Frame bands) {
    return bands.has("band_from_um") ? "um" : "units";
  }

  /** Score means with their 95% confidence band per distance band; the niche radius dashed. */
  static Figure trend(CellData d, PlotOptions o) {
    Map<String, Object> n = niche(d);
    Frame bands = n.get("bands") instanceof Frame f ? f : null;
    if (bands == null) {
      throw new MissingSlotException("uns['niche'] has no bands table");
    }
    String unit = unit(bands);
    Map<String, Object> params = Slots.map(n.get("params"));
    double radius = params == null ? Double.NaN : Slots.number(params.get("niche_radius_" + unit));
    String reference = params != null && params.get("reference") instanceof String s ? s : "reference cells";
    List<String> names = o.color().isEmpty() ? strongest(n, 4) : o.color();
    String[] name = bands.index();
    double[] from = Slots.numbers(bands, "band_from_" + unit);
    double[] to = Slots.numbers(bands, "band_to_" + unit);
    double[] mean = Slots.numbers(bands, "mean");
    double[] lo = Slots.numbers(bands, "ci95_low");
    double[] hi = Slots.numbers(bands, "ci95_high");
    double[] nCells = Slots.numbers(bands, "n_cells");
    List<Figure.Panel> panels = new ArrayList<>();
    for (String s : names) {
      if (IntStream.range(0, name.length).noneMatch(r -> name[r].equals(s))) {
        throw new IllegalArgumentException("the niche profiled no score named '" + s + "'");
      }
      int[] rows = IntStream.range(0, name.length).filter(r -> name[r].equals(s) && nCells[r] >= MIN_BAND_CELLS)
          .toArray();
      double[][] v = new double[4][rows.length];
      for (int k = 0; k < rows.length; k++) {
        int r = rows[k];
        v[0][k] = Double.isFinite(to[r]) ? (from[r] + to[r]) / 2 : from[r];
        v[1][k] = mean[r];
        v[2][k] = lo[r];
        v[3][k] = hi[r];
      }
      Map<String, double[][]> series = new LinkedHashMap<>();
      series.put(s, v);
      String u = unit.equals("um") ? "µm" : "units";
      XYPlot plot = SpatialStatPlots.lines(series, "distance to " + reference + " (" + u + ")", "mean score",
          new Color[] {Color.decode(Palettes.DEFAULT_20[3])}, true);
      if (radius > 0) {
        ValueMarker m = new ValueMarker(radius, Color.GRAY, new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
        m.setLabel("niche radius");
        m.setLabelFont(Charts.SMALL);
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
        plot.addDomainMarker(m);
      }
      JFreeChart chart = Charts.chart(s, plot);
      chart.getTitle().setFont(Charts.LABEL);
      Charts.note(chart, "line: mean per distance band (bands of " + MIN_BAND_CELLS
          + "+ cells); shaded: its 95% confidence interval");
      panels.add(new Figure.Panel(chart, false));
    }
    return new Figure("niche", panels, Math.min(2, panels.size()), o.panelWidth() + 40, o.panelHeight());
  }

  /** The {@code k} scores whose trend with distance is most significant (smallest permutation p). */
  static List<String> strongest(Map<String, Object> n, int k) {
    Frame trend = n.get("trend") instanceof Frame f ? f : null;
    if (trend == null || trend.nRows() == 0) {
      throw new MissingSlotException("uns['niche'] has no trend table");
    }
    double[] p = Slots.numbers(trend, "pval_perm");
    double[] rho = Slots.numbers(trend, "spearman_rho");
    return IntStream.range(0, trend.nRows()).boxed()
        .sorted(Comparator.<Integer>comparingDouble(r -> Double.isNaN(p[r]) ? 2 : p[r])
            .thenComparingDouble(r -> -Math.abs(rho[r])))
        .limit(k).map(r -> trend.index()[r]).toList();
  }

  /** The share of each cell type in each distance band, stacked. */
  static Figure composition(CellData d, PlotOptions o) {
    Map<String, Object> n = niche(d);
    Frame comp = n.get("composition") instanceof Frame f ? f : null;
    if (comp == null) {
      throw new MissingSlotException("uns['niche'] has no composition table (the niche ran without "
          + "--composition-key)");
    }
    String unit = unit(comp);
    String[] type = comp.index();
    double[] from = Slots.numbers(comp, "band_from_" + unit);
    double[] to = Slots.numbers(comp, "band_to_" + unit);
    double[] frac = Slots.numbers(comp, "fraction");
    List<String> types = new ArrayList<>(new java.util.LinkedHashSet<>(Arrays.asList(type)));
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (int r = 0; r < type.length; r++) {
      String band = QcPlots.fmt(from[r]) + (Double.isFinite(to[r]) ? "–" + QcPlots.fmt(to[r]) : "+");
      ds.addValue(frac[r], type[r], band);
    }
    Color[] colors = Palettes.categorical(types.size());
    StackedBarRenderer r = new StackedBarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    for (int k = 0; k < types.size(); k++) {
      r.setSeriesPaint(k, colors[k]);
    }
    CategoryAxis ca = new CategoryAxis("distance band (" + (unit.equals("um") ? "µm" : "units") + ")");
    ca.setLabelFont(Charts.LABEL);
    ca.setTickLabelFont(Charts.SMALL);
    ca.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    NumberAxis va = Charts.axis("fraction of cells");
    va.setRange(0, 1);
    CategoryPlot plot = new CategoryPlot(ds, ca, va, r);
    plot.setBackgroundPaint(Color.WHITE);
    JFreeChart chart = new JFreeChart("cell types by distance to the reference", Charts.TITLE, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    Charts.categoryLegend(chart, types.toArray(new String[0]), colors);
    return Figure.of("niche-composition", chart, false, o.panelWidth() + 120, o.panelHeight());
  }

  /** The tissue: reference cells, the cells within the niche radius, and perineural-invasion candidates. */
  static Figure tissue(CellData d, PlotOptions o) {
    Map<String, Object> n = niche(d);
    Map<String, Object> params = Slots.map(n.get("params"));
    if (params == null || !(params.get("reference") instanceof String reference)) {
      throw new MissingSlotException("uns['niche'] has no params.reference");
    }
    boolean[] ref = CellSelection.of(reference, d.obs(), "--niche-reference");
    String distKey = params.get("distance_key") instanceof String s ? s : null;
    double[] dist = distKey == null ? null : QcPlots.obsNumbers(d, distKey);
    String unit = distKey != null && distKey.endsWith("_um") ? "um" : "units";
    double radius = Slots.number(params.get("niche_radius_" + unit));
    boolean[] pni = d.obs().get(Keys.OBS_PNI_CANDIDATE) instanceof BooleanColumn b ? b.values() : null;
    String[] names = {"other cells", "within " + QcPlots.fmt(radius) + " " + (unit.equals("um") ? "µm" : "units"),
        reference, "perineural-invasion candidate"};
    Color[] colors = {new Color(0xd9d9d9), Color.decode(Palettes.DEFAULT_20[1]), Color.decode(Palettes.DEFAULT_20[0]),
        Color.decode(Palettes.DEFAULT_20[3])};
    int nCells = d.nObs();
    int[] codes = new int[nCells];
    for (int i = 0; i < nCells; i++) {
      codes[i] = pni != null && pni[i] ? 3 : ref[i] ? 2 : dist != null && dist[i] <= radius ? 1 : 0;
    }
    Slots.Tissue t = Slots.tissue(d);
    EmbeddingPlots.Visium v = EmbeddingPlots.Visium.of(d, t);
    // Drawn in order of the codes, so that candidates and reference cells lie on top.
    int[] order = IntStream.range(0, nCells).boxed().sorted(Comparator.comparingInt(i -> codes[i]))
        .mapToInt(Integer::intValue).toArray();
    XYPlot plot = Charts.frame("x (" + t.unit() + ")", "y (" + t.unit() + ")", t.x(), t.y(), true);
    plot.getRangeAxis().setInverted(true);
    if (v != null && v.image() != null) {
      plot.addAnnotation(new ImageLayer(v.image(), v.unitsPerImagePixel()));
    }
    int[] argb = new int[nCells];
    for (int i = 0; i < nCells; i++) {
      argb[i] = colors[codes[i]].getRGB();
    }
    double radiusPts = v != null ? v.spotRadius() : PointLayer.defaultRadius(nCells);
    plot.addAnnotation(new PointLayer(t.x(), t.y(), argb, order, radiusPts, v != null, 1.0));
    if (pni != null) {
      int[] cand = IntStream.range(0, nCells).filter(i -> pni[i]).toArray();
      plot.addAnnotation(new PointLayer(t.x(), t.y(), argb, cand, (v != null ? radiusPts : Math.max(radiusPts, 1.5)) * 2,
          v != null, 1.0));
    }
    EmbeddingPlots.scaleBar(plot, t);
    JFreeChart chart = Charts.chart("nerve niche", plot);
    Charts.categoryLegend(chart, names, colors);
    int w = o.panelWidth() + 160;
    return Figure.of("niche-tissue", chart, true, w, EmbeddingPlots.tissueHeight(t, w, 200));
  }
}
