package org.myelin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.score.GeneSet;
import org.myelin.core.score.ScoreTool;
import org.myelin.core.score.SignatureScores;
import org.myelin.core.table.Frame;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;
import org.myelin.io.gmt.BuiltinSignatures;
import org.myelin.io.gmt.GmtReader;
import picocli.CommandLine.Option;

/** Signature scores ({@link ScoreTool}): {@code myelin score} and the score step of run. */
final class ScoreStep extends ToolStep<ScoreTool.Options> implements GroupedStep {

  private static final ScoreTool.Options DEFAULTS = ScoreTool.Options.defaults(List.of());

  ScoreStep() {
    super("score", ScoreTool::run); // check() makes the options without the sets, which need the data
  }

  /** The grouping of the summary, shared with the other steps of the command that declares it. */
  Grouping grouping = new Grouping();

  /** Whether the grouping must exist (given on the command line) or is used only when obs has it. */
  boolean groupingRequired;

  @Option(names = "--signatures", paramLabel = "SETS",
      description = "builtin (the whole library), builtin:NAME,NAME, or a GMT file (default: ${DEFAULT-VALUE}).")
  String signatures = "builtin";

  @Option(names = "--score-method", paramLabel = "METHODS", split = ",",
      description = "module, seurat, ucell, aucell, mean or zmean, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> methods = DEFAULTS.methods().stream().map(SignatureScores.Method::key).toList();

  @Option(names = "--species", paramLabel = "NAME",
      description = "human, mouse, or auto: from the case of the gene names (default: ${DEFAULT-VALUE}).")
  String species = "auto";

  @Option(names = "--score-min-genes", paramLabel = "N",
      description = "Refuse a named set with fewer genes found than this (all of them for a smaller set); the whole "
          + "built-in library skips such sets instead (default: ${DEFAULT-VALUE}).")
  int minGenes = DEFAULTS.minGenes();

  @Option(names = "--max-rank", paramLabel = "N",
      description = "UCell's maxRank, capped at the number of genes (default: ${DEFAULT-VALUE}).")
  int maxRank = DEFAULTS.maxRank();

  @Option(names = "--auc-max-rank", paramLabel = "N",
      description = "AUCell's aucMaxRank; 0 for 5 percent of the genes, as AUCell and decoupler (default: ${DEFAULT-VALUE}).")
  int aucMaxRank = DEFAULTS.aucMaxRank();

  @Option(names = "--ctrl-size", paramLabel = "N",
      description = "module: control genes drawn per expression bin, as scanpy (default: ${DEFAULT-VALUE}).")
  int ctrlSize = DEFAULTS.ctrlSize();

  @Option(names = "--n-bins", paramLabel = "N", description = "module: expression bins, as scanpy (default: ${DEFAULT-VALUE}).")
  int nBins = DEFAULTS.nBins();

  @Option(names = "--seurat-n-bins", paramLabel = "N",
      description = "seurat: expression bins, as AddModuleScore's nbin (default: ${DEFAULT-VALUE}).")
  int seuratNBins = DEFAULTS.seuratNBins();

  @Option(names = "--seurat-ctrl", paramLabel = "N",
      description = "seurat: control genes drawn per gene of the set, as AddModuleScore's ctrl (default: ${DEFAULT-VALUE}).")
  int seuratCtrl = DEFAULTS.seuratCtrl();

  @Option(names = "--seurat-seed", paramLabel = "N",
      description = "seurat: R's set.seed value, as AddModuleScore's seed (default: ${DEFAULT-VALUE}).")
  int seuratSeed = DEFAULTS.seuratSeed();

  @Option(names = "--ctrl-genes", paramLabel = "GMT",
      description = "Control genes per set (a GMT file: set name, description, genes) for module and seurat, "
          + "instead of drawing them: to reproduce another tool's scores exactly.")
  Path ctrlGenes;

  @Option(names = "--score-threshold", paramLabel = "X",
      description = "Summary: report the fraction of each group's cells scoring above this (default: ${DEFAULT-VALUE}).")
  double threshold = DEFAULTS.scoreThreshold();

  @Option(names = "--normalize", paramLabel = "WHEN",
      description = "Log-normalise X before scoring (normalize_total to 1e4, log1p): yes, no, or auto, when X holds "
          + "whole numbers only (raw counts) (default: ${DEFAULT-VALUE}).")
  String normalize = DEFAULTS.normalize().name().toLowerCase(Locale.ROOT);

  /** The sets of a GMT file, read when the options are checked. */
  private List<GeneSet> fileSets;

  @Override
  public void grouping(Grouping g) {
    grouping = g;
  }

  @Override
  public List<String> tableNames() {
    return List.of(ScoreTool.TABLE_SCORES, ScoreTool.TABLE_SUMMARY);
  }

  @Override
  public void check() {
    List<SignatureScores.Method> list = new ArrayList<>();
    for (String m : methods) {
      try {
        list.add(SignatureScores.Method.valueOf(m.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid --score-method: " + m
            + " (module, seurat, ucell, aucell, mean or zmean)");
      }
    }
    ScoreTool.Normalise norm = Step.choice(ScoreTool.Normalise.class, normalize, "--normalize");
    if (!List.of("auto", "human", "mouse").contains(species.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("Invalid --species: " + species + " (human, mouse or auto)");
    }
    fileSets = null;
    if (!signatures.equals("builtin") && !signatures.startsWith("builtin:")) {
      if (!Files.isRegularFile(Path.of(signatures))) {
        throw new IllegalArgumentException("--signatures " + signatures + ": no such GMT file (or builtin, "
            + "builtin:NAME,...)");
      }
      fileSets = GmtReader.read(Path.of(signatures));
    }
    if (ctrlGenes != null && !Files.isRegularFile(ctrlGenes)) {
      throw new IllegalArgumentException("--ctrl-genes " + ctrlGenes + ": no such GMT file");
    }
    List<GeneSet> controls = ctrlGenes == null ? null : GmtReader.read(ctrlGenes);
    options = Step.options(() -> new ScoreTool.Options(List.of(), signatures.equals("builtin"), list, minGenes, null,
        maxRank, aucMaxRank, ctrlSize, nBins, seuratNBins, seuratCtrl, seuratSeed, controls, threshold, norm,
        signatures, ctrlGenes == null ? "" : ctrlGenes.toString()), Map.of("score_method", "--score-method"));
  }

  /** The options for this data: the sets (the built-in library in the data's species) and the grouping. */
  ScoreTool.Options options(CellData data) {
    String group = grouping.column;
    if (!groupingRequired && group != null && !data.obs().has(group)) {
      group = null;
    }
    return options.withGeneSets(sets(data.var().index()), signatures.equals("builtin"), signatures)
        .withGroupby(group);
  }

  /** The options for a streamed file, which has var but no obs. */
  ScoreTool.Options options(Frame var) {
    return options.withGeneSets(sets(var.index()), signatures.equals("builtin"), signatures).withGroupby(null);
  }

  /** In run: the built-in library is skipped, not refused, when none of its sets fits the data. */
  @Override
  public String skipReason(CellData data) {
    if (!signatures.equals("builtin")) {
      return null;
    }
    try (org.myelin.core.parallel.Parallel one = new org.myelin.core.parallel.Parallel(1)) {
      ScoreTool.match(options(data), data.var(), ToolContext.quiet(one, 0));
      return null;
    } catch (IllegalArgumentException e) {
      return "no signature of the library has enough of its genes in the data (" + data.nVars() + " genes)";
    }
  }

  @Override
  public ToolResult apply(CellData data, ToolContext ctx) {
    try {
      return ScoreTool.run(data, options(data), ctx);
    } catch (IllegalArgumentException e) {
      // A set of the user's GMT file that the data cannot score: say which file it came from.
      if (fileSets != null && e.getMessage() != null && e.getMessage().startsWith("signature ")) {
        throw new IllegalArgumentException(signatures + ": " + e.getMessage(), e);
      }
      throw e;
    }
  }

  private List<GeneSet> sets(String[] varNames) {
    if (fileSets != null) {
      return fileSets;
    }
    BuiltinSignatures.Species sp = switch (species.toLowerCase(Locale.ROOT)) {
      case "human" -> BuiltinSignatures.Species.HUMAN;
      case "mouse" -> BuiltinSignatures.Species.MOUSE;
      default -> ScoreTool.looksMouse(varNames) ? BuiltinSignatures.Species.MOUSE : BuiltinSignatures.Species.HUMAN;
    };
    List<GeneSet> library = BuiltinSignatures.load(sp);
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
}
