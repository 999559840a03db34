package org.myelin.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;

/**
 * One figure: charts laid out on a grid, each {@code panelWidth x panelHeight} points (1/72 inch),
 * written as PNG (at a resolution in dots per inch), SVG or PDF (vectors; raster layers embedded).
 */
public final class Figure {

  /** One chart of the figure; an equal-aspect chart gets the same data units per point on both axes. */
  public record Panel(JFreeChart chart, boolean equalAspect) {}

  /** The formats a figure is written in, by file name. */
  public enum Format {
    PNG, SVG, PDF;

    /** The format named by a file's extension, or null. */
    public static Format of(Path file) {
      String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
      for (Format f : values()) {
        if (n.endsWith("." + f.name().toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      return null;
    }
  }

  private final String name;
  private final List<Panel> panels;
  private final int columns;
  private final int panelWidth;
  private final int panelHeight;

  public Figure(String name, List<Panel> panels, int columns, int panelWidth, int panelHeight) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("a figure needs one panel at least");
    }
    this.name = name;
    this.panels = List.copyOf(panels);
    this.columns = Math.max(1, Math.min(columns, panels.size()));
    this.panelWidth = panelWidth;
    this.panelHeight = panelHeight;
  }

  /** A figure of one chart. */
  public static Figure of(String name, JFreeChart chart, boolean equalAspect, int width, int height) {
    return new Figure(name, List.of(new Panel(chart, equalAspect)), 1, width, height);
  }

  public String name() {
    return name;
  }

  public List<Panel> panels() {
    return panels;
  }

  /** Width in points. */
  public int width() {
    return columns * panelWidth;
  }

  /** Height in points. */
  public int height() {
    return ((panels.size() + columns - 1) / columns) * panelHeight;
  }

  /** The legend entries of panel {@code p} (a categorical colouring has one per category). */
  public int legendEntries(int p) {
    LegendItemCollection items = panels.get(p).chart().getPlot().getLegendItems();
    return items == null ? 0 : items.getItemCount();
  }

  /** Draws the figure at the origin of {@code g}, in points. */
  public void draw(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setPaint(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, width(), height()));
    for (int p = 0; p < panels.size(); p++) {
      Rectangle2D area = new Rectangle2D.Double((p % columns) * panelWidth, (p / columns) * panelHeight, panelWidth,
          panelHeight);
      Panel panel = panels.get(p);
      if (panel.equalAspect()) {
        equalise(panel.chart(), area);
      }
      panel.chart().draw(g, area);
    }
  }

  /**
   * Widens one axis range so that a data unit spans as many points across as up: lays the chart out
   * once off screen to learn its data area, then sets the ranges.
   */
  private static void equalise(JFreeChart chart, Rectangle2D area) {
    if (!(chart.getPlot() instanceof XYPlot plot)) {
      return;
    }
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = scratch.createGraphics();
    ChartRenderingInfo info = new ChartRenderingInfo();
    chart.draw(g, new Rectangle2D.Double(0, 0, area.getWidth(), area.getHeight()), info);
    g.dispose();
    Rectangle2D data = info.getPlotInfo().getDataArea();
    ValueAxis xa = plot.getDomainAxis();
    ValueAxis ya = plot.getRangeAxis();
    double xl = xa.getLowerBound();
    double xu = xa.getUpperBound();
    double yl = ya.getLowerBound();
    double yu = ya.getUpperBound();
    double perPoint = Math.max((xu - xl) / data.getWidth(), (yu - yl) / data.getHeight());
    double xc = (xl + xu) / 2;
    double yc = (yl + yu) / 2;
    xa.setRange(xc - perPoint * data.getWidth() / 2, xc + perPoint * data.getWidth() / 2);
    ya.setRange(yc - perPoint * data.getHeight() / 2, yc + perPoint * data.getHeight() / 2);
  }

  /** The figure as a PNG image at {@code dpi} dots per inch. */
  public BufferedImage image(double dpi) {
    double scale = dpi / 72.0;
    BufferedImage img = new BufferedImage((int) Math.round(width() * scale), (int) Math.round(height() * scale),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.scale(scale, scale);
    draw(g);
    g.dispose();
    return img;
  }

  /** PNG bytes at {@code dpi}. */
  public byte[] png(double dpi) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image(dpi), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The figure as an SVG document. */
  public String svg() {
    SVGGraphics2D g = new SVGGraphics2D(width(), height());
    draw(g);
    return g.getSVGDocument();
  }

  /** The figure as a one-page PDF. */
  public byte[] pdf() {
    PDFDocument doc = new PDFDocument();
    doc.setTitle(name);
    doc.setAuthor("myelin");
    Page page = doc.createPage(new Rectangle2D.Double(0, 0, width(), height()));
    PDFGraphics2D g = page.getGraphics2D();
    draw(g);
    return doc.getPDFBytes();
  }

  /** The figure's file content in format {@code f} ({@code dpi} matters for PNG only). */
  public byte[] bytes(Format f, double dpi) {
    return switch (f) {
      case PNG -> png(dpi);
      case SVG -> svg().getBytes(StandardCharsets.UTF_8);
      case PDF -> pdf();
    };
  }

  /**
   * Writes the figure in the format its name gives, through a temporary file renamed at the end, so
   * a failure leaves nothing half-written.
   */
  public void write(Path file, double dpi) throws IOException {
    Format f = Format.of(file);
    if (f == null) {
      throw new IllegalArgumentException(file + ": a figure is written as .png, .svg or .pdf");
    }
    byte[] bytes = bytes(f, dpi);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
