package org.myelin.plot;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A scatter of many points drawn as one raster image inside a plot's data area, at the resolution of
 * the device: a million points cost one image, not a million shapes, and an SVG or PDF embeds the
 * image as one element. Points are discs composited in the order given (the last on top); a disc
 * smaller than a pixel adds its area's share of alpha to one pixel, so dense regions darken as they
 * would with true discs.
 */
public final class PointLayer extends AbstractXYAnnotation {

  private final double[] x;
  private final double[] y;
  private final int[] argb;
  private final int[] order;
  private final double radius;
  private final boolean radiusInDataUnits;
  private final double alpha;

  /**
   * @param x, y coordinates in data units
   * @param argb colour of each point (alpha ignored)
   * @param order the points to draw, back to front
   * @param radius disc radius, in data units when {@code radiusInDataUnits}, else in points (1/72 in)
   * @param alpha opacity of each disc, in (0, 1]
   */
  public PointLayer(double[] x, double[] y, int[] argb, int[] order, double radius, boolean radiusInDataUnits,
      double alpha) {
    this.x = x;
    this.y = y;
    this.argb = argb;
    this.order = order;
    this.radius = radius;
    this.radiusInDataUnits = radiusInDataUnits;
    this.alpha = alpha;
  }

  /** scanpy's default marker area, 120000 / n points squared, as a radius in points; alpha falls past 50k points. */
  public static double defaultRadius(int n) {
    return Math.sqrt(120000.0 / Math.max(n, 1) / Math.PI);
  }

  /** Opacity adapted to the number of points: opaque up to 50,000, then falling to 0.3 at a million. */
  public static double defaultAlpha(int n) {
    return n <= 50_000 ? 1.0 : Math.max(0.3, Math.pow(50_000.0 / n, 0.4));
  }

  @Override
  public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
      int rendererIndex, PlotRenderingInfo info) {
    AffineTransform t = g2.getTransform();
    double sx = Math.hypot(t.getScaleX(), t.getShearY());
    double sy = Math.hypot(t.getScaleY(), t.getShearX());
    int w = Math.max(1, (int) Math.ceil(dataArea.getWidth() * sx));
    int h = Math.max(1, (int) Math.ceil(dataArea.getHeight() * sy));
    RectangleEdge de = plot.getDomainAxisEdge();
    RectangleEdge re = plot.getRangeAxisEdge();
    // Axes are linear: two reference values give each pixel coordinate.
    double x0 = domainAxis.valueToJava2D(0, dataArea, de);
    double xs = domainAxis.valueToJava2D(1, dataArea, de) - x0;
    double y0 = rangeAxis.valueToJava2D(0, dataArea, re);
    double ys = rangeAxis.valueToJava2D(1, dataArea, re) - y0;
    double rPx = radiusInDataUnits ? radius * Math.abs(xs) * sx : radius * sx;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    int[] buf = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    rasterise(buf, w, h, (x0 - dataArea.getX()) * sx, xs * sx, (y0 - dataArea.getY()) * sy, ys * sy, rPx);
    g2.drawImage(img, new AffineTransform(1 / sx, 0, 0, 1 / sy, dataArea.getX(), dataArea.getY()), null);
  }

  /** Draws every point into {@code buf} (w x h, ARGB, not premultiplied); pixel = offset + value * scale. */
  void rasterise(int[] buf, int w, int h, double xOff, double xScale, double yOff, double yScale, double rPx) {
    for (int i : order) {
      double px = xOff + x[i] * xScale;
      double py = yOff + y[i] * yScale;
      if (!(px >= -rPx && px < w + rPx && py >= -rPx && py < h + rPx)) {
        continue; // outside, or NaN
      }
      int c = argb[i];
      if (rPx < 0.75) {
        // Below a pixel: one pixel, with the disc's area as its coverage.
        double a = alpha * Math.min(1, Math.PI * rPx * rPx);
        blend(buf, w, h, (int) px, (int) py, c, a);
        continue;
      }
      int xa = (int) Math.floor(px - rPx);
      int xb = (int) Math.ceil(px + rPx);
      int ya = (int) Math.floor(py - rPx);
      int yb = (int) Math.ceil(py + rPx);
      double r2 = rPx * rPx;
      for (int yy = ya; yy <= yb; yy++) {
        double dy = yy + 0.5 - py;
        for (int xx = xa; xx <= xb; xx++) {
          double dx = xx + 0.5 - px;
          double d2 = dx * dx + dy * dy;
          if (d2 <= r2) {
            // Soft edge over the last pixel, so discs are round at small sizes.
            double edge = Math.min(1, rPx - Math.sqrt(d2) + 0.5);
            blend(buf, w, h, xx, yy, c, alpha * edge);
          }
        }
      }
    }
  }

  /** Source-over of colour {@code c} at opacity {@code a} onto one pixel. */
  private static void blend(int[] buf, int w, int h, int x, int y, int c, double a) {
    if (x < 0 || y < 0 || x >= w || y >= h || a <= 0) {
      return;
    }
    int k = y * w + x;
    int d = buf[k];
    double da = (d >>> 24) / 255.0;
    double oa = a + da * (1 - a);
    if (oa <= 0) {
      return;
    }
    int r = mix((c >> 16) & 0xff, (d >> 16) & 0xff, a, da, oa);
    int g = mix((c >> 8) & 0xff, (d >> 8) & 0xff, a, da, oa);
    int b = mix(c & 0xff, d & 0xff, a, da, oa);
    buf[k] = ((int) Math.round(oa * 255) << 24) | (r << 16) | (g << 8) | b;
  }

  private static int mix(int src, int dst, double a, double da, double oa) {
    return (int) Math.round((src * a + dst * da * (1 - a)) / oa);
  }
}
