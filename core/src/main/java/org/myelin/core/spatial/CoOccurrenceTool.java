package org.myelin.core.spatial;

import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.table.StringColumn;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * The co-occurrence ratio of categories across distance bins, as squidpy's {@code co_occurrence}
 * (P(b | a within the distance) / P(b)); pairs counted exactly on a bucket grid, never a distance
 * matrix. {@code uns["<key>_co_occurrence"]} and the table "co_occurrence".
 */
public final class CoOccurrenceTool {

  /** The table this tool makes. */
  public static final String TABLE = "co_occurrence";

  private CoOccurrenceTool() {}

  /**
   * @param clusterKey the obs column of categories
   * @param interval distance thresholds (interval - 1 bins)
   * @param maxDistance the largest threshold; NaN for squidpy's (every pair counts: quadratic)
   */
  public record Options(String clusterKey, int interval, double maxDistance) {

    public Options {
      InvalidOptionException.check(clusterKey != null && !clusterKey.isBlank(), "cluster_key", clusterKey,
          "an obs column");
      InvalidOptionException.check(interval >= 2, "interval", interval, "2 or more thresholds");
      InvalidOptionException.check(Double.isNaN(maxDistance) || maxDistance > 0, "max_distance", maxDistance,
          "must be positive");
    }

    /** squidpy's defaults: 50 thresholds up to half the extent of the section. */
    public static Options defaults() {
      return new Options(Keys.OBS_LEIDEN, 50, Double.NaN);
    }
  }

  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    Coordinates xy = SpatialUnits.coordinates(data, Keys.OBSM_SPATIAL); // micrometres when the scale is known
    Groups g = Groups.of(data.obs(), o.clusterKey(), "spatial co-occurrence (--groupby)");
    double[] t = CoOccurrence.defaultInterval(xy.x(), xy.y(), o.interval());
    if (!Double.isNaN(o.maxDistance())) {
      t = CoOccurrence.linspace(t[0], o.maxDistance(), o.interval());
    }
    double[][][] r = CoOccurrence.ratio(CoOccurrence.counts(xy.x(), xy.y(), g.codes(), g.nGroups(), t,
        ctx.parallel()));
    int k = g.nGroups();
    int bins = t.length - 1;
    String[] a = new String[k * k * bins];
    String[] b = new String[a.length];
    double[] end = new double[a.length];
    double[] ratio = new double[a.length];
    int row = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        for (int bin = 0; bin < bins; bin++) {
          a[row] = g.labels()[i];
          b[row] = g.labels()[j];
          end[row] = t[bin + 1];
          ratio[row++] = r[i][j][bin];
        }
      }
    }
    Frame f = new Frame(a);
    f.put("cluster_b", new StringColumn(b));
    f.put("interval_end", new DoubleColumn(end));
    f.put("occ_ratio", new DoubleColumn(ratio));
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("occ", f);
    uns.put("interval", t);
    uns.put("units", SpatialUnits.suffix(data));
    data.uns().put(Keys.coOccurrence(o.clusterKey()), uns);
    ctx.info("%d categories, %d bins up to %.4g", k, bins, t[bins]);
    return new ToolResult(data, Map.of(TABLE, new ToolResult.Table(f, "cluster_a")));
  }
}
