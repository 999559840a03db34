package org.myelin.cli;

import java.util.List;
import java.util.Map;
import org.myelin.core.spatial.Ripley;
import org.myelin.core.spatial.RipleyTool;
import picocli.CommandLine.Option;

/** Ripley's functions ({@link RipleyTool}): {@code myelin spatial ripley} and a step run includes on request. */
final class RipleyStep extends SpatialCategoryStep<RipleyTool.Options> {

  private static final RipleyTool.Options DEFAULTS = RipleyTool.Options.defaults();

  RipleyStep() {
    super("ripley", RipleyTool::run);
  }

  @Option(names = "--ripley-mode", paramLabel = "F", description = "K, L, F or G (default: ${DEFAULT-VALUE}).")
  String mode = DEFAULTS.mode().name();

  @Option(names = "--ripley-simulations", paramLabel = "N",
      description = "Random patterns for the envelopes (default: ${DEFAULT-VALUE}).")
  int nSims = DEFAULTS.nSimulations();

  @Option(names = "--ripley-observations", paramLabel = "N",
      description = "Points of a random pattern at most, and of F's empty-space sample (default: ${DEFAULT-VALUE}).")
  int nObs = DEFAULTS.nObservations();

  @Option(names = "--ripley-max-distance", paramLabel = "UM",
      description = "Largest distance; default sqrt(hull area / 2), as squidpy.")
  Double maxDist;

  @Option(names = "--ripley-steps", paramLabel = "N", description = "Distances (default: ${DEFAULT-VALUE}).")
  int nSteps = DEFAULTS.nSteps();

  @Override
  public boolean inRunByDefault() {
    return false;
  }

  @Override
  public List<String> tableNames() {
    return List.of(RipleyTool.table(Step.choice(Ripley.Mode.class, mode, "--ripley-mode")));
  }

  @Override
  public void check() {
    Ripley.Mode m = Step.choice(Ripley.Mode.class, mode, "--ripley-mode");
    options = categoryOptions(() -> new RipleyTool.Options(grouping.column, m, nSims, nObs,
        maxDist == null ? Double.NaN : maxDist, nSteps), Map.of("n_simulations", "--ripley-simulations",
        "n_observations", "--ripley-observations", "max_dist", "--ripley-max-distance", "n_steps", "--ripley-steps"));
  }

}
