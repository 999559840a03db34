package org.myelin.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.myelin.core.cohort.CohortAnalysis;
import org.myelin.core.survival.KaplanMeier;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;

/**
 * The cohort's figures and report: each feature by response (box and points), ROC curves with
 * their AUC, Kaplan–Meier curves of patients above and below each feature's cut with the numbers
 * at risk, a volcano plot per DE cell type, and an HTML page with the tables.
 */
public final class CohortReport {

  /**
   * @param positive the response level the AUC is of
   * @param response the response column (null: none)
   * @param time the survival time column (null: none)
   */
  public record Options(String title, double dpi, String positive, String response, String time) {}

  private static final Color POSITIVE = new Color(0xd62728);
  private static final Color NEGATIVE = new Color(0x1f77b4);
  private static final int PANEL = 300;

  private CohortReport() {}

  /** Writes the figures as PNG into {@code figures} and the report to {@code html}. */
  public static void write(CohortAnalysis.Result r, Options o, Path figures, Path html) throws IOException {
    Files.createDirectories(figures);
    List<Figure> figs = figures(r, o);
    StringBuilder h = new StringBuilder(1 << 20);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Report.esc(o.title())).append("</title>\n<style>\n").append(Report.CSS).append("</style>\n</head>\n")
        .append("<body>\n<header><h1>myelin</h1><p>").append(Report.esc(o.title())).append("</p></header>\n<main>\n");
    h.append("<section id=\"cohort\"><h2>Cohort</h2>\n<div class=\"metrics\">");
    card(h, r.features().nRows(), "samples");
    card(h, r.association().nRows(), "features");
    card(h, r.de().nRows(), "DE rows");
    h.append("</div>\n");
    if (!r.notes().isEmpty()) {
      h.append("<div class=\"warnings\"><p>").append(Report.esc(String.join("; ", r.notes()))).append("</p></div>\n");
    }
    h.append("<p class=\"muted\">Exhausted CD8 T cells: exhaustion score above ")
        .append(fmt(r.thresholds().exhaustedThreshold())).append("; injured nerves: mean injury score above ")
        .append(fmt(r.thresholds().injuredThreshold())).append(".</p>\n<div class=\"figs\">");
    for (Figure f : figs) {
      byte[] png = f.png(o.dpi());
      Files.write(figures.resolve(f.name() + ".png"), png);
      h.append("<figure><img alt=\"").append(Report.esc(f.name())).append("\" width=\"").append(f.width())
          .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
          .append("\"><figcaption>").append(Report.esc(caption(f.name()))).append("</figcaption></figure>\n");
    }
    h.append("</div>\n");
    h.append(table(r.association(), "Association of each feature with outcome", "feature", 40));
    h.append(table(r.features(), "Features per sample", "sample", 200));
    h.append(deTable(r.de()));
    h.append("</section>\n</main>\n<footer>Made by myelin cohort.</footer>\n</body>\n</html>\n");
    Files.writeString(html, h, StandardCharsets.UTF_8);
  }

  /** Every figure the result has the data for. */
  public static List<Figure> figures(CohortAnalysis.Result r, Options o) {
    List<Figure> out = new ArrayList<>();
    List<String> ranked = ranked(r.association(), o.response() != null ? "mannwhitney_p" : "cox_p");
    if (o.response() != null && r.outcome().response() != null && !ranked.isEmpty()) {
      out.add(grid("features_by_response", boxes(r, ranked.subList(0, Math.min(12, ranked.size())), o)));
      out.add(Figure.of("roc", roc(r, ranked.subList(0, Math.min(6, ranked.size())), o), true, 420, 400));
    }
    List<String> bySurvival = r.outcome().time() == null ? List.of() : ranked(r.association(), "logrank_p");
    if (o.time() != null && !bySurvival.isEmpty()) {
      out.add(grid("kaplan_meier", kaplanMeier(r, bySurvival.subList(0, Math.min(4, bySurvival.size())))));
    }
    Frame de = r.de();
    if (de.nRows() > 0) {
      String[] groups = ((org.myelin.core.table.StringColumn) de.get("cell_type")).values();
      for (String g : Arrays.stream(groups).distinct().toList()) {
        out.add(Figure.of("volcano_" + g.replaceAll("[^A-Za-z0-9_.-]", "_"), volcano(de, g), false, 460, 400));
      }
    }
    return out;
  }

  private static Figure grid(String name, List<JFreeChart> charts) {
    List<Figure.Panel> panels = charts.stream().map(c -> new Figure.Panel(c, false)).toList();
    return new Figure(name, panels, Math.min(4, Math.max(1, panels.size())), PANEL, PANEL);
  }

  /** Features with a p-value in {@code column}, smallest first. */
  private static List<String> ranked(Frame assoc, String column) {
    double[] p = ((DoubleColumn) assoc.get(column)).values();
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      if (!Double.isNaN(p[i])) {
        idx.add(i);
      }
    }
    idx.sort(Comparator.comparingDouble(i -> p[i]));
    return idx.stream().map(i -> assoc.index()[i]).toList();
  }

  private static double[] values(CohortAnalysis.Result r, String feature) {
    Column c = r.featureValues().get(feature);
    return ((DoubleColumn) c).values();
  }

  /** Points of each sample by response (jittered), with the box of quartiles and the median. */
  private static List<JFreeChart> boxes(CohortAnalysis.Result r, List<String> features, Options o) {
    List<JFreeChart> out = new ArrayList<>();
    int[] resp = r.outcome().response();
    for (String f : features) {
      double[] v = values(r, f);
      XYSeriesCollection data = new XYSeriesCollection();
      XYSeries pos = new XYSeries(o.positive());
      XYSeries neg = new XYSeries(r.outcome().negative());
      List<Double> a = new ArrayList<>();
      List<Double> b = new ArrayList<>();
      for (int i = 0; i < v.length; i++) {
        if (Double.isNaN(v[i]) || resp[i] < 0) {
          continue;
        }
        double jitter = ((i * 0x9E3779B1L >>> 8) % 1000) / 1000.0 * 0.3 - 0.15;
        if (resp[i] == 1) {
          pos.add(0 + jitter, v[i]);
          a.add(v[i]);
        } else {
          neg.add(1 + jitter, v[i]);
          b.add(v[i]);
        }
      }
      data.addSeries(pos);
      data.addSeries(neg);
      double[] all = Arrays.stream(v).filter(d -> !Double.isNaN(d)).toArray();
      XYPlot plot = Charts.frame("", f, new double[] {-0.5, 1.5}, all, true);
      org.jfree.chart.axis.SymbolAxis groups = new org.jfree.chart.axis.SymbolAxis("",
          new String[] {o.positive(), r.outcome().negative()});
      groups.setTickLabelFont(Charts.LABEL);
      groups.setRange(-0.6, 1.6);
      groups.setGridBandsVisible(false);
      plot.setDomainAxis(groups);
      plot.setDataset(data);
      XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(false, true);
      rend.setSeriesPaint(0, POSITIVE);
      rend.setSeriesPaint(1, NEGATIVE);
      plot.setRenderer(rend);
      box(plot, 0, a);
      box(plot, 1, b);
      JFreeChart c = Charts.chart(f, plot);
      Charts.note(c, "AUC " + fmt(number(r, f, "auc")) + ", Mann-Whitney p " + fmt(number(r, f, "mannwhitney_p")));
      out.add(c);
    }
    return out;
  }

  private static void box(XYPlot plot, double x, List<Double> v) {
    if (v.size() < 2) {
      return;
    }
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double q1 = org.myelin.core.stats.Quantiles.percentile(s, 25);
    double q2 = org.myelin.core.stats.Quantiles.percentile(s, 50);
    double q3 = org.myelin.core.stats.Quantiles.percentile(s, 75);
    BasicStroke st = new BasicStroke(1.2f);
    Color c = Color.DARK_GRAY;
    double w = 0.25;
    plot.addAnnotation(new XYLineAnnotation(x - w, q1, x + w, q1, st, c));
    plot.addAnnotation(new XYLineAnnotation(x - w, q3, x + w, q3, st, c));
    plot.addAnnotation(new XYLineAnnotation(x - w, q1, x - w, q3, st, c));
    plot.addAnnotation(new XYLineAnnotation(x + w, q1, x + w, q3, st, c));
    plot.addAnnotation(new XYLineAnnotation(x - w, q2, x + w, q2, new BasicStroke(2.2f), c));
  }

  private static double number(CohortAnalysis.Result r, String feature, String column) {
    int row = Arrays.asList(r.association().index()).indexOf(feature);
    return row < 0 ? Double.NaN : ((DoubleColumn) r.association().get(column)).values()[row];
  }

  /** ROC curves of the positive group against the other, one per feature. */
  private static JFreeChart roc(CohortAnalysis.Result r, List<String> features, Options o) {
    XYSeriesCollection data = new XYSeriesCollection();
    int[] resp = r.outcome().response();
    for (String f : features) {
      double[] v = values(r, f);
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < v.length; i++) {
        if (!Double.isNaN(v[i]) && resp[i] >= 0) {
          pts.add(new double[] {v[i], resp[i]});
        }
      }
      pts.sort((p, q) -> Double.compare(q[0], p[0]));
      double npos = pts.stream().filter(p -> p[1] == 1).count();
      double nneg = pts.size() - npos;
      XYSeries s = new XYSeries(f + " (AUC " + fmt(number(r, f, "auc")) + ")", false, true);
      s.add(0, 0);
      double tp = 0;
      double fp = 0;
      for (int k = 0; k < pts.size(); ) {
        int j = k;
        while (j < pts.size() && pts.get(j)[0] == pts.get(k)[0]) {
          tp += pts.get(j)[1];
          fp += 1 - pts.get(j)[1];
          j++;
        }
        s.add(fp / nneg, tp / npos);
        k = j;
      }
      data.addSeries(s);
    }
    XYPlot plot = Charts.frame("1 - specificity", "sensitivity (" + o.positive() + ")", new double[] {0, 1},
        new double[] {0, 1}, true);
    plot.setDataset(data);
    XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(true, false);
    Color[] colors = Palettes.categorical(features.size());
    for (int i = 0; i < features.size(); i++) {
      rend.setSeriesPaint(i, colors[i]);
      rend.setSeriesStroke(i, new BasicStroke(1.6f));
    }
    plot.setRenderer(rend);
    plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1, new BasicStroke(0.8f), Color.GRAY));
    JFreeChart c = Charts.chart("ROC: " + o.positive() + " against " + r.outcome().negative(), plot);
    c.addLegend(new org.jfree.chart.title.LegendTitle(plot));
    c.getLegend().setItemFont(Charts.SMALL);
    return c;
  }

  /** Kaplan–Meier curves above and at or below each feature's cut, with numbers at risk. */
  private static List<JFreeChart> kaplanMeier(CohortAnalysis.Result r, List<String> features) {
    List<JFreeChart> out = new ArrayList<>();
    double[] time = r.outcome().time();
    int[] event = r.outcome().event();
    for (String f : features) {
      double[] v = values(r, f);
      double cut = number(r, f, "km_cut");
      XYSeriesCollection data = new XYSeriesCollection();
      double maxT = 0;
      StringBuilder atRisk = new StringBuilder("at risk");
      for (int high = 1; high >= 0; high--) {
        List<Double> t = new ArrayList<>();
        List<Integer> e = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
          if (!Double.isNaN(v[i]) && (v[i] > cut) == (high == 1)) {
            t.add(time[i]);
            e.add(event[i]);
            maxT = Math.max(maxT, time[i]);
          }
        }
        if (t.isEmpty()) {
          continue;
        }
        KaplanMeier km = KaplanMeier.of(t.stream().mapToDouble(Double::doubleValue).toArray(),
            e.stream().mapToInt(Integer::intValue).toArray());
        XYSeries s = new XYSeries((high == 1 ? "above " : "at or below ") + fmt(cut), false, true);
        double prev = 1;
        s.add(0, 1);
        for (int k = 0; k < km.time().length; k++) {
          s.add(km.time()[k], prev);
          s.add(km.time()[k], km.survival()[k]);
          prev = km.survival()[k];
        }
        data.addSeries(s);
        atRisk.append(high == 1 ? " (above):" : "; (at or below):");
        double[] ts = t.stream().mapToDouble(Double::doubleValue).toArray();
        for (int q = 0; q <= 4; q++) {
          double at = q * maxTime(time) / 4;
          atRisk.append(' ').append(Arrays.stream(ts).filter(x -> x >= at).count());
        }
      }
      XYPlot plot = Charts.frame("time", "survival", new double[] {0, maxT}, new double[] {0, 1}, true);
      plot.setDataset(data);
      XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(true, false);
      rend.setSeriesPaint(0, POSITIVE);
      rend.setSeriesPaint(1, NEGATIVE);
      plot.setRenderer(rend);
      JFreeChart c = Charts.chart(f, plot);
      c.addLegend(new org.jfree.chart.title.LegendTitle(plot));
      c.getLegend().setItemFont(Charts.SMALL);
      Charts.note(c, atRisk + " at t = 0, 1/4, 1/2, 3/4, 1 of " + fmt(maxTime(time)) + "; log-rank p "
          + fmt(number(r, f, "logrank_p")));
      out.add(c);
    }
    return out;
  }

  private static double maxTime(double[] t) {
    return Arrays.stream(t).max().orElse(1);
  }

  /** log2 fold change against -log10 p, genes at FDR 0.05 in red, the ten strongest named. */
  private static JFreeChart volcano(Frame de, String group) {
    String[] groups = ((org.myelin.core.table.StringColumn) de.get("cell_type")).values();
    double[] lfc = ((DoubleColumn) de.get("log2FoldChange")).values();
    double[] p = ((DoubleColumn) de.get("pvalue")).values();
    double[] padj = ((DoubleColumn) de.get("padj")).values();
    XYSeries sig = new XYSeries("FDR < 0.05", false, true);
    XYSeries rest = new XYSeries("other", false, true);
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < lfc.length; i++) {
      if (!groups[i].equals(group) || Double.isNaN(p[i]) || Double.isNaN(lfc[i])) {
        continue;
      }
      double y = -Math.log10(Math.max(p[i], 1e-300));
      (padj[i] < 0.05 ? sig : rest).add(lfc[i], y);
      rows.add(i);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(rest);
    data.addSeries(sig);
    double[] xs = rows.stream().mapToDouble(i -> lfc[i]).toArray();
    double[] ys = rows.stream().mapToDouble(i -> -Math.log10(Math.max(p[i], 1e-300))).toArray();
    XYPlot plot = Charts.frame("log2 fold change", "-log10 p", xs, ys, true);
    plot.setDataset(data);
    XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(false, true);
    rend.setSeriesPaint(0, Palettes.GREY);
    rend.setSeriesPaint(1, POSITIVE);
    rend.setSeriesShape(0, Charts.square(0, 0, 1.5));
    rend.setSeriesShape(1, Charts.square(0, 0, 2));
    plot.setRenderer(rend);
    rows.sort(Comparator.comparingDouble(i -> p[i]));
    for (int k = 0; k < Math.min(10, rows.size()); k++) {
      int i = rows.get(k);
      XYTextAnnotation t = new XYTextAnnotation(de.index()[i], lfc[i], -Math.log10(Math.max(p[i], 1e-300)));
      t.setFont(Charts.SMALL);
      t.setTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
      plot.addAnnotation(t);
    }
    JFreeChart c = Charts.chart("pseudobulk DE: " + group, plot);
    Charts.note(c, sig.getItemCount() + " genes at FDR 0.05 of " + rows.size() + " tested");
    return c;
  }

  private static String caption(String name) {
    if (name.equals("features_by_response")) {
      return "Features of the samples by response (box: quartiles and median), strongest first.";
    }
    if (name.equals("roc")) {
      return "ROC curves of the strongest features for telling the groups apart.";
    }
    if (name.equals("kaplan_meier")) {
      return "Kaplan-Meier curves of patients above and at or below each feature's cut.";
    }
    return "Pseudobulk differential expression (DESeq2) of " + name.substring("volcano_".length()) + ".";
  }

  private static void card(StringBuilder h, int v, String label) {
    h.append("<div class=\"card\"><div class=\"v\">").append(v).append("</div><div class=\"k\">")
        .append(Report.esc(label)).append("</div></div>");
  }

  private static String table(Frame f, String caption, String indexName, int maxRows) {
    StringBuilder t = new StringBuilder("<table><caption>").append(Report.esc(caption)).append("</caption><tr><th>")
        .append(Report.esc(indexName)).append("</th>");
    for (String c : f.columns().keySet()) {
      t.append("<th>").append(Report.esc(c)).append("</th>");
    }
    t.append("</tr>\n");
    for (int i = 0; i < Math.min(maxRows, f.nRows()); i++) {
      t.append("<tr><td>").append(Report.esc(f.index()[i])).append("</td>");
      for (Column c : f.columns().values()) {
        t.append("<td>").append(Report.esc(c instanceof DoubleColumn d ? fmt(d.values()[i]) : c.format(i)))
            .append("</td>");
      }
      t.append("</tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  private static String deTable(Frame de) {
    if (de.nRows() == 0) {
      return "";
    }
    double[] padj = ((DoubleColumn) de.get("padj")).values();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < padj.length; i++) {
      if (padj[i] < 0.05) {
        rows.add(i);
      }
    }
    rows.sort(Comparator.comparingDouble(i -> padj[i]));
    int[] keep = rows.stream().limit(50).mapToInt(Integer::intValue).toArray();
    return table(de.select(keep), "Pseudobulk DE: the 50 genes of lowest adjusted p (FDR 0.05)", "gene", 50);
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.3g", v);
  }
}
