package org.myelin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.myelin.core.annotate.AnnotateTool;
import org.myelin.core.annotate.CellTypes;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.score.GeneSet;
import org.myelin.core.score.ScoreTool;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;
import org.myelin.io.gmt.BuiltinSignatures;
import org.myelin.io.gmt.GmtReader;
import picocli.CommandLine.Option;

/** Cell-type annotation ({@link AnnotateTool}): {@code myelin annotate} and the annotate step of run. */
final class AnnotateStep extends ToolStep<AnnotateTool.Options> implements GroupedStep {

  private static final AnnotateTool.Options DEFAULTS = AnnotateTool.Options.defaults(List.of());

  /** The clusters labelled, shared with the other steps of the command that declares them. */
  Grouping grouping = new Grouping();

  @Option(names = "--markers", paramLabel = "GMT",
      description = "Marker sets, one per cell type (the set's name is the label), instead of the built-in types "
          + "(the CELLTYPE_* sets of the library).")
  Path markers;

  @Option(names = "--annotation-key", paramLabel = "COLUMN",
      description = "obs column of the labels; default cell_type, or cell_type_annotated when obs already has a "
          + "cell_type column (which is kept).")
  String key;

  @Option(names = "--min-type-score", paramLabel = "Z",
      description = "A cell whose best type scores below this (its markers' summed z over the root of their number) is unassigned (default: "
          + "${DEFAULT-VALUE}).")
  double minScore = DEFAULTS.minScore();

  @Option(names = "--min-type-margin", paramLabel = "Z",
      description = "A cell whose best type leads the next by less than this is unassigned (default: ${DEFAULT-VALUE}).")
  double minMargin = DEFAULTS.minMargin();

  @Option(names = "--no-smooth", description = "Score each cell alone, not averaged over its graph neighbours.")
  boolean noSmooth = !DEFAULTS.smooth();

  private List<GeneSet> fileSets;

  AnnotateStep() {
    super("annotate", AnnotateTool::run);
  }

  @Override
  public void grouping(Grouping g) {
    grouping = g;
  }

  @Override
  public List<String> tableNames() {
    return List.of(AnnotateTool.TABLE);
  }

  @Override
  public void check() {
    if (markers != null && !Files.isRegularFile(markers)) {
      throw new IllegalArgumentException("--markers " + markers + ": no such GMT file");
    }
    fileSets = markers == null ? null : GmtReader.read(markers);
    options = Step.options(() -> new AnnotateTool.Options(CellTypes.BUILTIN, List.of(), grouping.column, !noSmooth,
        minScore, minMargin, key == null ? Keys.OBS_CELL_TYPE : key), Map.of("min_score", "--min-type-score",
        "min_margin", "--min-type-margin", "key_added", "--annotation-key"));
  }

  /** In run: the step is skipped when the data holds the markers of fewer than two types. */
  @Override
  public String skipReason(CellData data) {
    int usable = AnnotateTool.usableTypes(optionsFor(data, Keys.OBS_CELL_TYPE), data.var().index()).size();
    return usable >= 2 ? null : "the data holds the markers of " + usable + " cell type(s) (" + data.nVars()
        + " genes); annotation needs two at least";
  }

  @Override
  public ToolResult apply(CellData data, ToolContext ctx) {
    String column = key != null ? key
        : data.obs().has(Keys.OBS_CELL_TYPE) ? Keys.OBS_CELL_TYPE + "_annotated" : Keys.OBS_CELL_TYPE;
    if (key == null && !column.equals(Keys.OBS_CELL_TYPE)) {
      ctx.info("obs already has cell_type: kept; the annotation goes to %s", column);
    }
    return AnnotateTool.run(data, optionsFor(data, column), ctx);
  }

  /** The options for this data: the marker sets in its species (or --markers), its clusters when it has them. */
  private AnnotateTool.Options optionsFor(CellData data, String column) {
    List<GeneSet> sets;
    List<CellTypes.Type> types;
    if (fileSets != null) {
      sets = fileSets;
      types = CellTypes.oneTypePerSet(fileSets.stream().map(GeneSet::name).toList());
    } else {
      boolean mouse = ScoreTool.looksMouse(data.var().index()); // the species the gene names tell
      sets = BuiltinSignatures.cellTypeMarkers(mouse ? BuiltinSignatures.Species.MOUSE
          : BuiltinSignatures.Species.HUMAN);
      types = CellTypes.BUILTIN;
    }
    String groups = data.obs().has(grouping.column) ? grouping.column : null;
    return new AnnotateTool.Options(types, sets, groups, options.smooth(), options.minScore(), options.minMargin(),
        column);
  }
}
