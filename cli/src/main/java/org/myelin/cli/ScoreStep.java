package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.score.AUCell;
import org.myelin.core.score.GeneMatch;
import org.myelin.core.score.GeneSet;
import org.myelin.core.score.ModuleScore;
import org.myelin.core.score.SetMean;
import org.myelin.core.score.UCell;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.io.gmt.BuiltinSignatures;
import org.myelin.io.gmt.GmtReader;
import picocli.CommandLine.Option;

/** The scoring step's options and the step, shared by {@code myelin score} and {@code myelin run}. */
final class ScoreStep {

  @Option(names = "--signatures", paramLabel = "SETS", defaultValue = "builtin",
      description = "builtin (the whole library), builtin:NAME,NAME, or a GMT file (default: ${DEFAULT-VALUE}).")
  String signatures;

  @Option(names = "--score-method", paramLabel = "METHODS", split = ",", defaultValue = "module",
      description = "module, ucell, aucell, mean or zmean, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> methods;

  @Option(names = "--species", paramLabel = "NAME", defaultValue = "auto",
      description = "human, mouse, or auto: from the case of the gene names (default: ${DEFAULT-VALUE}).")
  String species;

  /**
   * Refuse a set with fewer genes found than this (all of them for a smaller set): set by
   * {@code score --min-genes} or {@code run --score-min-genes}, since run's --min-genes is QC's.
   */
  int minGenes = 3;

  @Option(names = "--max-rank", paramLabel = "N", defaultValue = "1500",
      description = "UCell's maxRank, capped at the number of genes (default: ${DEFAULT-VALUE}).")
  int maxRank;

  @Option(names = "--auc-max-rank", paramLabel = "N", defaultValue = "0",
      description = "AUCell's aucMaxRank; 0 for 5% of the genes, as AUCell and decoupler (default: ${DEFAULT-VALUE}).")
  int aucMaxRank;

  @Option(names = "--ctrl-size", paramLabel = "N", defaultValue = "50",
      description = "Control genes drawn per expression bin (module) (default: ${DEFAULT-VALUE}).")
  int ctrlSize;

  @Option(names = "--n-bins", paramLabel = "N", defaultValue = "25",
      description = "Expression bins (module) (default: ${DEFAULT-VALUE}).")
  int nBins;

  /** Checks the options before any input is read. */
  void check() {
    for (String m : methods) {
      if (!List.of("module", "ucell", "aucell", "mean", "zmean").contains(m)) {
        throw new IllegalArgumentException("Invalid --score-method: " + m + " (module, ucell, aucell, mean or zmean)");
      }
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
    if (!signatures.equals("builtin") && !signatures.startsWith("builtin:") && !Files.isRegularFile(Path.of(signatures))) {
      throw new IllegalArgumentException("--signatures " + signatures + ": no such GMT file (or builtin, builtin:NAME,...)");
    }
  }

  /** Scores every set into obs and uns['scores']; returns the per-cell table. */
  Frame apply(CellData data, long seed, Parallel parallel, PrintWriter err) {
    List<GeneSet> sets = sets(data);
    List<GeneMatch> matches = GeneMatch.match(sets, data.var().index());
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
          + "is --species right? (var names look like " + data.var().index()[0] + ")");
    }
    matches = usable;
    // The rank-based methods sort each cell once for all sets.
    int[][] found = matches.stream().map(GeneMatch::found).toArray(int[][]::new);
    double[][] ucell = methods.contains("ucell") ? UCell.score(data.x(), found, Math.min(maxRank, data.nVars()), parallel)
        : null;
    double[][] aucell = methods.contains("aucell") ? AUCell.score(data.x(), found, aucMaxRank > 0
        ? Math.min(aucMaxRank, data.nVars()) : AUCell.defaultMaxRank(data.nVars()), seed, parallel) : null;
    double[] geneMeans = methods.contains("module") ? ModuleScore.geneMeans(data.x()) : null;
    Frame out = new Frame(data.obs().index());
    Map<String, Object> record = new LinkedHashMap<>();
    for (GeneMatch m : matches) {
      Map<String, Object> one = new LinkedHashMap<>();
      String[] names = new String[m.found().length];
      for (int t = 0; t < names.length; t++) {
        names[t] = data.var().index()[m.found()[t]];
      }
      one.put("genes_found", names);
      one.put("genes_missing", m.missing().toArray(new String[0]));
      one.put("genes_renamed", m.renamed().toArray(new String[0]));
      for (String method : methods) {
        double[] s;
        if (method.equals("module")) {
          ModuleScore.Result r = ModuleScore.score(data.x(), m.found(), geneMeans, ctrlSize, nBins, seed);
          s = r.scores();
          String[] ctrl = new String[r.controls().length];
          for (int t = 0; t < ctrl.length; t++) {
            ctrl[t] = data.var().index()[r.controls()[t]];
          }
          one.put("control_genes", ctrl);
        } else {
          s = switch (method) {
            case "mean" -> SetMean.mean(data.x(), m.found());
            case "zmean" -> SetMean.zmean(data.x(), m.found());
            case "aucell" -> aucell[matches.indexOf(m)];
            default -> ucell[matches.indexOf(m)];
          };
        }
        String col = m.set().name() + "_" + method;
        data.obs().put(col, new DoubleColumn(s));
        out.put(col, new DoubleColumn(s.clone()));
      }
      record.put(m.set().name(), one);
      if (!m.missing().isEmpty() || !m.renamed().isEmpty()) {
        err.printf("myelin score: %s: %d of %d genes found%s%n", m.set().name(), m.found().length,
            m.set().genes().size(), m.renamed().isEmpty() ? "" : " (" + String.join(", ", m.renamed()) + ")");
      }
    }
    // Paired sets: X_UP with an X_DOWN twin also give X = UP - DOWN, per method.
    List<String> contrasts = new ArrayList<>();
    for (GeneMatch m : matches) {
      String up = m.set().name();
      if (!up.endsWith("_UP")) {
        continue;
      }
      String base = up.substring(0, up.length() - 3);
      if (matches.stream().noneMatch(o -> o.set().name().equals(base + "_DOWN"))) {
        continue;
      }
      for (String method : methods) {
        double[] a = ((DoubleColumn) data.obs().get(up + "_" + method)).values();
        double[] b = ((DoubleColumn) data.obs().get(base + "_DOWN_" + method)).values();
        double[] diff = new double[a.length];
        for (int i = 0; i < a.length; i++) {
          diff[i] = a[i] - b[i];
        }
        data.obs().put(base + "_" + method, new DoubleColumn(diff));
        out.put(base + "_" + method, new DoubleColumn(diff.clone()));
      }
      contrasts.add(base);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("signatures", signatures);
    params.put("methods", String.join(",", methods));
    params.put("ctrl_size", (long) ctrlSize);
    params.put("n_bins", (long) nBins);
    params.put("random_state", seed);
    record.put("params", params);
    record.put("skipped", skipped.toArray(new String[0]));
    record.put("contrasts", contrasts.toArray(new String[0]));
    err.printf("myelin score: %d signature(s) scored by %s%s%n", matches.size(), String.join(", ", methods),
        skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped");
    data.uns().put("scores", record);
    return out;
  }

  private List<GeneSet> sets(CellData data) {
    if (!signatures.startsWith("builtin")) {
      return GmtReader.read(Path.of(signatures));
    }
    List<GeneSet> library = BuiltinSignatures.load(species(data));
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

  /** The species asked for, or the one whose gene case the var names follow (mouse: Gapdh, human: GAPDH). */
  private BuiltinSignatures.Species species(CellData data) {
    return switch (species.toLowerCase(Locale.ROOT)) {
      case "human" -> BuiltinSignatures.Species.HUMAN;
      case "mouse" -> BuiltinSignatures.Species.MOUSE;
      case "auto" -> {
        long upper = 0;
        long mixed = 0;
        for (String g : data.var().index()) {
          if (g.length() > 1 && Character.isLetter(g.charAt(0))) {
            String rest = g.substring(1);
            if (rest.equals(rest.toUpperCase(Locale.ROOT)) && !rest.equals(rest.toLowerCase(Locale.ROOT))) {
              upper++;
            } else if (rest.equals(rest.toLowerCase(Locale.ROOT)) && !rest.equals(rest.toUpperCase(Locale.ROOT))) {
              mixed++;
            }
          }
        }
        yield mixed > upper ? BuiltinSignatures.Species.MOUSE : BuiltinSignatures.Species.HUMAN;
      }
      default -> throw new IllegalArgumentException("Invalid --species: " + species + " (human, mouse or auto)");
    };
  }
}
