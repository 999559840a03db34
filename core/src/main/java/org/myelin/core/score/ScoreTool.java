package org.myelin.core.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.pp.Normalize;
import org.myelin.core.table.Column;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Gene-signature scores per cell: scanpy's {@code score_genes} (module; Tirosh et al., Science
 * 2016), Seurat's {@code AddModuleScore}, UCell (Andreatta and Carmona 2021), AUCell (Aibar et al.
 * 2017), the mean and the z-scored mean. One obs column {@code <SET>_<method>} per set and method,
 * {@code <BASE>_<method>} = UP - DOWN for paired sets, {@code uns["scores"]} with the genes found,
 * missing, renamed and the controls, and a per-group summary when the grouping exists.
 */
public final class ScoreTool {

  /** var columns that may hold other names of the genes (ids or symbols), searched after var names. */
  public static final List<String> GENE_NAME_COLUMNS = List.of("gene_ids", "gene_id", "gene_symbols", "gene_symbol",
      "feature_name", "gene_name", "symbol", "ensembl_id", "feature_id");

  /** Suffixes of the obs columns this tool writes: one per method. */
  public static final List<String> SCORE_SUFFIXES = List.of("_module", "_seurat", "_ucell", "_aucell", "_mean",
      "_zmean");

  /** The per-cell table this tool makes. */
  public static final String TABLE_SCORES = "scores";

  /** The per-group summary this tool makes when grouped. */
  public static final String TABLE_SUMMARY = "scores_summary";

  private ScoreTool() {}

  /** Whether X is log-normalised before scoring. */
  public enum Normalise {
    /** When X holds whole numbers only (raw counts). */
    AUTO,
    YES,
    NO
  }

  /**
   * @param geneSets the sets to score
   * @param skipMissing skip sets with too few genes in the data (a whole library: fewer than minGenes or
   *     than half of the set) rather than refuse them
   * @param methods the scoring methods
   * @param minGenes refuse (or skip) a set with fewer genes found; a smaller set needs all of its genes
   * @param groupby obs column to summarise by, or null
   * @param maxRank UCell's maxRank
   * @param aucMaxRank AUCell's aucMaxRank; 0 for 5% of the genes
   * @param ctrlSize module: controls per expression bin
   * @param nBins module: expression bins
   * @param seuratNBins seurat: bins
   * @param seuratCtrl seurat: controls per set gene
   * @param seuratSeed seurat: R's set.seed value
   * @param controlGenes control genes per set name for module and seurat, or null to draw them
   * @param scoreThreshold summary: the fraction of cells above this is reported
   * @param normalize log-normalise X first
   * @param signatures where the sets came from, recorded in uns
   * @param controlSource where the control genes came from, recorded in uns ("" for drawn)
   */
  public record Options(List<GeneSet> geneSets, boolean skipMissing, List<SignatureScores.Method> methods,
      int minGenes, String groupby, int maxRank, int aucMaxRank, int ctrlSize, int nBins, int seuratNBins,
      int seuratCtrl, int seuratSeed, List<GeneSet> controlGenes, double scoreThreshold, Normalise normalize,
      String signatures, String controlSource) {

    public Options {
      geneSets = List.copyOf(geneSets);
      methods = List.copyOf(methods);
      InvalidOptionException.check(!methods.isEmpty(), "score_method", methods, "at least one method");
      InvalidOptionException.check(methods.stream().distinct().count() == methods.size(), "score_method", methods,
          "each method once");
      InvalidOptionException.check(minGenes >= 1, "score_min_genes", minGenes, "positive");
      InvalidOptionException.check(maxRank >= 1, "max_rank", maxRank, "positive");
      InvalidOptionException.check(aucMaxRank >= 0, "auc_max_rank", aucMaxRank, "0 for 5% of the genes, or positive");
      InvalidOptionException.check(ctrlSize >= 1, "ctrl_size", ctrlSize, "positive");
      InvalidOptionException.check(nBins >= 2, "n_bins", nBins, "2 or more");
      InvalidOptionException.check(seuratNBins >= 1, "seurat_n_bins", seuratNBins, "positive");
      InvalidOptionException.check(seuratCtrl >= 1, "seurat_ctrl", seuratCtrl, "positive");
      InvalidOptionException.check(Double.isFinite(scoreThreshold), "score_threshold", scoreThreshold, "a number");
      InvalidOptionException.check(normalize != null, "normalize", normalize, "auto, yes or no");
      controlGenes = controlGenes == null ? null : List.copyOf(controlGenes);
    }

    /** The module method with scanpy's defaults (50 controls per bin, 25 bins) and the tools' own defaults. */
    public static Options defaults(List<GeneSet> geneSets) {
      SignatureScores.Options d = SignatureScores.Options.defaults(0);
      return new Options(geneSets, false, List.of(SignatureScores.Method.MODULE), 3, null, d.ucellMaxRank(),
          d.aucMaxRank(), d.ctrlSize(), d.nBins(), d.seuratNBins(), d.seuratCtrl(), d.seuratSeed(), null, 0,
          Normalise.AUTO, "", "");
    }

    /** The same options for other sets. */
    public Options withGeneSets(List<GeneSet> sets, boolean skip, String source) {
      return new Options(sets, skip, methods, minGenes, groupby, maxRank, aucMaxRank, ctrlSize, nBins, seuratNBins,
          seuratCtrl, seuratSeed, controlGenes, scoreThreshold, normalize, source, controlSource);
    }

    /** The same options with another grouping. */
    public Options withGroupby(String column) {
      return new Options(geneSets, skipMissing, methods, minGenes, column, maxRank, aucMaxRank, ctrlSize, nBins,
          seuratNBins, seuratCtrl, seuratSeed, controlGenes, scoreThreshold, normalize, signatures, controlSource);
    }
  }

  /** Whether var names look like mouse genes: Ensembl ids by prefix (ENSMUSG), symbols by case (Gapdh). */
  public static boolean looksMouse(String[] varNames) {
    long upper = 0;
    long mixed = 0;
    long humanIds = 0;
    long mouseIds = 0;
    for (String g : varNames) {
      if (g.startsWith("ENSMUSG")) {
        mouseIds++;
      } else if (g.startsWith("ENSG")) {
        humanIds++;
      }
      if (g.length() > 1 && Character.isLetter(g.charAt(0))) {
        String rest = g.substring(1);
        if (rest.equals(rest.toUpperCase(Locale.ROOT)) && !rest.equals(rest.toLowerCase(Locale.ROOT))) {
          upper++;
        } else if (rest.equals(rest.toLowerCase(Locale.ROOT)) && !rest.equals(rest.toUpperCase(Locale.ROOT))) {
          mixed++;
        }
      }
    }
    if (humanIds + mouseIds > varNames.length / 2) {
      return mouseIds > humanIds; // Ensembl ids as var names: their prefix says the species
    }
    return mixed > upper;
  }

  /** Scores every set into obs and uns; returns the same container and the tables "scores" (and "scores_summary"). */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    boolean normalise = switch (o.normalize()) {
      case YES -> true;
      case NO -> false;
      case AUTO -> CsrMatrix.isIntegral(data.x());
    };
    Groups groups = o.groupby() == null ? null : Groups.of(data.obs(), o.groupby(), "score summary (--groupby)");
    Scoring s = new Scoring(o, match(o, data.var(), ctx));
    CsrMatrix x = data.x();
    if (normalise) {
      ctx.info("X holds counts: scoring log-normalised values (normalize_total 1e4, log1p; X kept)");
      x = Normalize.logNormalized(x, 1e4, ctx.parallel());
    }
    GeneStats stats = o.methods().stream().anyMatch(SignatureScores.Method::needsGeneStats)
        ? GeneStats.of(x, ctx.parallel()) : null;
    SignatureScores plan = s.plan(data.var(), stats, ctx.seed());
    Map<String, double[]> columns = s.columns(data.nObs());
    s.fill(plan.score(x, 0, ctx.parallel()), 0, columns);
    List<String> contrasts = s.contrasts(columns);
    Frame out = new Frame(data.obs().index());
    for (Map.Entry<String, double[]> c : columns.entrySet()) {
      data.obs().put(c.getKey(), new DoubleColumn(c.getValue()));
      out.put(c.getKey(), new DoubleColumn(c.getValue().clone()));
    }
    data.uns().put(Keys.UNS_SCORES, s.record(plan, data.var().index(), contrasts, ctx.seed(), normalise));
    Map<String, ToolResult.Table> tables = new LinkedHashMap<>();
    tables.put(TABLE_SCORES, new ToolResult.Table(out, "cell"));
    if (groups != null) {
      Frame summary = summary(columns, groups, o.scoreThreshold(), ctx.parallel());
      data.uns().put(Keys.UNS_SCORE_SUMMARY, summary);
      tables.put(TABLE_SUMMARY, new ToolResult.Table(summary, "score"));
    }
    s.report(ctx);
    return new ToolResult(data, tables);
  }

  /**
   * The sets found in the data (those with too few genes skipped and said, or refused, by the
   * options); the other names of the genes in var's id and symbol columns are searched too.
   */
  public static Scoring.Matched match(Options o, Frame var, ToolContext ctx) {
    List<String[]> other = new ArrayList<>();
    for (String name : GENE_NAME_COLUMNS) {
      if (var.has(name)) {
        Column c = var.get(name);
        String[] v = new String[c.size()];
        for (int j = 0; j < v.length; j++) {
          v[j] = c.format(j);
        }
        other.add(v);
      }
    }
    List<GeneMatch> matches = GeneMatch.match(o.geneSets(), var.index(), other);
    List<GeneMatch> usable = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (GeneMatch m : matches) {
      int size = m.set().genes().size();
      // A set named by the user needs --score-min-genes of its genes; a library scored as a whole
      // keeps only the sets this data can speak for: at least half of their genes too.
      int need = o.skipMissing() ? Math.max(Math.min(o.minGenes(), size), (size + 1) / 2)
          : Math.min(o.minGenes(), size);
      if (m.found().length >= need) {
        usable.add(m);
        continue;
      }
      if (!o.skipMissing()) {
        throw new IllegalArgumentException("signature " + m.set().name() + ": " + m.found().length + " of " + size
            + " genes found in the data (needs " + need + ", --score-min-genes " + o.minGenes() + "); missing: "
            + String.join(", ", m.missing().subList(0, Math.min(10, m.missing().size())))
            + (m.missing().size() > 10 ? ", ..." : ""));
      }
      skipped.add(m.set().name());
    }
    if (!skipped.isEmpty()) {
      ctx.info("%d of %d sets have enough of their genes in the data (--score-min-genes %d and half of the set); "
          + "%d skipped, listed in uns['scores']['skipped']", usable.size(), matches.size(), o.minGenes(),
          skipped.size());
    }
    if (usable.isEmpty()) {
      throw new IllegalArgumentException("no signature has " + o.minGenes() + " of its genes in the data: "
          + "is --species right? (var names look like " + (var.nRows() == 0 ? "nothing" : var.index()[0]) + ")");
    }
    return new Scoring.Matched(usable, skipped);
  }

  /**
   * One scoring of matched sets: the plan, the columns, the contrasts and the record, in pieces
   * so that a caller streaming X block by block can score each block into the same columns.
   */
  public static final class Scoring {

    /** The sets found in the data, and those skipped. */
    public record Matched(List<GeneMatch> sets, List<String> skipped) {}

    private final Options options;
    private final Matched matched;

    public Scoring(Options options, Matched matched) {
      this.options = options;
      this.matched = matched;
    }

    public Matched matched() {
      return matched;
    }

    /** The scoring plan: controls drawn (or taken from the options) from the gene statistics. */
    public SignatureScores plan(Frame var, GeneStats stats, long seed) {
      int[][] sets = matched.sets().stream().map(GeneMatch::found).toArray(int[][]::new);
      int[][] given = options.controlGenes() == null ? null : givenControls(var);
      Options o = options;
      return new SignatureScores(var.nRows(), sets, o.methods(), stats, given, new SignatureScores.Options(
          o.ctrlSize(), o.nBins(), o.seuratNBins(), o.seuratCtrl(), o.seuratSeed(), o.maxRank(), o.aucMaxRank(),
          seed));
    }

    /** Given controls: every control gene must be found, or the score would not be the one asked for. */
    private int[][] givenControls(Frame var) {
      Map<String, GeneSet> byName = new HashMap<>();
      for (GeneSet s : options.controlGenes()) {
        byName.put(s.name(), s);
      }
      int[][] out = new int[matched.sets().size()][];
      for (int s = 0; s < out.length; s++) {
        GeneSet c = byName.get(matched.sets().get(s).set().name());
        if (c == null) {
          continue;
        }
        GeneMatch m = GeneMatch.match(List.of(c), var.index()).get(0);
        if (!m.missing().isEmpty()) {
          throw new IllegalArgumentException("--ctrl-genes " + options.controlSource() + ": set " + c.name()
              + " names " + m.missing().size() + " control gene(s) not in the data: "
              + String.join(", ", m.missing().subList(0, Math.min(10, m.missing().size()))));
        }
        out[s] = m.found();
      }
      return out;
    }

    /** Empty score columns, in output order: per set, per method. */
    public Map<String, double[]> columns(int nObs) {
      Map<String, double[]> columns = new LinkedHashMap<>();
      for (GeneMatch m : matched.sets()) {
        for (SignatureScores.Method method : options.methods()) {
          columns.put(m.set().name() + "_" + method.key(), new double[nObs]);
        }
      }
      return columns;
    }

    /** Copies the scores of cells firstRow.. (scores[set][method][cell]) into the columns. */
    public void fill(double[][][] scores, int firstRow, Map<String, double[]> columns) {
      List<SignatureScores.Method> methods = options.methods();
      for (int s = 0; s < scores.length; s++) {
        for (int m = 0; m < methods.size(); m++) {
          double[] v = scores[s][m];
          System.arraycopy(v, 0, columns.get(matched.sets().get(s).set().name() + "_" + methods.get(m).key()),
              firstRow, v.length);
        }
      }
    }

    /** Paired sets: X_UP with an X_DOWN twin also give X = UP - DOWN, per method; adds the columns. */
    public List<String> contrasts(Map<String, double[]> columns) {
      List<String> contrasts = new ArrayList<>();
      for (GeneMatch m : matched.sets()) {
        String up = m.set().name();
        if (!up.endsWith("_UP")) {
          continue;
        }
        String base = up.substring(0, up.length() - 3);
        if (matched.sets().stream().noneMatch(o -> o.set().name().equals(base + "_DOWN"))) {
          continue;
        }
        for (SignatureScores.Method method : options.methods()) {
          double[] a = columns.get(up + "_" + method.key());
          double[] b = columns.get(base + "_DOWN_" + method.key());
          double[] diff = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            diff[i] = a[i] - b[i];
          }
          columns.put(base + "_" + method.key(), diff);
        }
        contrasts.add(base);
      }
      return contrasts;
    }

    /** uns['scores']: per set the genes found, missing and renamed and the controls; the parameters. */
    public Map<String, Object> record(SignatureScores plan, String[] varNames, List<String> contrasts, long seed,
        boolean normalised) {
      Options o = options;
      Map<String, Object> record = new LinkedHashMap<>();
      for (int s = 0; s < matched.sets().size(); s++) {
        GeneMatch m = matched.sets().get(s);
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("genes_found", names(m.found(), varNames));
        one.put("genes_missing", m.missing().toArray(new String[0]));
        one.put("genes_renamed", m.renamed().toArray(new String[0]));
        for (SignatureScores.Method method : plan.methods()) {
          int[] ctrl = plan.controls(method, s);
          if (ctrl != null) {
            one.put(method == SignatureScores.Method.MODULE ? "control_genes" : "control_genes_" + method.key(),
                names(ctrl, varNames));
          }
        }
        record.put(m.set().name(), one);
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("signatures", o.signatures());
      params.put("methods", String.join(",", o.methods().stream().map(SignatureScores.Method::key).toList()));
      params.put("ctrl_size", (long) o.ctrlSize());
      params.put("n_bins", (long) o.nBins());
      params.put("seurat_n_bins", (long) o.seuratNBins());
      params.put("seurat_ctrl", (long) o.seuratCtrl());
      params.put("seurat_seed", (long) o.seuratSeed());
      params.put("ucell_max_rank", (long) plan.ucellMaxRank());
      params.put("auc_max_rank", (long) plan.aucMaxRank());
      params.put("ctrl_genes", o.controlSource());
      params.put("log_normalised_here", normalised);
      params.put("random_state", seed);
      record.put("params", params);
      record.put("skipped", matched.skipped().toArray(new String[0]));
      record.put("contrasts", contrasts.toArray(new String[0]));
      return record;
    }

    /** One line per named set with genes missing or renamed, and a closing count. */
    public void report(ToolContext ctx) {
      // Sets the user named are reported one by one; a whole library only in the summary line.
      for (GeneMatch m : options.skipMissing() ? List.<GeneMatch>of() : matched.sets()) {
        if (!m.missing().isEmpty() || !m.renamed().isEmpty()) {
          ctx.info("%s: %d of %d genes found%s", m.set().name(), m.found().length, m.set().genes().size(),
              m.renamed().isEmpty() ? "" : " (" + String.join(", ", m.renamed()) + ")");
        }
      }
      ctx.info("%d signature(s) scored by %s%s", matched.sets().size(),
          String.join(", ", options.methods().stream().map(SignatureScores.Method::key).toList()),
          matched.skipped().isEmpty() ? "" : ", " + matched.skipped().size() + " skipped");
    }
  }

  private static String[] names(int[] genes, String[] varNames) {
    String[] out = new String[genes.length];
    for (int t = 0; t < out.length; t++) {
      out[t] = varNames[genes[t]];
    }
    return out;
  }

  /** The per-group summary of every score column, as a table with one row per score and group. */
  public static Frame summary(Map<String, double[]> columns, Groups groups, double threshold, Parallel parallel) {
    String[] names = columns.keySet().toArray(new String[0]);
    double[][] values = columns.values().toArray(new double[0][]);
    List<ScoreSummary.Row> rows = ScoreSummary.of(names, values, groups, threshold, parallel);
    int n = rows.size();
    String[] score = new String[n];
    String[] group = new String[n];
    long[] size = new long[n];
    double[][] num = new double[8][n];
    for (int r = 0; r < n; r++) {
      ScoreSummary.Row x = rows.get(r);
      score[r] = x.score();
      group[r] = x.group();
      size[r] = x.n();
      double[] v = {x.mean(), x.median(), x.fractionAbove(), x.meanRest(), x.auc(), x.z(), x.pValue(), x.fdr()};
      for (int k = 0; k < v.length; k++) {
        num[k][r] = v[k];
      }
    }
    Frame f = new Frame(score);
    f.put("group", new StringColumn(group));
    f.put("n_cells", new IntColumn(size, null));
    String[] keys = {"mean", "median", "fraction_above", "mean_rest", "auc", "z", "pvalue", "fdr"};
    for (int k = 0; k < keys.length; k++) {
      f.put(keys[k], new DoubleColumn(num[k]));
    }
    return f;
  }
}
