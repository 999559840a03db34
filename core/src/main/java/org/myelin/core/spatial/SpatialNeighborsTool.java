package org.myelin.core.spatial;

import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.graph.NeighborsTool;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * The spatial neighbour graph, as squidpy's {@code spatial_neighbors} (Palla et al., Nat Methods
 * 2022): the Visium hexagonal grid with rings, k nearest cells, every cell within a radius, or the
 * Delaunay triangulation; {@code obsp["spatial_connectivities"]}, {@code obsp["spatial_distances"]}
 * and {@code uns["spatial_neighbors"]}.
 */
public final class SpatialNeighborsTool {

  private SpatialNeighborsTool() {}

  /** squidpy's coord_type. */
  public enum CoordType {
    /** grid when obs holds Visium's array_row and array_col, else generic. */
    AUTO,
    GRID,
    GENERIC
  }

  /**
   * @param coordType grid (Visium) or generic (cells)
   * @param nNeighs nearest neighbours per cell (generic), or of the grid
   * @param nRings grid: rings of neighbours
   * @param radius generic: every cell within this distance (micrometres when the scale is known) instead of
   *     the nearest; NaN for none
   * @param delaunay generic: the Delaunay triangulation's edges
   * @param prunePercentile Delaunay: drop edges longer than this percentile (100: none)
   * @param weights the weights stored as connectivities
   * @param decayPower decay weights: 1 / distance^power
   * @param spatialKey obsm key of the coordinates
   */
  public record Options(CoordType coordType, int nNeighs, int nRings, double radius, boolean delaunay,
      double prunePercentile, SpatialGraph.Weights weights, double decayPower, String spatialKey) {

    public Options {
      InvalidOptionException.check(coordType != null, "coord_type", coordType, "auto, grid or generic");
      InvalidOptionException.check(nNeighs >= 1, "n_neighs", nNeighs, "positive");
      InvalidOptionException.check(nRings >= 1, "n_rings", nRings, "positive");
      InvalidOptionException.check(Double.isNaN(radius) || radius > 0, "radius", radius, "must be positive");
      InvalidOptionException.check(prunePercentile > 0 && prunePercentile <= 100, "percentile", prunePercentile,
          "in (0, 100]");
      InvalidOptionException.check(weights != null, "weights", weights, "binary, row or decay");
      InvalidOptionException.check(decayPower > 0, "decay_power", decayPower, "must be positive");
      InvalidOptionException.check(spatialKey != null && !spatialKey.isBlank(), "spatial_key", spatialKey,
          "an obsm key");
    }

    /** squidpy's defaults: 6 neighbours (the grid's for Visium), one ring, binary weights, obsm['spatial']. */
    public static Options defaults() {
      return new Options(CoordType.AUTO, 6, 1, Double.NaN, false, 100, SpatialGraph.Weights.BINARY, 1,
          Keys.OBSM_SPATIAL);
    }
  }

  /** Builds the graph; returns the same container. */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    Coordinates xy = Coordinates.of(data, o.spatialKey());
    boolean grid = o.coordType() == CoordType.GRID || (o.coordType() == CoordType.AUTO
        && data.obs().has(Keys.OBS_ARRAY_ROW) && data.obs().has(Keys.OBS_ARRAY_COL));
    boolean hasRadius = !Double.isNaN(o.radius());
    if (grid && (hasRadius || o.delaunay())) {
      throw new IllegalArgumentException("--radius and --delaunay build generic graphs, not a Visium grid: add "
          + "--coord-type generic");
    }
    SpatialGraph.Graph g;
    String how;
    if (grid) {
      g = SpatialGraph.grid(xy.x(), xy.y(), o.nNeighs(), o.nRings(), ctx.parallel());
      how = "Visium grid, " + o.nNeighs() + " neighbours, " + o.nRings() + " ring(s)";
    } else if (o.delaunay()) {
      g = SpatialGraph.delaunay(xy.x(), xy.y(), o.prunePercentile());
      how = "Delaunay" + (o.prunePercentile() < 100 ? ", edges above the " + o.prunePercentile()
          + "th percentile dropped" : "");
    } else if (hasRadius) {
      // The radius is in micrometres when the scale is known; the graph stays in the coordinates' units.
      SpatialUnits units = SpatialUnits.of(data);
      double r = units == null ? o.radius() : o.radius() / units.micronsPerUnit();
      g = SpatialGraph.radius(xy.x(), xy.y(), r, ctx.parallel());
      how = "radius " + o.radius() + " " + SpatialUnits.suffix(data);
    } else {
      g = SpatialGraph.knn(xy.x(), xy.y(), o.nNeighs(), ctx.parallel());
      how = o.nNeighs() + " nearest neighbours";
    }
    data.putObsp(Keys.OBSP_SPATIAL_CONNECTIVITIES, SpatialGraph.weights(g, o.weights(), o.decayPower()));
    data.putObsp(Keys.OBSP_SPATIAL_DISTANCES, g.distances());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("coord_type", grid ? "grid" : "generic");
    params.put("n_neighbors", (long) o.nNeighs());
    params.put("n_rings", (long) o.nRings());
    params.put("radius", o.radius());
    params.put("delaunay", o.delaunay());
    params.put("prune_percentile", o.prunePercentile());
    params.put("weights", o.weights().name().toLowerCase(java.util.Locale.ROOT));
    params.put("decay_power", o.decayPower());
    data.uns().put(Keys.UNS_SPATIAL_NEIGHBORS,
        NeighborsTool.graphRecord(Keys.OBSP_SPATIAL_CONNECTIVITIES, Keys.OBSP_SPATIAL_DISTANCES, params));
    ctx.info("%s, %d edges over %d cells", how, g.connectivities().nnz(), data.nObs());
    return ToolResult.of(data);
  }

  /** The spatial connectivities, refusing data without them. */
  static org.myelin.core.matrix.CsrMatrix graph(CellData data) {
    org.myelin.core.matrix.CsrMatrix graph = data.obsp().get(Keys.OBSP_SPATIAL_CONNECTIVITIES);
    if (graph == null) {
      throw new IllegalArgumentException("no obsp['" + Keys.OBSP_SPATIAL_CONNECTIVITIES + "']: run 'myelin spatial "
          + "graph' first");
    }
    return graph;
  }
}
