package org.myelin.plot;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.myelin.core.matrix.DenseArray;

/**
 * A tissue image under the spots: pixel (column c, row r) sits at data point
 * ({@code c * unitsPerPixel}, {@code r * unitsPerPixel}), so the image lines up with the spots
 * whatever the axes' direction (spatial plots put y downwards, as images do).
 */
final class ImageLayer extends AbstractXYAnnotation {

  private final BufferedImage image;
  private final double unitsPerPixel;

  ImageLayer(BufferedImage image, double unitsPerPixel) {
    this.image = image;
    this.unitsPerPixel = unitsPerPixel;
  }

  /** An RGB image stored as scanpy stores it (height x width x 3, values in [0, 1]). */
  static BufferedImage fromArray(DenseArray a) {
    int[] shape = a.shape();
    if (shape.length != 3 || shape[2] < 3) {
      throw new IllegalArgumentException("a tissue image is height x width x 3, not " + java.util.Arrays.toString(shape));
    }
    int h = shape[0];
    int w = shape[1];
    int ch = shape[2];
    float[] v = a.data();
    // Images read from PNG hold [0, 1]; some writers keep 0-255.
    float max = 0;
    for (float f : v) {
      max = Math.max(max, f);
    }
    float scale = max > 1.5f ? 1 : 255;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int k = (y * w + x) * ch;
        int r = clamp(v[k] * scale);
        int g = clamp(v[k + 1] * scale);
        int b = clamp(v[k + 2] * scale);
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }

  private static int clamp(float f) {
    return Math.max(0, Math.min(255, Math.round(f)));
  }

  @Override
  public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
      int rendererIndex, PlotRenderingInfo info) {
    RectangleEdge de = plot.getDomainAxisEdge();
    RectangleEdge re = plot.getRangeAxisEdge();
    double x0 = domainAxis.valueToJava2D(0, dataArea, de);
    double x1 = domainAxis.valueToJava2D(unitsPerPixel, dataArea, de);
    double y0 = rangeAxis.valueToJava2D(0, dataArea, re);
    double y1 = rangeAxis.valueToJava2D(unitsPerPixel, dataArea, re);
    java.awt.Shape clip = g2.getClip();
    g2.clip(dataArea);
    g2.drawImage(image, new AffineTransform(x1 - x0, 0, 0, y1 - y0, x0, y0), null);
    g2.setClip(clip);
  }
}
