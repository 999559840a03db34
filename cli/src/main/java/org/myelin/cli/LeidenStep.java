package org.myelin.cli;

import java.util.Locale;
import java.util.Map;
import org.myelin.core.cluster.CommunityDetection;
import org.myelin.core.cluster.LeidenTool;
import picocli.CommandLine.Option;

/** Leiden or Louvain clusters ({@link LeidenTool}): {@code myelin leiden} and the leiden step of run. */
final class LeidenStep extends ToolStep<LeidenTool.Options> {

  private static final LeidenTool.Options DEFAULTS = LeidenTool.Options.defaults();

  LeidenStep() {
    super("leiden", LeidenTool::run);
  }

  @Option(names = "--resolution", paramLabel = "R",
      description = "Resolution of the modularity (RB configuration model) (default: ${DEFAULT-VALUE}).")
  double resolution = DEFAULTS.resolution();

  @Option(names = "--algorithm", paramLabel = "NAME", description = "leiden or louvain (default: ${DEFAULT-VALUE}).")
  String algorithm = "leiden";

  @Option(names = "--leiden-engine", paramLabel = "NAME",
      description = "leidenalg (leidenalg 0.9's optimiser and random numbers: scanpy's clusters for the same graph "
          + "and seed) or cwts (the CWTS networkanalysis code: other optima, of slightly higher modularity on the "
          + "references) (default: ${DEFAULT-VALUE}).")
  String engine = "leidenalg";

  @Option(names = "--n-iterations", paramLabel = "N",
      description = "Passes; -1 runs until a pass changes nothing, as scanpy (default: ${DEFAULT-VALUE}).")
  int nIterations = DEFAULTS.nIterations();

  @Option(names = "--random-starts", paramLabel = "N",
      description = "Runs from seeds seed, seed + 1, ...; the one of highest modularity is kept (default: ${DEFAULT-VALUE}, "
          + "as scanpy).")
  int starts = DEFAULTS.randomStarts();

  @Option(names = "--unweighted", description = "Ignore the graph's weights.")
  boolean unweighted = !DEFAULTS.useWeights();

  @Option(names = "--key-added", paramLabel = "KEY", description = "obs column (default: the algorithm's name).")
  String keyAdded = DEFAULTS.keyAdded();

  /**
   * Leiden's moves and aggregations chase the graph's edges through memory on one thread. On 100k
   * cells it took 4.0-4.5 s with X written beside it at full pace and 3.0-3.4 s alone, while the
   * write after the steps grew from 4.3-4.5 s to 5.9-6.1 s without it; half the pace splits the two.
   */
  @Override
  public boolean memoryBound() {
    return true;
  }

  @Override
  public void check() {
    boolean cwts = switch (engine.toLowerCase(Locale.ROOT)) {
      case "leidenalg" -> false;
      case "cwts" -> true;
      default -> throw new IllegalArgumentException("Invalid --leiden-engine: " + engine + " (leidenalg or cwts)");
    };
    CommunityDetection.Algorithm alg = switch (algorithm.toLowerCase(Locale.ROOT)) {
      case "leiden" -> cwts ? CommunityDetection.Algorithm.LEIDEN_CWTS : CommunityDetection.Algorithm.LEIDEN;
      case "louvain" -> CommunityDetection.Algorithm.LOUVAIN;
      default -> throw new IllegalArgumentException("Invalid --algorithm: " + algorithm + " (leiden or louvain)");
    };
    options = Step.options(() -> new LeidenTool.Options(resolution, alg, nIterations, starts, !unweighted, keyAdded),
        Map.of("flavor", "--algorithm"));
  }

}
