package org.myelin.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.spatial.SpatialUnits;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.RecordArray;

/**
 * One self-contained HTML page, after Cell Ranger's web summary: key metrics on top, then a section
 * per step with its figures (PNG embedded as data URIs: no file or network access is needed to open
 * it), the top markers and score summaries as tables, and the provenance at the end.
 */
public final class Report {

  /**
   * @param title the page's title (the sample's name)
   * @param provenanceJson the provenance record of the result (command, versions, inputs with
   *     checksums), or null
   * @param warnings lines the run warned with, shown under the metrics
   * @param dpi resolution of the embedded figures
   */
  public record Options(String title, String provenanceJson, List<String> warnings, double dpi) {
    public Options {
      warnings = List.copyOf(warnings);
      if (!(dpi >= 30 && dpi <= 600)) {
        throw new IllegalArgumentException("Invalid report resolution: " + dpi + " dpi (30 to 600)");
      }
    }
  }

  /** A figure of the report: what it shows, and the plot that draws it. */
  record Item(PlotKind kind, List<String> color, String caption) {}

  private Report() {}

  /** The report of {@code d} as an HTML document. */
  public static String html(CellData d, Options o) {
    StringBuilder h = new StringBuilder(1 << 20);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>myelin report: ")
        .append(esc(o.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    h.append("<header><h1>myelin</h1><p>").append(esc(o.title())).append("</p></header>\n<main>\n");
    metrics(h, d, o);
    List<String[]> nav = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    List<String> keys = new ArrayList<>(Slots.defaultKeys(d));
    if (d.obs().has(Keys.OBS_CELL_TYPE) && !keys.contains(Keys.OBS_CELL_TYPE)) {
      keys.add(Keys.OBS_CELL_TYPE);
    }
    section(body, nav, d, o, "qc", "Quality control", List.of(
        new Item(PlotKind.QC, List.of(), "Per-cell metrics of all cells before filtering beside the cells kept; "
            + "dashed lines are the thresholds that acted."),
        new Item(PlotKind.QC_SCATTER, List.of(), "Counts against genes per cell of the cells kept.")), "");
    section(body, nav, d, o, "features", "Genes and components", List.of(
        new Item(PlotKind.HVG, List.of(), "Highly variable genes (black) among all genes."),
        new Item(PlotKind.PCA_VARIANCE, List.of(), "Share of variance of each principal component.")), "");
    section(body, nav, d, o, "clusters", "Clusters and cell types", List.of(
        new Item(PlotKind.UMAP, keys, "UMAP of the cells.")), "");
    section(body, nav, d, o, "markers", "Marker genes", List.of(
        new Item(PlotKind.DOTPLOT, List.of(), "Top marker genes of each group."),
        new Item(PlotKind.HEATMAP, List.of(), "Mean expression of the top markers per group, scaled per gene.")),
        markersTable(d));
    section(body, nav, d, o, "scores", "Signature scores", List.of(
        new Item(PlotKind.VIOLIN, List.of(), "Scores per group.")), scoresTable(d));
    section(body, nav, d, o, "spatial", "Spatial statistics", List.of(
        new Item(PlotKind.SPATIAL, keys, "The tissue."),
        new Item(PlotKind.NHOOD, List.of(), "Neighbourhood enrichment: how much more often groups neighbour "
            + "each other than under random labels (z-score)."),
        new Item(PlotKind.MORAN, List.of(), "Genes and scores of strongest spatial autocorrelation."),
        new Item(PlotKind.CO_OCCURRENCE, List.of(), "Co-occurrence with distance."),
        new Item(PlotKind.RIPLEY, List.of(), "Ripley's statistic against random placement."),
        new Item(PlotKind.CENTRALITY, List.of(), "Centrality of each group in the spatial graph.")), "");
    section(body, nav, d, o, "niche", "The nerve niche", List.of(
        new Item(PlotKind.NICHE, List.of(), "Scores against distance to the reference cells."),
        new Item(PlotKind.NICHE_COMPOSITION, List.of(), "Cell types by distance to the reference cells."),
        new Item(PlotKind.NICHE_TISSUE, List.of(), "The reference cells, their niche and perineural-invasion "
            + "candidates in the tissue.")), nicheTable(d));
    h.append("<nav>");
    for (String[] n : nav) {
      h.append("<a href=\"#").append(n[0]).append("\">").append(esc(n[1])).append("</a>");
    }
    h.append("<a href=\"#provenance\">Provenance</a></nav>\n").append(body);
    h.append("<section id=\"provenance\"><h2>Provenance</h2>\n");
    if (o.provenanceJson() != null) {
      h.append("<pre>").append(esc(o.provenanceJson())).append("</pre>\n");
    } else {
      h.append("<p class=\"muted\">No provenance record was found beside the result.</p>\n");
    }
    h.append("</section>\n</main>\n<footer>Made by myelin. Every figure above can be redrawn with "
        + "<code>myelin plot KIND RESULT.h5ad -o FILE.png</code>.</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void section(StringBuilder h, List<String[]> nav, CellData d, Options o, String id, String title,
      List<Item> items, String table) {
    StringBuilder figs = new StringBuilder();
    List<String> skipped = new ArrayList<>();
    for (Item it : items) {
      PlotOptions po = PlotOptions.defaults().withColor(it.color());
      Figure f;
      try {
        f = it.kind().draw(d, po);
      } catch (MissingSlotException e) {
        skipped.add(it.kind().label() + " (" + e.getMessage() + ")");
        continue;
      } catch (RuntimeException e) {
        // The rest of the report is still worth having: the failure is named where the figure would be.
        skipped.add(it.kind().label() + " (could not be drawn: " + e.getMessage() + ")");
        continue;
      }
      figs.append("<figure><img alt=\"").append(esc(it.kind().label() + ": " + it.kind().description()))
          .append("\" width=\"").append(f.width()).append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(f.png(o.dpi()))).append("\"><figcaption>")
          .append(esc(it.caption())).append(" <code>myelin plot ").append(it.kind().label()).append("</code>")
          .append("</figcaption></figure>\n");
    }
    if (figs.isEmpty() && table.isEmpty()) {
      return;
    }
    nav.add(new String[] {id, title});
    h.append("<section id=\"").append(id).append("\"><h2>").append(esc(title)).append("</h2>\n<div class=\"figs\">")
        .append(figs).append("</div>\n").append(table);
    if (!skipped.isEmpty()) {
      h.append("<p class=\"muted\">Not drawn: ").append(esc(String.join("; ", skipped))).append("</p>\n");
    }
    h.append("</section>\n");
  }

  private static void metrics(StringBuilder h, CellData d, Options o) {
    Map<String, Object> qc = Slots.map(d.uns().get(Keys.UNS_QC));
    List<String[]> cards = new ArrayList<>();
    if (qc != null) {
      cards.add(new String[] {"cells kept", num(qc.get("cells_after")), "of " + num(qc.get("cells_before"))});
      cards.add(new String[] {"genes kept", num(qc.get("genes_after")), "of " + num(qc.get("genes_before"))});
      cards.add(new String[] {"median genes per cell", num(qc.get("median_genes_per_cell")), "before filtering"});
      cards.add(new String[] {"median counts per cell", num(qc.get("median_counts_per_cell")), "before filtering"});
    } else {
      cards.add(new String[] {"cells", String.format(Locale.ROOT, "%,d", d.nObs()), ""});
      cards.add(new String[] {"genes", String.format(Locale.ROOT, "%,d", d.nVars()), ""});
    }
    for (String k : new String[] {Keys.OBS_LEIDEN, Keys.OBS_CELL_TYPE}) {
      if (d.obs().get(k) instanceof CategoricalColumn c) {
        cards.add(new String[] {k.equals(Keys.OBS_LEIDEN) ? "clusters" : "cell types",
            String.valueOf(c.categories().length), k});
      }
    }
    Map<String, Object> modality = Slots.map(d.uns().get(Keys.UNS_MODALITY));
    if (modality != null && modality.get("modality") instanceof String m) {
      cards.add(new String[] {"modality", m, modality.get("evidence") instanceof String e ? e : ""});
    }
    SpatialUnits u = SpatialUnits.of(d);
    if (d.obsm().containsKey(Keys.OBSM_SPATIAL)) {
      cards.add(new String[] {"spatial scale", u == null ? "unknown" : String.format(Locale.ROOT, "%.4g µm/unit",
          u.micronsPerUnit()), u == null ? "distances in coordinate units" : u.source()});
    }
    h.append("<section class=\"metrics\">");
    for (String[] c : cards) {
      h.append("<div class=\"card\"><div class=\"v\">").append(esc(c[1])).append("</div><div class=\"k\">")
          .append(esc(c[0])).append("</div><div class=\"s\">").append(esc(c[2])).append("</div></div>");
    }
    h.append("</section>\n");
    if (!o.warnings().isEmpty()) {
      h.append("<section class=\"warnings\"><h2>Warnings</h2><ul>");
      for (String w : o.warnings()) {
        h.append("<li>").append(esc(w)).append("</li>");
      }
      h.append("</ul></section>\n");
    }
  }

  /** The top five markers of each group with their log fold change. */
  static String markersTable(CellData d) {
    Map<String, Object> rgg = Slots.map(d.uns().get(Keys.UNS_RANK_GENES_GROUPS));
    if (rgg == null || !(rgg.get("names") instanceof RecordArray names)) {
      return "";
    }
    RecordArray lfc = rgg.get("logfoldchanges") instanceof RecordArray r ? r : null;
    StringBuilder t = new StringBuilder("<table><caption>Top marker genes per group (log2 fold change)</caption>"
        + "<tr><th>group</th><th colspan=\"5\">markers</th></tr>");
    for (int g = 0; g < names.fields().length; g++) {
      String[] genes = (String[]) names.columns()[g];
      double[] fc = lfc == null ? null : Slots.doubles(lfc.columns()[g]);
      t.append("<tr><td>").append(esc(names.fields()[g])).append("</td>");
      for (int k = 0; k < Math.min(5, genes.length); k++) {
        t.append("<td>").append(esc(genes[k]));
        if (fc != null) {
          t.append(String.format(Locale.ROOT, " <small>%.2f</small>", fc[k]));
        }
        t.append("</td>");
      }
      t.append("</tr>");
    }
    return t.append("</table>\n").toString();
  }

  /** Per score, the group where it is highest, with its AUC against the rest and FDR; the 15 highest AUCs. */
  static String scoresTable(CellData d) {
    Frame f = Slots.frame(d, Keys.UNS_SCORE_SUMMARY);
    if (f == null || !f.has("auc")) {
      return "";
    }
    String[] score = f.index();
    String[] group = Slots.strings(f, "group");
    double[] auc = Slots.numbers(f, "auc");
    double[] mean = Slots.numbers(f, "mean");
    double[] fdr = Slots.numbers(f, "fdr");
    Integer[] rows = IntStream.range(0, score.length).boxed()
        .sorted(Comparator.comparingDouble(r -> Double.isNaN(auc[r]) ? 1 : -auc[r])).toArray(Integer[]::new);
    StringBuilder t = new StringBuilder("<table><caption>Scores by group: the highest AUC of a group against "
        + "the rest</caption><tr><th>score</th><th>group</th><th>mean</th><th>AUC</th><th>FDR</th></tr>");
    List<String> seen = new ArrayList<>();
    for (int r : rows) {
      if (seen.contains(score[r]) || seen.size() >= 15) {
        continue;
      }
      seen.add(score[r]);
      t.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.3g</td><td>%.3f</td><td>%.2g</td></tr>",
          esc(score[r]), esc(group[r]), mean[r], auc[r], fdr[r]));
    }
    return t.append("</table>\n").toString();
  }

  /** The niche's trend of each score with distance, the most significant first. */
  static String nicheTable(CellData d) {
    Frame f = Slots.frame(d, Keys.UNS_NICHE, "trend");
    if (f == null || !f.has("pval_perm")) {
      return "";
    }
    double[] p = Slots.numbers(f, "pval_perm");
    double[] rho = Slots.numbers(f, "spearman_rho");
    double[] fdr = Slots.numbers(f, "pval_perm_fdr_bh");
    double[] inNiche = f.has("mean_niche") ? Slots.numbers(f, "mean_niche") : null;
    double[] distal = f.has("mean_distal") ? Slots.numbers(f, "mean_distal") : null;
    Integer[] rows = IntStream.range(0, p.length).boxed()
        .sorted(Comparator.comparingDouble(r -> Double.isNaN(p[r]) ? 2 : p[r])).limit(12).toArray(Integer[]::new);
    StringBuilder t = new StringBuilder("<table><caption>Scores against distance to the reference cells: Spearman's "
        + "rho (negative: higher near them), permutation p and FDR</caption><tr><th>score</th><th>rho</th>"
        + "<th>p</th><th>FDR</th><th>mean in niche</th><th>mean distal</th></tr>");
    for (int r : rows) {
      t.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.2g</td><td>%.2g</td><td>%s</td><td>%s"
          + "</td></tr>", esc(f.index()[r]), rho[r], p[r], fdr[r],
          inNiche == null ? "" : String.format(Locale.ROOT, "%.3g", inNiche[r]),
          distal == null ? "" : String.format(Locale.ROOT, "%.3g", distal[r])));
    }
    return t.append("</table>\n").toString();
  }

  private static String num(Object v) {
    if (v instanceof Number n) {
      double x = n.doubleValue();
      return x == Math.rint(x) ? String.format(Locale.ROOT, "%,d", (long) x) : String.format(Locale.ROOT, "%.4g", x);
    }
    return v == null ? "" : String.valueOf(v);
  }

  /** HTML text escaping. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static final String CSS = """
      body{margin:0;font-family:-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Helvetica,Arial,sans-serif;color:#222;
        background:#f6f7f9}
      header{background:#1f3b57;color:#fff;padding:14px 28px}
      header h1{margin:0;font-size:22px;letter-spacing:.5px}header p{margin:4px 0 0;opacity:.85}
      main{max-width:1400px;margin:0 auto;padding:16px 28px}
      nav{position:sticky;top:0;background:#f6f7f9;padding:8px 0;border-bottom:1px solid #dde;z-index:1}
      nav a{margin-right:16px;color:#1f3b57;text-decoration:none;font-weight:600}
      .metrics{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 16px}
      .card{background:#fff;border:1px solid #dde;border-radius:6px;padding:10px 16px;min-width:150px}
      .card .v{font-size:24px;font-weight:600;color:#1f3b57}.card .k{font-size:13px}.card .s{font-size:11px;color:#777}
      .warnings{background:#fff4e5;border:1px solid #f0c36d;border-radius:6px;padding:4px 16px}
      section{margin:18px 0}h2{border-bottom:2px solid #1f3b57;padding-bottom:4px;font-size:18px}
      .figs{display:flex;flex-wrap:wrap;gap:14px}
      figure{margin:0;background:#fff;border:1px solid #dde;border-radius:6px;padding:8px;max-width:100%}
      figure img{max-width:100%;height:auto;display:block}figcaption{font-size:12px;color:#555;margin-top:4px}
      table{border-collapse:collapse;background:#fff;margin:12px 0;font-size:12px}
      caption{text-align:left;font-weight:600;padding:4px 0}
      td,th{border:1px solid #dde;padding:3px 8px;text-align:left}th{background:#eef1f5}
      small{color:#777}.muted{color:#777;font-size:12px}
      pre{background:#fff;border:1px solid #dde;padding:10px;overflow:auto;font-size:11px}
      footer{color:#777;font-size:12px;padding:16px 28px}
      """;

}
