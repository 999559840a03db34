package org.myelin.cli;

import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.spatial.SpatialGraph;
import org.myelin.core.spatial.SpatialNeighborsTool;
import picocli.CommandLine.Option;

/** The spatial graph ({@link SpatialNeighborsTool}): {@code myelin spatial graph} and the spatial-graph step of run. */
final class SpatialGraphStep extends ToolStep<SpatialNeighborsTool.Options> {

  private static final SpatialNeighborsTool.Options DEFAULTS = SpatialNeighborsTool.Options.defaults();

  SpatialGraphStep() {
    super("spatial-graph", SpatialNeighborsTool::run);
  }

  @Option(names = "--coord-type", paramLabel = "TYPE",
      description = "grid (Visium's hexagonal lattice), generic (cells), or auto: grid when obs holds Visium's "
          + "array_row and array_col (default: ${DEFAULT-VALUE}).")
  String coordType = DEFAULTS.coordType().name().toLowerCase(Locale.ROOT);

  @Option(names = "--spatial-neighbors", paramLabel = "N",
      description = "Nearest neighbours per cell (generic), or of the grid (default: ${DEFAULT-VALUE}).")
  int nNeighbors = DEFAULTS.nNeighs();

  @Option(names = "--n-rings", paramLabel = "N",
      description = "grid: rings of neighbours; the distances are the ring numbers (default: ${DEFAULT-VALUE}).")
  int nRings = DEFAULTS.nRings();

  @Option(names = "--radius", paramLabel = "UM",
      description = "generic: every cell within this distance instead of the nearest neighbours.")
  Double radius;

  @Option(names = "--delaunay", description = "generic: the Delaunay triangulation's edges instead of nearest neighbours.")
  boolean delaunay = DEFAULTS.delaunay();

  @Option(names = "--prune-percentile", paramLabel = "P",
      description = "--delaunay: drop edges longer than this percentile of edge lengths (default: ${DEFAULT-VALUE}: none).")
  double prunePercentile = DEFAULTS.prunePercentile();

  @Option(names = "--spatial-weights", paramLabel = "KIND",
      description = "Weights stored as the connectivities: binary (squidpy's), row (rows sum to 1) or decay "
          + "(1 / distance) (default: ${DEFAULT-VALUE}).")
  String weights = DEFAULTS.weights().name().toLowerCase(Locale.ROOT);

  @Option(names = "--decay-power", paramLabel = "P", description = "decay weights: 1 / distance^P (default: ${DEFAULT-VALUE}).")
  double decayPower = DEFAULTS.decayPower();

  @Option(names = "--spatial-key", paramLabel = "KEY", description = "obsm key of the coordinates (default: ${DEFAULT-VALUE}).")
  String spatialKey = DEFAULTS.spatialKey();

  @Override
  public void check() {
    SpatialNeighborsTool.CoordType t = Step.choice(SpatialNeighborsTool.CoordType.class, coordType, "--coord-type");
    SpatialGraph.Weights w = Step.choice(SpatialGraph.Weights.class, weights, "--spatial-weights");
    options = Step.options(() -> new SpatialNeighborsTool.Options(t, nNeighbors, nRings,
        radius == null ? Double.NaN : radius, delaunay, prunePercentile, w, decayPower, spatialKey),
        Map.of("n_neighs", "--spatial-neighbors", "percentile", "--prune-percentile"));
  }

  @Override
  public String skipReason(CellData data) {
    return noCoordinates(data, spatialKey);
  }

  /**
   * Why spatial steps cannot run on this data, or null: no coordinates, or the cells of several
   * samples in one file, whose sections share one coordinate space (distances across them mean nothing).
   */
  static String noCoordinates(CellData data, String key) {
    if (!data.obsm().containsKey(key)) {
      return "no obsm['" + key + "'] (give --coords TABLE for cell coordinates)";
    }
    if (data.obs().has(Keys.OBS_SAMPLE)) {
      int samples = 0;
      for (int size : org.myelin.core.table.Groups.of(data.obs(), Keys.OBS_SAMPLE, "samples").sizes()) {
        samples += size > 0 ? 1 : 0;
      }
      if (samples > 1) {
        return "the cells of " + samples + " samples (obs['" + Keys.OBS_SAMPLE + "']) share one coordinate space "
            + "here: run the spatial steps on each sample's own file";
      }
    }
    return null;
  }

}
