package org.myelin.cli;

import java.util.List;
import java.util.Map;
import org.myelin.core.spatial.CoOccurrenceTool;
import picocli.CommandLine.Option;

/** Co-occurrence ({@link CoOccurrenceTool}): {@code myelin spatial co-occurrence} and a step run includes on request. */
final class CoOccurrenceStep extends SpatialCategoryStep<CoOccurrenceTool.Options> {

  private static final CoOccurrenceTool.Options DEFAULTS = CoOccurrenceTool.Options.defaults();

  CoOccurrenceStep() {
    super("co-occurrence", CoOccurrenceTool::run);
  }

  @Option(names = "--cooc-interval", paramLabel = "N",
      description = "Distance thresholds (N - 1 bins) (default: ${DEFAULT-VALUE}).")
  int interval = DEFAULTS.interval();

  @Option(names = "--cooc-max-distance", paramLabel = "UM",
      description = "Largest threshold; default squidpy's: half the distance between the cells of smallest and "
          + "largest x + y, which makes every pair count (quadratic in the cells).")
  Double maxDistance;

  @Override
  public boolean inRunByDefault() {
    return false; // squidpy's default interval counts every pair of cells
  }

  @Override
  public List<String> tableNames() {
    return List.of(CoOccurrenceTool.TABLE);
  }

  @Override
  public void check() {
    options = categoryOptions(() -> new CoOccurrenceTool.Options(grouping.column, interval,
        maxDistance == null ? Double.NaN : maxDistance), Map.of("interval", "--cooc-interval", "max_distance",
        "--cooc-max-distance"));
  }

}
