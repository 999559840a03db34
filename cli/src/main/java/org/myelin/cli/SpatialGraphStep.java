package org.myelin.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.spatial.SpatialGraph;
import picocli.CommandLine.Option;

/** The spatial graph's options and step, shared by {@code myelin spatial graph} and {@code myelin run}. */
final class SpatialGraphStep {

  @Option(names = "--coord-type", paramLabel = "TYPE", defaultValue = "auto",
      description = "grid (Visium's hexagonal lattice), generic (cells), or auto: grid when obs holds Visium's "
          + "array_row and array_col (default: ${DEFAULT-VALUE}).")
  String coordType;

  @Option(names = "--spatial-neighbors", paramLabel = "N", defaultValue = "6",
      description = "Nearest neighbours per cell (generic), or of the grid (default: ${DEFAULT-VALUE}).")
  int nNeighbors;

  @Option(names = "--n-rings", paramLabel = "N", defaultValue = "1",
      description = "grid: rings of neighbours; the distances are the ring numbers (default: ${DEFAULT-VALUE}).")
  int nRings;

  @Option(names = "--radius", paramLabel = "UM",
      description = "generic: every cell within this distance instead of the nearest neighbours.")
  Double radius;

  @Option(names = "--delaunay", description = "generic: the Delaunay triangulation's edges instead of nearest neighbours.")
  boolean delaunay;

  @Option(names = "--prune-percentile", paramLabel = "P", defaultValue = "100",
      description = "--delaunay: drop edges longer than this percentile of edge lengths (default: ${DEFAULT-VALUE}: none).")
  double prunePercentile;

  @Option(names = "--spatial-weights", paramLabel = "KIND", defaultValue = "binary",
      description = "Weights stored as the connectivities: binary (squidpy's), row (rows sum to 1) or decay "
          + "(1 / distance) (default: ${DEFAULT-VALUE}).")
  String weights;

  @Option(names = "--decay-power", paramLabel = "P", defaultValue = "1",
      description = "decay weights: 1 / distance^P (default: ${DEFAULT-VALUE}).")
  double decayPower;

  @Option(names = "--spatial-key", paramLabel = "KEY", defaultValue = "spatial",
      description = "obsm key of the coordinates (default: ${DEFAULT-VALUE}).")
  String spatialKey;

  void check() {
    if (!java.util.List.of("auto", "grid", "generic").contains(coordType)) {
      throw new IllegalArgumentException("Invalid --coord-type: " + coordType + " (auto, grid or generic)");
    }
    if (nNeighbors < 1 || nRings < 1) {
      throw new IllegalArgumentException("Invalid --spatial-neighbors " + nNeighbors + " or --n-rings " + nRings);
    }
    if (radius != null && !(radius > 0)) {
      throw new IllegalArgumentException("Invalid --radius: " + radius);
    }
    if (!(prunePercentile > 0 && prunePercentile <= 100)) {
      throw new IllegalArgumentException("Invalid --prune-percentile: " + prunePercentile + " (0 to 100]");
    }
    weightKind();
    if (!(decayPower > 0)) {
      throw new IllegalArgumentException("Invalid --decay-power: " + decayPower);
    }
  }

  private SpatialGraph.Weights weightKind() {
    try {
      return SpatialGraph.Weights.valueOf(weights.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid --spatial-weights: " + weights + " (binary, row or decay)");
    }
  }

  /** The coordinates of obsm[key] as x and y, refusing data without them. */
  static double[][] coordinates(CellData data, String key) {
    DenseMatrix m = data.obsm().get(key);
    if (m == null) {
      throw new IllegalArgumentException("no obsm['" + key + "']: spatial statistics need coordinates (a Visium "
          + "folder, or --coords TABLE with a cell id and x, y)");
    }
    if (m.nCols() < 2) {
      throw new IllegalArgumentException("obsm['" + key + "'] has " + m.nCols() + " column(s); x and y are needed");
    }
    org.myelin.core.spatial.Coordinates pos = org.myelin.core.spatial.Coordinates.of(m);
    double[] x = pos.x();
    double[] y = pos.y();
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("obsm['" + key + "'] of cell " + data.obs().index()[i]
            + " is not a finite position: " + x[i] + ", " + y[i]);
      }
    }
    return new double[][] {x, y};
  }

  CellData apply(CellData data, Parallel parallel, PrintWriter err) {
    double[][] xy = coordinates(data, spatialKey);
    String type = coordType.equals("auto")
        ? (data.obs().has(Keys.OBS_ARRAY_ROW) && data.obs().has(Keys.OBS_ARRAY_COL) ? "grid" : "generic") : coordType;
    if (type.equals("grid") && (radius != null || delaunay)) {
      throw new IllegalArgumentException("--radius and --delaunay build generic graphs, not a Visium grid: add "
          + "--coord-type generic");
    }
    SpatialGraph.Graph g;
    String how;
    if (type.equals("grid")) {
      g = SpatialGraph.grid(xy[0], xy[1], nNeighbors, nRings, parallel);
      how = "Visium grid, " + nNeighbors + " neighbours, " + nRings + " ring(s)";
    } else if (delaunay) {
      g = SpatialGraph.delaunay(xy[0], xy[1], prunePercentile);
      how = "Delaunay" + (prunePercentile < 100 ? ", edges above the " + prunePercentile + "th percentile dropped" : "");
    } else if (radius != null) {
      g = SpatialGraph.radius(xy[0], xy[1], radius, parallel);
      how = "radius " + radius;
    } else {
      g = SpatialGraph.knn(xy[0], xy[1], nNeighbors, parallel);
      how = nNeighbors + " nearest neighbours";
    }
    data.putObsp(Keys.OBSP_SPATIAL_CONNECTIVITIES, SpatialGraph.weights(g, weightKind(), decayPower));
    data.putObsp(Keys.OBSP_SPATIAL_DISTANCES, g.distances());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("coord_type", type);
    params.put("n_neighbors", (long) nNeighbors);
    params.put("n_rings", (long) nRings);
    params.put("radius", radius == null ? Double.NaN : radius);
    params.put("delaunay", delaunay);
    params.put("prune_percentile", prunePercentile);
    params.put("weights", weights);
    params.put("decay_power", decayPower);
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("connectivities_key", Keys.OBSP_SPATIAL_CONNECTIVITIES);
    uns.put("distances_key", Keys.OBSP_SPATIAL_DISTANCES);
    uns.put("params", params);
    data.uns().put("spatial_neighbors", uns);
    err.printf("myelin spatial graph: %s, %d edges over %d cells%n", how, g.connectivities().nnz(), data.nObs());
    return data;
  }
}
