package org.myelin.cli;

import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.integrate.Harmony;
import org.myelin.core.integrate.HarmonyTool;
import picocli.CommandLine.Option;

/** Harmony ({@link HarmonyTool}): {@code myelin integrate} and the integrate step of run, when --batch-key is given. */
final class IntegrateStep extends ToolStep<HarmonyTool.Options> implements BatchedStep {

  private static final Harmony.Options DEFAULTS = Harmony.Options.defaults();

  private BatchKey batches = new BatchKey();

  IntegrateStep() {
    super("integrate", HarmonyTool::run);
  }

  @Option(names = "--harmony-theta", paramLabel = "T",
      description = "Diversity penalty: higher mixes the batches harder (default: ${DEFAULT-VALUE}, as harmonypy).")
  double theta = DEFAULTS.theta();

  @Option(names = "--harmony-lambda", paramLabel = "L",
      description = "Ridge penalty of the correction: lower corrects more (default: ${DEFAULT-VALUE}).")
  double lambda = DEFAULTS.lambda();

  @Option(names = "--harmony-sigma", paramLabel = "S",
      description = "Width of the soft clusters (default: ${DEFAULT-VALUE}).")
  double sigma = DEFAULTS.sigma();

  @Option(names = "--harmony-clusters", paramLabel = "K",
      description = "Soft clusters (default: one per 30 cells, at most 100, as harmonypy).")
  int clusters = DEFAULTS.nClusters();

  @Option(names = "--harmony-lisi", paramLabel = "COLUMNS", split = ",",
      description = "Measure the LISI of these obs columns before and after (batches should mix: up to their number; "
          + "cell types stay apart: near 1), into the log and uns['harmony']['lisi'] (an exact neighbour search).")
  List<String> lisi = List.of();

  @Option(names = "--harmony-rounds", paramLabel = "N",
      description = "Rounds of clustering and correction at most (default: ${DEFAULT-VALUE}).")
  int rounds = DEFAULTS.maxIterations();

  @Override
  public void batchKey(BatchKey batches) {
    this.batches = batches;
  }

  @Override
  public String skipReason(CellData data) {
    return batches.column == null ? "no --batch-key given" : null;
  }

  /** Whether --batch-key must be given: on its own the command needs it; run skips the step without it. */
  boolean batchKeyRequired = true;

  @Override
  public void check() {
    if (batches.column == null) {
      if (batchKeyRequired) {
        throw new IllegalArgumentException("Missing --batch-key: the obs column of the batches to integrate");
      }
      return;
    }
    options = Step.options(() -> new HarmonyTool.Options(batches.column, Keys.OBSM_PCA, Keys.OBSM_PCA_HARMONY,
        new Harmony.Options(clusters, theta, lambda, sigma, DEFAULTS.blockSize(), rounds, DEFAULTS.maxIterationsKmeans(),
            DEFAULTS.epsilonCluster(), DEFAULTS.epsilonHarmony()), lisi),
        Map.of("nclust", "--harmony-clusters", "theta", "--harmony-theta", "lamb", "--harmony-lambda", "sigma",
            "--harmony-sigma", "max_iter_harmony", "--harmony-rounds"));
  }
}
