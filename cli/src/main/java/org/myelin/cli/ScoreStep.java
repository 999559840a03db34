package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Normalize;
import org.myelin.core.score.GeneMatch;
import org.myelin.core.score.GeneSet;
import org.myelin.core.score.GeneStats;
import org.myelin.core.score.ScoreSummary;
import org.myelin.core.score.SignatureScores;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;
import org.myelin.io.Counts;
import org.myelin.io.gmt.BuiltinSignatures;
import org.myelin.io.gmt.GmtReader;
import picocli.CommandLine.Option;

/** The scoring step's options and the step, shared by {@code myelin score} and {@code myelin run}. */
final class ScoreStep {

  /** var columns that may hold other names of the genes (ids or symbols), searched after var names. */
  static final List<String> GENE_NAME_COLUMNS = List.of("gene_ids", "gene_id", "gene_symbols", "gene_symbol",
      "feature_name", "gene_name", "symbol", "ensembl_id", "feature_id");

  @Option(names = "--signatures", paramLabel = "SETS", defaultValue = "builtin",
      description = "builtin (the whole library), builtin:NAME,NAME, or a GMT file (default: ${DEFAULT-VALUE}).")
  String signatures;

  @Option(names = "--score-method", paramLabel = "METHODS", split = ",", defaultValue = "module",
      description = "module, seurat, ucell, aucell, mean or zmean, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> methods;

  @Option(names = "--species", paramLabel = "NAME", defaultValue = "auto",
      description = "human, mouse, or auto: from the case of the gene names (default: ${DEFAULT-VALUE}).")
  String species;

  /**
   * Refuse a set with fewer genes found than this (all of them for a smaller set): set by
   * {@code score --min-genes} or {@code run --score-min-genes}, since run's --min-genes is QC's.
   */
  int minGenes = 3;

  /** The obs column to summarise scores by, or null: {@code score --groupby}, or run's markers grouping. */
  String groupby;

  @Option(names = "--max-rank", paramLabel = "N", defaultValue = "1500",
      description = "UCell's maxRank, capped at the number of genes (default: ${DEFAULT-VALUE}).")
  int maxRank;

  @Option(names = "--auc-max-rank", paramLabel = "N", defaultValue = "0",
      description = "AUCell's aucMaxRank; 0 for 5% of the genes, as AUCell and decoupler (default: ${DEFAULT-VALUE}).")
  int aucMaxRank;

  @Option(names = "--ctrl-size", paramLabel = "N", defaultValue = "50",
      description = "module: control genes drawn per expression bin, as scanpy (default: ${DEFAULT-VALUE}).")
  int ctrlSize;

  @Option(names = "--n-bins", paramLabel = "N", defaultValue = "25",
      description = "module: expression bins, as scanpy (default: ${DEFAULT-VALUE}).")
  int nBins;

  @Option(names = "--seurat-n-bins", paramLabel = "N", defaultValue = "24",
      description = "seurat: expression bins, as AddModuleScore's nbin (default: ${DEFAULT-VALUE}).")
  int seuratNBins;

  @Option(names = "--seurat-ctrl", paramLabel = "N", defaultValue = "100",
      description = "seurat: control genes drawn per gene of the set, as AddModuleScore's ctrl (default: ${DEFAULT-VALUE}).")
  int seuratCtrl;

  @Option(names = "--seurat-seed", paramLabel = "N", defaultValue = "1",
      description = "seurat: R's set.seed value, as AddModuleScore's seed (default: ${DEFAULT-VALUE}).")
  int seuratSeed;

  @Option(names = "--ctrl-genes", paramLabel = "GMT",
      description = "Control genes per set (a GMT file: set name, description, genes) for module and seurat, "
          + "instead of drawing them: to reproduce another tool's scores exactly.")
  Path ctrlGenes;

  @Option(names = "--score-threshold", paramLabel = "X", defaultValue = "0",
      description = "Summary: report the fraction of each group's cells scoring above this (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--normalize", paramLabel = "WHEN", defaultValue = "auto",
      description = "Log-normalise X before scoring (normalize_total to 1e4, log1p): yes, no, or auto, when X holds "
          + "whole numbers only (raw counts) (default: ${DEFAULT-VALUE}).")
  String normalize;

  /** Checks the options before any input is read. */
  void check() {
    for (String m : methods) {
      SignatureScores.Method.of(m);
    }
    if (methods.stream().distinct().count() != methods.size()) {
      throw new IllegalArgumentException("Invalid --score-method: a method is named twice in " + methods);
    }
    if (aucMaxRank < 0) {
      throw new IllegalArgumentException("Invalid --auc-max-rank: " + aucMaxRank);
    }
    if (maxRank < 1) {
      throw new IllegalArgumentException("Invalid --max-rank: " + maxRank);
    }
    if (minGenes < 1) {
      throw new IllegalArgumentException("Invalid --min-genes: " + minGenes);
    }
    if (ctrlSize < 1 || nBins < 2) {
      throw new IllegalArgumentException("Invalid --ctrl-size " + ctrlSize + " or --n-bins " + nBins);
    }
    if (seuratCtrl < 1 || seuratNBins < 1) {
      throw new IllegalArgumentException("Invalid --seurat-ctrl " + seuratCtrl + " or --seurat-n-bins " + seuratNBins);
    }
    if (!List.of("auto", "yes", "no").contains(normalize)) {
      throw new IllegalArgumentException("Invalid --normalize: " + normalize + " (auto, yes or no)");
    }
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("Invalid --score-threshold: " + threshold);
    }
    if (!signatures.equals("builtin") && !signatures.startsWith("builtin:") && !Files.isRegularFile(Path.of(signatures))) {
      throw new IllegalArgumentException("--signatures " + signatures + ": no such GMT file (or builtin, builtin:NAME,...)");
    }
    if (ctrlGenes != null && !Files.isRegularFile(ctrlGenes)) {
      throw new IllegalArgumentException("--ctrl-genes " + ctrlGenes + ": no such GMT file");
    }
  }

  List<SignatureScores.Method> methodList() {
    return methods.stream().map(SignatureScores.Method::of).toList();
  }

  /** What scoring gives: per-cell scores (one column per set and method) and the per-group summary. */
  record Output(Frame perCell, Frame summary) {}

  /** Scores every set into obs and uns['scores'] (and uns['score_summary'] when grouped). */
  Output apply(CellData data, long seed, Parallel parallel, PrintWriter err) {
    boolean normalise = switch (normalize) {
      case "yes" -> true;
      case "no" -> false;
      default -> Counts.isIntegral(data.x());
    };
    Groups groups = groupby == null ? null : Groups.of(data.obs(), groupby, "score summary (--groupby)");
    Matched matched = match(data.var(), err);
    CsrMatrix x = data.x();
    if (normalise) {
      err.println("myelin score: X holds counts: scoring log-normalised values (normalize_total 1e4, log1p; X kept)");
      x = Normalize.logNormalized(x, 1e4, parallel);
    }
    List<SignatureScores.Method> methods = methodList();
    GeneStats stats = methods.stream().anyMatch(SignatureScores.Method::needsGeneStats) ? GeneStats.of(x) : null;
    SignatureScores plan = plan(matched, data.var(), stats, seed);
    Map<String, double[]> columns = columns(matched, data.nObs());
    fill(plan.score(x, 0, parallel), 0, matched, columns);
    List<String> contrasts = contrasts(matched, columns);
    Frame out = new Frame(data.obs().index());
    for (Map.Entry<String, double[]> c : columns.entrySet()) {
      data.obs().put(c.getKey(), new DoubleColumn(c.getValue()));
      out.put(c.getKey(), new DoubleColumn(c.getValue().clone()));
    }
    data.uns().put("scores", record(matched, plan, data.var().index(), contrasts, seed, normalise));
    Frame summary = groups == null ? null : summary(columns, groups);
    if (summary != null) {
      data.uns().put("score_summary", summary);
    }
    report(matched, err);
    return new Output(out, summary);
  }

  /** The sets found in the data, and those skipped. */
  record Matched(List<GeneMatch> sets, List<String> skipped) {}

  Matched match(Frame var, PrintWriter err) {
    List<GeneSet> sets = sets(var.index());
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
    List<GeneMatch> matches = GeneMatch.match(sets, var.index(), other);
    // Sets named by the user are refused when too few of their genes are found; the whole built-in
    // library, scored by default, skips those sets instead (and says so), since a panel or a
    // mouse-only dataset rarely holds every set.
    boolean wholeLibrary = signatures.equals("builtin");
    List<GeneMatch> usable = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (GeneMatch m : matches) {
      // A set smaller than --min-genes needs all its genes.
      int need = Math.min(minGenes, m.set().genes().size());
      if (m.found().length >= need) {
        usable.add(m);
        continue;
      }
      String why = "signature " + m.set().name() + ": " + m.found().length + " of " + m.set().genes().size()
          + " genes found in the data (needs " + need + ", --min-genes " + minGenes + "); missing: "
          + String.join(", ", m.missing().subList(0, Math.min(10, m.missing().size())))
          + (m.missing().size() > 10 ? ", ..." : "");
      if (!wholeLibrary) {
        throw new IllegalArgumentException(why);
      }
      err.println("myelin score: skipped " + why);
      skipped.add(m.set().name());
    }
    if (usable.isEmpty()) {
      throw new IllegalArgumentException("no built-in signature has " + minGenes + " of its genes in the data: "
          + "is --species right? (var names look like " + var.index()[0] + ")");
    }
    return new Matched(usable, skipped);
  }

  /** The scoring plan: controls drawn (or read from --ctrl-genes) from the gene statistics. */
  SignatureScores plan(Matched matched, Frame var, GeneStats stats, long seed) {
    int[][] sets = matched.sets().stream().map(GeneMatch::found).toArray(int[][]::new);
    int[][] given = ctrlGenes == null ? null : givenControls(matched, var);
    return new SignatureScores(var.nRows(), sets, methodList(), stats, given, new SignatureScores.Options(ctrlSize,
        nBins, seuratNBins, seuratCtrl, seuratSeed, maxRank, aucMaxRank, seed));
  }

  /** --ctrl-genes: every control gene must be found, or the score would not be the one asked for. */
  private int[][] givenControls(Matched matched, Frame var) {
    Map<String, GeneSet> byName = new HashMap<>();
    for (GeneSet s : GmtReader.read(ctrlGenes)) {
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
        throw new IllegalArgumentException("--ctrl-genes " + ctrlGenes + ": set " + c.name() + " names "
            + m.missing().size() + " control gene(s) not in the data: "
            + String.join(", ", m.missing().subList(0, Math.min(10, m.missing().size()))));
      }
      out[s] = m.found();
    }
    return out;
  }

  /** Empty score columns, in output order: per set, per method. */
  Map<String, double[]> columns(Matched matched, int nObs) {
    Map<String, double[]> columns = new LinkedHashMap<>();
    for (GeneMatch m : matched.sets()) {
      for (String method : methods) {
        columns.put(m.set().name() + "_" + method, new double[nObs]);
      }
    }
    return columns;
  }

  /** Copies the scores of cells firstRow.. (scores[set][method][cell]) into the columns. */
  void fill(double[][][] scores, int firstRow, Matched matched, Map<String, double[]> columns) {
    for (int s = 0; s < scores.length; s++) {
      for (int m = 0; m < methods.size(); m++) {
        double[] v = scores[s][m];
        System.arraycopy(v, 0, columns.get(matched.sets().get(s).set().name() + "_" + methods.get(m)), firstRow,
            v.length);
      }
    }
  }

  /** Paired sets: X_UP with an X_DOWN twin also give X = UP - DOWN, per method; adds the columns. */
  List<String> contrasts(Matched matched, Map<String, double[]> columns) {
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
      for (String method : methods) {
        double[] a = columns.get(up + "_" + method);
        double[] b = columns.get(base + "_DOWN_" + method);
        double[] diff = new double[a.length];
        for (int i = 0; i < a.length; i++) {
          diff[i] = a[i] - b[i];
        }
        columns.put(base + "_" + method, diff);
      }
      contrasts.add(base);
    }
    return contrasts;
  }

  /** uns['scores']: per set the genes found, missing and renamed and the controls; the parameters. */
  Map<String, Object> record(Matched matched, SignatureScores plan, String[] varNames, List<String> contrasts,
      long seed, boolean normalised) {
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
    params.put("signatures", signatures);
    params.put("methods", String.join(",", methods));
    params.put("ctrl_size", (long) ctrlSize);
    params.put("n_bins", (long) nBins);
    params.put("seurat_n_bins", (long) seuratNBins);
    params.put("seurat_ctrl", (long) seuratCtrl);
    params.put("seurat_seed", (long) seuratSeed);
    params.put("ucell_max_rank", (long) plan.ucellMaxRank());
    params.put("auc_max_rank", (long) plan.aucMaxRank());
    params.put("ctrl_genes", ctrlGenes == null ? "" : ctrlGenes.toString());
    params.put("log_normalised_here", normalised);
    params.put("random_state", seed);
    record.put("params", params);
    record.put("skipped", matched.skipped().toArray(new String[0]));
    record.put("contrasts", contrasts.toArray(new String[0]));
    return record;
  }

  private static String[] names(int[] genes, String[] varNames) {
    String[] out = new String[genes.length];
    for (int t = 0; t < out.length; t++) {
      out[t] = varNames[genes[t]];
    }
    return out;
  }

  /** The per-group summary of every score column, as a table with one row per score and group. */
  Frame summary(Map<String, double[]> columns, Groups groups) {
    String[] names = columns.keySet().toArray(new String[0]);
    double[][] values = columns.values().toArray(new double[0][]);
    List<ScoreSummary.Row> rows = ScoreSummary.of(names, values, groups, threshold);
    int n = rows.size();
    String[] score = new String[n];
    String[] group = new String[n];
    long[] size = new long[n];
    double[][] num = new double[9][n];
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

  void report(Matched matched, PrintWriter err) {
    for (GeneMatch m : matched.sets()) {
      if (!m.missing().isEmpty() || !m.renamed().isEmpty()) {
        err.printf("myelin score: %s: %d of %d genes found%s%n", m.set().name(), m.found().length,
            m.set().genes().size(), m.renamed().isEmpty() ? "" : " (" + String.join(", ", m.renamed()) + ")");
      }
    }
    err.printf("myelin score: %d signature(s) scored by %s%s%n", matched.sets().size(), String.join(", ", methods),
        matched.skipped().isEmpty() ? "" : ", " + matched.skipped().size() + " skipped");
  }

  private List<GeneSet> sets(String[] varNames) {
    if (!signatures.startsWith("builtin")) {
      return GmtReader.read(Path.of(signatures));
    }
    List<GeneSet> library = BuiltinSignatures.load(species(varNames));
    if (signatures.equals("builtin")) {
      return library;
    }
    List<GeneSet> picked = new ArrayList<>();
    for (String name : signatures.substring("builtin:".length()).split(",")) {
      GeneSet s = library.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("no built-in signature " + name + " (run 'myelin signatures' for the list)"));
      picked.add(s);
    }
    return picked;
  }

  /**
   * The species asked for, or the one the var names tell: Ensembl ids by their prefix (ENSMUSG,
   * ENSG), symbols by their case (mouse: Gapdh, human: GAPDH).
   */
  private BuiltinSignatures.Species species(String[] varNames) {
    return switch (species.toLowerCase(Locale.ROOT)) {
      case "human" -> BuiltinSignatures.Species.HUMAN;
      case "mouse" -> BuiltinSignatures.Species.MOUSE;
      case "auto" -> {
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
          // Ensembl ids as var names: their prefix says the species.
          yield mouseIds > humanIds ? BuiltinSignatures.Species.MOUSE : BuiltinSignatures.Species.HUMAN;
        }
        yield mixed > upper ? BuiltinSignatures.Species.MOUSE : BuiltinSignatures.Species.HUMAN;
      }
      default -> throw new IllegalArgumentException("Invalid --species: " + species + " (human, mouse or auto)");
    };
  }
}
