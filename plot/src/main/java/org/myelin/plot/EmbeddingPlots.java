package org.myelin.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.TextAnchor;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.DenseArray;

/** Cells on an embedding (UMAP, PCA) or on the tissue, one panel per colour key, as scanpy's pl.embedding and pl.spatial. */
final class EmbeddingPlots {

  /** The diameter of a Visium spot, by 10x's specification. */
  static final double VISIUM_SPOT_DIAMETER_UM = 55;

  private EmbeddingPlots() {}

  static Figure embedding(CellData d, PlotOptions o, String basis) {
    String key = basis.equals("umap") ? Keys.OBSM_UMAP : Keys.OBSM_PCA;
    double[][] xy = Slots.embedding(d, key, 0, 1);
    String ax = basis.equals("umap") ? "UMAP" : "PC";
    List<Figure.Panel> panels = new ArrayList<>();
    for (String k : keys(d, o)) {
      Slots.Coloring c = k == null ? null : Slots.coloring(d, k);
      XYPlot plot = Charts.frame(ax + "1", ax + "2", xy[0], xy[1], false);
      JFreeChart chart = points(plot, k == null ? basis.toUpperCase() : k, xy[0], xy[1], c,
          PointLayer.defaultRadius(xy[0].length), false);
      panels.add(new Figure.Panel(chart, false));
    }
    return new Figure(basis, panels, o.columns(), o.panelWidth(), o.panelHeight());
  }

  static Figure spatial(CellData d, PlotOptions o) {
    Slots.Tissue t = Slots.tissue(d);
    Visium v = Visium.of(d, t);
    List<Figure.Panel> panels = new ArrayList<>();
    for (String k : keys(d, o)) {
      Slots.Coloring c = k == null ? null : Slots.coloring(d, k);
      panels.add(new Figure.Panel(tissuePanel(d, t, v, k == null ? "tissue" : k, c), true));
    }
    return new Figure("spatial", panels, o.columns(), o.panelWidth(), tissueHeight(t, o.panelWidth(), 120));
  }

  /**
   * A panel height that fits the tissue's aspect at {@code width} points wide ({@code side} of them
   * taken by a legend or colour bar), so that a wide section is not drawn in a square of empty space.
   */
  static int tissueHeight(Slots.Tissue t, int width, int side) {
    double[] rx = Charts.range(t.x());
    double[] ry = Charts.range(t.y());
    double aspect = (ry[1] - ry[0]) / Math.max(rx[1] - rx[0], 1e-12);
    double h = (width - side - 60) * aspect + 90; // axes, title and tick labels around the data
    return (int) Math.round(Math.max(180, Math.min(3.0 * width, h)));
  }

  /** One tissue panel: the H&E image when there is one, then the cells or spots, then a scale bar. */
  static JFreeChart tissuePanel(CellData d, Slots.Tissue t, Visium v, String title, Slots.Coloring c) {
    XYPlot plot = Charts.frame("x (" + t.unit() + ")", "y (" + t.unit() + ")", t.x(), t.y(), true);
    plot.getRangeAxis().setInverted(true);
    if (v != null && v.image() != null) {
      plot.addAnnotation(new ImageLayer(v.image(), v.unitsPerImagePixel()));
    }
    double radius = v != null ? v.spotRadius() : PointLayer.defaultRadius(t.x().length);
    JFreeChart chart = points(plot, title, t.x(), t.y(), c, radius, v != null);
    scaleBar(plot, t);
    return chart;
  }

  /** The keys to colour by: the options', else leiden or cell_type, else one uncoloured panel. */
  static List<String> keys(CellData d, PlotOptions o) {
    List<String> k = o.color().isEmpty() ? Slots.defaultKeys(d) : o.color();
    return k.isEmpty() ? java.util.Collections.singletonList(null) : k;
  }

  /**
   * Adds the cells to {@code plot} coloured by {@code c} (categories with a legend, values with a
   * colour bar, drawn low to high so that high values stay visible, as scanpy does).
   */
  static JFreeChart points(XYPlot plot, String title, double[] x, double[] y, Slots.Coloring c, double radius,
      boolean radiusInDataUnits) {
    int n = x.length;
    int[] argb = new int[n];
    int[] order;
    JFreeChart chart;
    switch (c) {
      case null -> {
        java.util.Arrays.fill(argb, 0xff808080);
        order = IntStream.range(0, n).toArray();
        plot.addAnnotation(new PointLayer(x, y, argb, order, radius, radiusInDataUnits, PointLayer.defaultAlpha(n)));
        chart = Charts.chart(title, plot);
      }
      case Slots.Categories cat -> {
        for (int i = 0; i < n; i++) {
          argb[i] = cat.codes()[i] < 0 ? Palettes.GREY.getRGB() : cat.colors()[cat.codes()[i]].getRGB();
        }
        order = IntStream.range(0, n).toArray();
        plot.addAnnotation(new PointLayer(x, y, argb, order, radius, radiusInDataUnits, PointLayer.defaultAlpha(n)));
        chart = Charts.chart(title, plot);
        Charts.categoryLegend(chart, cat.names(), cat.colors());
      }
      case Slots.Values val -> {
        Charts.Scale scale = new Charts.Scale(val.min(), val.max(), false);
        double[] v = val.values();
        for (int i = 0; i < n; i++) {
          argb[i] = scale.argb(v[i]);
        }
        order = IntStream.range(0, n).boxed()
            .sorted(Comparator.comparingDouble(i -> Double.isNaN(v[i]) ? Double.NEGATIVE_INFINITY : v[i]))
            .mapToInt(Integer::intValue).toArray();
        plot.addAnnotation(new PointLayer(x, y, argb, order, radius, radiusInDataUnits, PointLayer.defaultAlpha(n)));
        chart = Charts.chart(title, plot);
        Charts.colourBar(chart, scale, val.label());
      }
    }
    return chart;
  }

  /** A bar of a round length (1, 2 or 5 times a power of ten, about a fifth of the width) at the bottom left. */
  static void scaleBar(XYPlot plot, Slots.Tissue t) {
    double[] rx = Charts.range(t.x());
    double[] ry = Charts.range(t.y());
    double target = (rx[1] - rx[0]) / 5;
    double p = Math.pow(10, Math.floor(Math.log10(target)));
    double len = target >= 5 * p ? 5 * p : target >= 2 * p ? 2 * p : p;
    double x0 = rx[0] + 0.04 * (rx[1] - rx[0]);
    double y0 = ry[1] - 0.04 * (ry[1] - ry[0]);
    plot.addAnnotation(new XYLineAnnotation(x0, y0, x0 + len, y0, new BasicStroke(2.5f), Color.BLACK));
    String label = (len >= 1 ? String.valueOf((long) len) : String.valueOf(len)) + " " + t.unit();
    XYTextAnnotation text = new XYTextAnnotation(label, x0 + len / 2, y0 - 0.015 * (ry[1] - ry[0]));
    text.setFont(Charts.SMALL);
    text.setTextAnchor(TextAnchor.BOTTOM_CENTER);
    plot.addAnnotation(text);
  }

  /** A Visium library's image, its scale, and the spot radius in plot units. */
  record Visium(BufferedImage image, double unitsPerImagePixel, double spotRadius) {

    /** From {@code uns["spatial"][library]}, or null when the data is not Visium. */
    static Visium of(CellData d, Slots.Tissue t) {
      Map<String, Object> spatial = Slots.map(d.uns().get(Keys.UNS_SPATIAL));
      if (spatial == null || spatial.isEmpty()) {
        return null;
      }
      Map<String, Object> lib = Slots.map(spatial.values().iterator().next());
      Map<String, Object> sf = lib == null ? null : Slots.map(lib.get("scalefactors"));
      if (sf == null) {
        return null;
      }
      // Plot units per full-resolution pixel: micrometres when the scale is known.
      double perFull = Double.isNaN(t.micronsPerUnit()) ? 1 : t.micronsPerUnit();
      double diameter = Double.isNaN(t.micronsPerUnit()) ? Slots.number(sf.get("spot_diameter_fullres"))
          : VISIUM_SPOT_DIAMETER_UM;
      Map<String, Object> images = Slots.map(lib.get("images"));
      BufferedImage img = null;
      double perPixel = Double.NaN;
      for (String res : new String[] {"hires", "lowres"}) {
        if (images != null && images.get(res) instanceof DenseArray a
            && Slots.number(sf.get("tissue_" + res + "_scalef")) > 0) {
          img = ImageLayer.fromArray(a);
          perPixel = perFull / Slots.number(sf.get("tissue_" + res + "_scalef"));
          break;
        }
      }
      return new Visium(img, perPixel, Double.isFinite(diameter) ? diameter / 2 : 1);
    }
  }
}
