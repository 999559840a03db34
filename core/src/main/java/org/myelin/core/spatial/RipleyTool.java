package org.myelin.core.spatial;

import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Ripley's K or L, or the G (nearest neighbour) or F (empty space) function of each category
 * (Ripley 1977; Baddeley, Rubak and Turner 2015), with pointwise envelopes and p-values from
 * uniform random patterns in the cells' convex hull, as squidpy's {@code ripley}.
 * {@code uns["<key>_ripley_<mode>"]} and the table "ripley_<mode>".
 */
public final class RipleyTool {

  private RipleyTool() {}

  /**
   * @param clusterKey the obs column of categories
   * @param mode K, L, F or G
   * @param nSimulations random patterns for the envelopes
   * @param nObservations points of a random pattern at most, and of F's empty-space sample
   * @param maxDist the largest distance; NaN for sqrt(hull area / 2), as squidpy
   * @param nSteps distances
   */
  public record Options(String clusterKey, Ripley.Mode mode, int nSimulations, int nObservations, double maxDist,
      int nSteps) {

    public Options {
      InvalidOptionException.check(clusterKey != null && !clusterKey.isBlank(), "cluster_key", clusterKey,
          "an obs column");
      InvalidOptionException.check(mode != null, "mode", mode, "K, L, F or G");
      InvalidOptionException.check(nSimulations >= 0, "n_simulations", nSimulations, "0 or more");
      InvalidOptionException.check(nObservations >= 2, "n_observations", nObservations, "2 or more");
      InvalidOptionException.check(Double.isNaN(maxDist) || maxDist > 0, "max_dist", maxDist, "must be positive");
      InvalidOptionException.check(nSteps >= 2, "n_steps", nSteps, "2 or more");
    }

    /** squidpy's defaults: L, 100 simulations, 1000 observations, 50 steps. */
    public static Options defaults() {
      return new Options(Keys.OBS_LEIDEN, Ripley.Mode.L, 100, 1000, Double.NaN, 50);
    }
  }

  /** The table's name for a mode. */
  public static String table(Ripley.Mode mode) {
    return "ripley_" + mode.name();
  }

  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    Coordinates xy = SpatialUnits.coordinates(data, Keys.OBSM_SPATIAL); // micrometres when the scale is known
    Groups g = Groups.of(data.obs(), o.clusterKey(), "spatial ripley (--groupby)");
    Ripley.Mode m = o.mode();
    Ripley.Setup s = Ripley.setup(xy.x(), xy.y(), o.maxDist(), o.nSteps());
    Ripley.Curve[] c = Ripley.compute(m, xy.x(), xy.y(), g.codes(), g.nGroups(), s, o.nSimulations(),
        o.nObservations(), ctx.seed(), ctx.parallel());
    int k = g.nGroups();
    int steps = s.support().length;
    String[] cat = new String[k * steps];
    double[][] v = new double[5][k * steps];
    for (int i = 0; i < k; i++) {
      for (int t = 0; t < steps; t++) {
        int row = i * steps + t;
        cat[row] = g.labels()[i];
        v[0][row] = s.support()[t];
        v[1][row] = c[i].stat()[t];
        v[2][row] = c[i].low()[t];
        v[3][row] = c[i].high()[t];
        v[4][row] = c[i].pValue()[t];
      }
    }
    Frame f = new Frame(cat);
    String[] cols = {"distance", m.name() + "_stat", "envelope_low", "envelope_high", "pvalue"};
    for (int q = 0; q < cols.length; q++) {
      f.put(cols[q], new DoubleColumn(v[q]));
    }
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("stats", f);
    uns.put("hull_area", s.area());
    uns.put("n_simulations", (long) o.nSimulations());
    uns.put("units", SpatialUnits.suffix(data));
    data.uns().put(Keys.ripley(o.clusterKey(), m.name()), uns);
    ctx.info("%s of %d categories, %d simulations", m.name(), k, o.nSimulations());
    return new ToolResult(data, Map.of(table(m), new ToolResult.Table(f, "category")));
  }
}
