package org.myelin.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;

/**
 * Round dots at data positions whose radius is a share of the spacing of the grid they sit on, in
 * screen space, so they stay round whatever the axes' scales (a dot plot's genes and groups).
 */
final class DotLayer extends AbstractXYAnnotation {

  private final double[] x;
  private final double[] y;
  private final double[] size;
  private final Color[] colors;

  /** @param size radius as a share (0 to 0.5) of one grid step, the smaller of across and up */
  DotLayer(double[] x, double[] y, double[] size, Color[] colors) {
    this.x = x;
    this.y = y;
    this.size = size;
    this.colors = colors;
  }

  @Override
  public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
      int rendererIndex, PlotRenderingInfo info) {
    var de = plot.getDomainAxisEdge();
    var re = plot.getRangeAxisEdge();
    double step = Math.min(Math.abs(domainAxis.valueToJava2D(1, dataArea, de) - domainAxis.valueToJava2D(0, dataArea,
        de)), Math.abs(rangeAxis.valueToJava2D(1, dataArea, re) - rangeAxis.valueToJava2D(0, dataArea, re)));
    g2.setStroke(new BasicStroke(0.3f));
    for (int i = 0; i < x.length; i++) {
      double r = size[i] * step;
      double cx = domainAxis.valueToJava2D(x[i], dataArea, de);
      double cy = rangeAxis.valueToJava2D(y[i], dataArea, re);
      Ellipse2D dot = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
      g2.setPaint(colors[i]);
      g2.fill(dot);
      g2.setPaint(Color.GRAY);
      g2.draw(dot);
    }
  }
}
