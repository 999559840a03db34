package org.myelin.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeriesCollection;

/** The look shared by every chart (matplotlib's defaults in spirit) and the builders the plots reuse. */
final class Charts {

  static final Font TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 9);
  static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 8);

  private Charts() {}

  /** A continuous colour scale over [lower, upper]. */
  record Scale(double lower, double upper, boolean reds) implements PaintScale {

    /** A scale needs a positive span: one value everywhere (a panel without MT genes) gets [v, v + 1]. */
    Scale {
      if (!Double.isFinite(lower)) {
        lower = 0;
      }
      if (!(upper > lower)) {
        upper = lower + 1;
      }
    }
    @Override
    public double getLowerBound() {
      return lower;
    }

    @Override
    public double getUpperBound() {
      return upper;
    }

    @Override
    public Paint getPaint(double value) {
      return new Color(argb(value), true);
    }

    int argb(double value) {
      double t = upper > lower ? (value - lower) / (upper - lower) : 0.5;
      return reds ? Palettes.reds(t) : Palettes.viridis(t);
    }
  }

  static NumberAxis axis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setLabelFont(LABEL);
    a.setTickLabelFont(TICK);
    a.setAutoRangeIncludesZero(false);
    return a;
  }

  /** A chart with a plain white plot, a title and no legend yet. */
  static JFreeChart chart(String title, XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Color.DARK_GRAY);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart c = new JFreeChart(title, TITLE, plot, false);
    c.setBackgroundPaint(Color.WHITE);
    c.setPadding(new RectangleInsets(4, 4, 4, 4));
    return c;
  }

  /** An empty XY plot whose axes span the data (with a margin). */
  static XYPlot frame(String xLabel, String yLabel, double[] x, double[] y, boolean ticks) {
    NumberAxis xa = axis(xLabel);
    NumberAxis ya = axis(yLabel);
    double[] rx = range(x);
    double[] ry = range(y);
    xa.setRange(rx[0], rx[1]);
    ya.setRange(ry[0], ry[1]);
    xa.setTickLabelsVisible(ticks);
    ya.setTickLabelsVisible(ticks);
    xa.setTickMarksVisible(ticks);
    ya.setTickMarksVisible(ticks);
    return new XYPlot(new XYSeriesCollection(), xa, ya, new XYLineAndShapeRenderer(false, false));
  }

  /** min and max of the finite values; {+inf, -inf} when there are none. */
  static double[] finiteMinMax(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      if (Double.isFinite(d)) {
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
    }
    return new double[] {lo, hi};
  }

  /** min and max of the finite values, widened by 4% each side (a unit range when there are none). */
  static double[] range(double[] v) {
    double[] mm = finiteMinMax(v);
    double lo = mm[0];
    double hi = mm[1];
    if (lo > hi) {
      return new double[] {0, 1};
    }
    double pad = hi > lo ? 0.04 * (hi - lo) : Math.max(0.5, Math.abs(lo) * 0.1);
    return new double[] {lo - pad, hi + pad};
  }

  /** A legend on the right listing each category with its colour. */
  static void categoryLegend(JFreeChart chart, String[] names, Color[] colors) {
    LegendItemCollection items = new LegendItemCollection();
    for (int i = 0; i < names.length; i++) {
      LegendItem li = new LegendItem(names[i], null, null, null, new Ellipse2D.Double(-4, -4, 8, 8), colors[i]);
      li.setLabelFont(SMALL);
      items.add(li);
    }
    if (chart.getPlot() instanceof XYPlot p) {
      p.setFixedLegendItems(items);
    } else if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot p) {
      p.setFixedLegendItems(items);
    }
    LegendTitle legend = new LegendTitle(chart.getPlot());
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setItemFont(SMALL);
    legend.setFrame(BlockBorder.NONE);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
  }

  /** A colour bar on the right for a continuous scale. */
  static void colourBar(JFreeChart chart, Scale scale, String label) {
    NumberAxis a = new NumberAxis(label);
    a.setLabelFont(SMALL);
    a.setTickLabelFont(SMALL);
    double lo = scale.lower();
    double hi = scale.upper() > lo ? scale.upper() : lo + 1;
    a.setRange(lo, hi);
    PaintScaleLegend bar = new PaintScaleLegend(scale, a);
    bar.setPosition(RectangleEdge.RIGHT);
    bar.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    bar.setStripWidth(10);
    bar.setMargin(new RectangleInsets(10, 6, 10, 4));
    bar.setSubdivisionCount(128);
    chart.addSubtitle(bar);
  }

  /**
   * A heat map of {@code values[row][col]} with labelled rows and columns and a colour bar; rows
   * run top to bottom in the order given.
   */
  static JFreeChart heatmap(String title, String[] rows, String[] cols, double[][] values, String barLabel,
      boolean symmetric) {
    int nr = rows.length;
    int nc = cols.length;
    double[] xs = new double[nr * nc];
    double[] ys = new double[nr * nc];
    double[] zs = new double[nr * nc];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c < nc; c++) {
        int k = r * nc + c;
        xs[k] = c;
        ys[k] = r;
        zs[k] = values[r][c];
        if (Double.isFinite(zs[k])) {
          lo = Math.min(lo, zs[k]);
          hi = Math.max(hi, zs[k]);
        }
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    }
    if (symmetric) {
      double m = Math.max(Math.abs(lo), Math.abs(hi));
      lo = -m;
      hi = m;
    }
    DefaultXYZDataset ds = new DefaultXYZDataset();
    ds.addSeries("values", new double[][] {xs, ys, zs});
    SymbolAxis xa = new SymbolAxis(null, cols);
    SymbolAxis ya = new SymbolAxis(null, rows);
    for (SymbolAxis a : new SymbolAxis[] {xa, ya}) {
      a.setTickLabelFont(nr > 40 || nc > 40 ? SMALL.deriveFont(6f) : SMALL);
      a.setGridBandsVisible(false);
    }
    xa.setVerticalTickLabels(true);
    ya.setInverted(true);
    for (SymbolAxis a : new SymbolAxis[] {xa, ya}) {
      a.setAutoTickUnitSelection(false);
      a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
    }
    XYBlockRenderer renderer = new XYBlockRenderer();
    Scale scale = new Scale(lo, hi, false);
    renderer.setPaintScale(scale);
    XYPlot plot = new XYPlot(ds, xa, ya, renderer);
    xa.setRange(-0.5, nc - 0.5);
    ya.setRange(-0.5, nr - 0.5);
    JFreeChart chart = chart(title, plot);
    colourBar(chart, scale, barLabel);
    return chart;
  }

  /** A dashed line across the plot at {@code value} of the range axis, labelled. */
  static void threshold(XYPlot plot, double value, String label) {
    org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(value, new Color(0xd62728),
        new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
    m.setLabel(label);
    m.setLabelFont(SMALL);
    m.setLabelPaint(new Color(0xd62728));
    m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
    m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
    plot.addRangeMarker(m);
  }

  /** A small note under the chart. */
  static void note(JFreeChart chart, String text) {
    TextTitle t = new TextTitle(text, SMALL);
    t.setPosition(RectangleEdge.BOTTOM);
    t.setPaint(Color.DARK_GRAY);
    chart.addSubtitle(t);
  }

  static Rectangle2D.Double square(double cx, double cy, double r) {
    return new Rectangle2D.Double(cx - r, cy - r, 2 * r, 2 * r);
  }
}
