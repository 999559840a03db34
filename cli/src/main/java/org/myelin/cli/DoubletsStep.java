package org.myelin.cli;

import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.doublet.Scrublet;
import org.myelin.core.doublet.ScrubletTool;
import org.myelin.core.pp.Modality;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;
import picocli.CommandLine.Option;

/**
 * Doublets by Scrublet ({@link ScrubletTool}): {@code myelin doublets} and the doublets step of run,
 * on by default for droplet data only: spots and in-situ cells do not form doublets that way.
 */
final class DoubletsStep extends ToolStep<ScrubletTool.Options> {

  private static final Scrublet.Options DEFAULTS = Scrublet.Options.defaults();

  /** When run looks for doublets. */
  enum When { AUTO, YES, NO }

  DoubletsStep() {
    super("doublets", ScrubletTool::run);
  }

  @Option(names = "--doublets", paramLabel = "WHEN",
      description = "In run: find doublets yes, no, or auto = for droplet scRNA-seq, not for Visium spots or in-situ "
          + "panels (default: ${DEFAULT-VALUE}).")
  String when = "auto";

  @Option(names = "--remove-doublets", description = "Drop the cells called doublets (obs['predicted_doublet']).")
  boolean remove;

  @Option(names = "--expected-doublet-rate", paramLabel = "R",
      description = "The doublet rate expected of the experiment (default: ${DEFAULT-VALUE}, as scrublet).")
  double expectedRate = DEFAULTS.expectedDoubletRate();

  @Option(names = "--sim-doublet-ratio", paramLabel = "R",
      description = "Doublets simulated per cell (default: ${DEFAULT-VALUE}).")
  double simRatio = DEFAULTS.simDoubletRatio();

  @Option(names = "--doublet-threshold", paramLabel = "S",
      description = "Call doublets above this score (default: at the minimum between the two modes of the simulated "
          + "doublets' scores, as scrublet).")
  Double threshold;

  @Option(names = "--sample-key", paramLabel = "COLUMN",
      description = "obs column of the samples (each droplet run), each scored on its own (default: obs['sample'] "
          + "when there is one, as 'myelin concat' labels the cells, else all cells together).")
  String sampleKey;

  private When mode = When.AUTO;

  @Override
  public boolean changesMatrices() {
    return remove;
  }

  /** Below these, run does not look for doublets unless told: too few cells to simulate from, too few genes to embed. */
  static final int MIN_CELLS = 100;
  static final int MIN_GENES = 500;

  @Override
  public String skipReason(CellData data) {
    if (mode == When.NO) {
      return "--doublets no";
    }
    if (!data.layers().containsKey(Keys.LAYER_COUNTS) && NormalizeStep.alreadyNormalised(data) != null) {
      return NormalizeStep.alreadyNormalised(data) + "; Scrublet needs raw counts";
    }
    if (mode == When.YES) {
      return null;
    }
    if (data.nObs() < MIN_CELLS || data.nVars() < MIN_GENES) {
      return data.nObs() + " cells and " + data.nVars() + " genes: too few for Scrublet (" + MIN_CELLS + " cells and "
          + MIN_GENES + " genes at least; --doublets yes to try)";
    }
    int largest = largestSample(data);
    if (largest > MAX_SAMPLE_CELLS) {
      return "a sample of " + largest + " cells: Scrublet scores each droplet run on its own (a 10x channel holds up "
          + "to about 20,000 cells), and its exact neighbour search grows with the square of a sample's cells; give "
          + "--sample-key, or --doublets yes to score it whole";
    }
    Object recorded = data.uns().get(Keys.UNS_MODALITY);
    String modality = recorded instanceof Map<?, ?> m && m.get("modality") != null ? m.get("modality").toString()
        : Modality.detect(data).modality().key();
    return modality.equals(Modality.SCRNA.key()) ? null
        : modality + " data: spots and in-situ cells do not form droplet doublets (--doublets yes to look anyway)";
  }

  /** In run's auto mode, samples above this many cells are not scored unless told. */
  static final int MAX_SAMPLE_CELLS = 30_000;

  private String sampleKey(CellData data) {
    return sampleKey != null ? sampleKey : data.obs().has(Keys.OBS_SAMPLE) ? Keys.OBS_SAMPLE : null;
  }

  private int largestSample(CellData data) {
    String key = sampleKey(data);
    if (key == null || !data.obs().has(key)) {
      return data.nObs();
    }
    return java.util.Arrays.stream(org.myelin.core.table.Groups.of(data.obs(), key, "samples").sizes()).max().orElse(0);
  }

  @Override
  public ToolResult apply(CellData data, ToolContext ctx) {
    return ScrubletTool.run(data, new ScrubletTool.Options(sampleKey(data), options.removeDoublets(),
        options.scrublet()), ctx);
  }

  @Override
  public void check() {
    mode = Step.choice(When.class, when, "--doublets");
    options = Step.options(() -> new ScrubletTool.Options(sampleKey, remove,
        new Scrublet.Options(simRatio, DEFAULTS.nNeighbors(), expectedRate, DEFAULTS.stdevDoubletRate(),
            DEFAULTS.minCounts(), DEFAULTS.minCells(), DEFAULTS.minGeneVariabilityPctl(), DEFAULTS.nPrinComps(),
            threshold == null ? Double.NaN : threshold)),
        Map.of("threshold", "--doublet-threshold", "expected_doublet_rate", "--expected-doublet-rate",
            "sim_doublet_ratio", "--sim-doublet-ratio"));
  }
}
