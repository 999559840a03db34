package org.myelin.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.spatial.NicheTool;
import picocli.CommandLine.Option;

/** The nerve niche ({@link NicheTool}): {@code myelin spatial niche} and the niche step of run. */
final class SpatialNicheStep extends ToolStep<NicheTool.Options> {

  private static final NicheTool.Options DEFAULTS = NicheTool.Options.defaults("cell_type=schwann");

  SpatialNicheStep() {
    super("niche", NicheTool::run);
  }

  @Option(names = "--niche-reference", paramLabel = "SELECTION",
      description = "The reference cells: COLUMN=VALUE[,VALUE] (cell_type=schwann) or COLUMN>X (a score above a "
          + "threshold: NERVE_INJURY_NEURON_RAG_UP_module>0.3).")
  String reference;

  @Option(names = "--niche-name", paramLabel = "NAME",
      description = "Names the obs column distance_to_<NAME>_um (default: ${DEFAULT-VALUE}).")
  String referenceName = DEFAULTS.referenceName();

  @Option(names = "--niche-cells", paramLabel = "SELECTION",
      description = "Profile only these cells (cell_type=cd8_t: exhaustion of CD8 T cells with distance); default: "
          + "every cell that is not a reference cell.")
  String cells;

  @Option(names = {"--niche-scores", "--scores"}, paramLabel = "COLS",
      description = "Numeric obs columns to profile with distance: auto (the signature scores), none, or a list "
          + "(default: ${DEFAULT-VALUE}).")
  String scores = DEFAULTS.scores();

  @Option(names = "--composition-key", paramLabel = "COLUMN",
      description = "Categories whose share of all cells but the reference per band is reported: auto (cell_type, "
          + "else leiden), none, or a column "
          + "(default: ${DEFAULT-VALUE}).")
  String compositionKey = DEFAULTS.compositionKey();

  @Option(names = "--bands", paramLabel = "UM", split = ",",
      description = "Distance band edges in micrometres (default: ${DEFAULT-VALUE}).")
  List<String> bands = List.of("0", "25", "50", "100", "200", "400", "inf");

  @Option(names = "--niche-radius", paramLabel = "UM",
      description = "The perineural niche: cells within this distance, compared with the rest (default: ${DEFAULT-VALUE}).")
  double nicheRadius = DEFAULTS.nicheRadius();

  @Option(names = "--niche-perms", paramLabel = "N",
      description = "Permutations for the trend's p-value (default: ${DEFAULT-VALUE}).")
  int nPerms = DEFAULTS.nPerms();

  @Option(names = "--tumour", paramLabel = "SELECTION",
      description = "Tumour cells (cell_type=tumour_squamous): reference cells with tumour cells within "
          + "--invasion-radius are flagged in obs['pni_candidate'].")
  String tumour;

  @Option(names = "--invasion-radius", paramLabel = "UM",
      description = "Distance from a reference cell within which tumour cells count (default: ${DEFAULT-VALUE}).")
  double invasionRadius = DEFAULTS.invasionRadius();

  @Option(names = "--min-tumour", paramLabel = "N",
      description = "Tumour cells within --invasion-radius that flag a reference cell (default: ${DEFAULT-VALUE}).")
  int minTumour = DEFAULTS.minTumour();

  /** Whether --niche-reference must be given (the niche command) or its absence skips the step (run). */
  boolean referenceRequired = true;

  @Override
  public List<String> tableNames() {
    return List.of("niche_bands", "niche_trend", "niche_composition");
  }

  @Override
  public void check() {
    if (reference == null && referenceRequired) {
      throw new IllegalArgumentException("--niche-reference is required: the cells whose neighbourhood is profiled "
          + "(cell_type=schwann, or SCORE>X)");
    }
    double[] edges = new double[bands.size()];
    for (int b = 0; b < edges.length; b++) {
      String s = bands.get(b).strip().toLowerCase(Locale.ROOT);
      try {
        edges[b] = s.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid --bands: " + bands.get(b));
      }
    }
    // Without a reference (run skips the niche then) the other options are still checked.
    String ref = reference == null ? DEFAULTS.reference() : reference;
    NicheTool.Options checked = Step.options(() -> new NicheTool.Options(ref, referenceName, cells, scores, compositionKey,
        edges, nicheRadius, nPerms, tumour, invasionRadius, minTumour), Map.of("n_perms", "--niche-perms",
        "reference", "--niche-reference", "reference_name", "--niche-name", "scores", "--niche-scores"));
    options = reference == null ? null : checked;
  }

  @Override
  public String skipReason(CellData data) {
    String why = SpatialGraphStep.noCoordinates(data, Keys.OBSM_SPATIAL);
    return why != null ? why : options == null ? "no --niche-reference (the cells whose neighbourhood is profiled)"
        : null;
  }

}
