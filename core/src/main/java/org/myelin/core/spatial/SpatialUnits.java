package org.myelin.core.spatial;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.table.Column;

/**
 * The scale of {@code obsm["spatial"]}: micrometres per coordinate unit, recorded in
 * {@code uns["spatial_units"]} (the coordinates themselves stay in the input's units, as scanpy
 * keeps them). Every distance the spatial tools take or report is in micrometres when the scale is
 * known; where it is not, their names say "units".
 *
 * @param micronsPerUnit micrometres per coordinate unit
 * @param source where the scale came from (Visium array geometry, the simulator, an option)
 */
public record SpatialUnits(double micronsPerUnit, String source) {

  /** Visium's centre-to-centre spot distance, by 10x's specification. */
  public static final double VISIUM_SPOT_PITCH_UM = 100;

  public SpatialUnits {
    if (!(micronsPerUnit > 0) || Double.isInfinite(micronsPerUnit)) {
      throw new IllegalArgumentException("Invalid micrometres per unit: " + micronsPerUnit + " (must be positive)");
    }
  }

  /** The scale recorded in the data, or null when unknown. */
  public static SpatialUnits of(CellData data) {
    if (data.uns().get(Keys.UNS_SPATIAL_UNITS) instanceof Map<?, ?> m && m.get("microns_per_unit") instanceof Number n
        && n.doubleValue() > 0) {
      return new SpatialUnits(n.doubleValue(), m.get("source") == null ? "" : String.valueOf(m.get("source")));
    }
    return null;
  }

  /** Records the scale in {@code uns["spatial_units"]}. */
  public void record(CellData data) {
    data.uns().put(Keys.UNS_SPATIAL_UNITS, asUns());
  }

  /** The entry of {@code uns["spatial_units"]}. */
  public Map<String, Object> asUns() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("microns_per_unit", micronsPerUnit);
    m.put("source", source);
    return m;
  }

  /** The suffix of distance names: "um" when the data's scale is known, else "units". */
  public static String suffix(CellData data) {
    return of(data) == null ? "units" : "um";
  }

  /**
   * Micrometres per unit of a Visium section from its array geometry: the median distance, in
   * coordinate units, between spots of one array row two columns apart (the hexagonal grid's
   * nearest neighbours along a row) is the 100 um spot pitch. Not from {@code spot_diameter_fullres},
   * which 10x defines for a theoretical 65 um spot. Null when no such pair of spots exists.
   */
  public static SpatialUnits fromVisiumGrid(CellData data) {
    DenseMatrix xy = data.obsm().get(Keys.OBSM_SPATIAL);
    Column row = data.obs().get(Keys.OBS_ARRAY_ROW);
    Column col = data.obs().get(Keys.OBS_ARRAY_COL);
    if (xy == null || row == null || col == null) {
      return null;
    }
    Map<Long, Integer> at = new HashMap<>();
    int n = data.nObs();
    long[] r = new long[n];
    long[] c = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = Long.parseLong(row.format(i));
      c[i] = Long.parseLong(col.format(i));
      at.put(r[i] * 1_000_000L + c[i], i);
    }
    double[] d = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      Integer j = at.get(r[i] * 1_000_000L + c[i] + 2);
      if (j != null) {
        d[m++] = Math.hypot(xy.get(i, 0) - xy.get(j, 0), xy.get(i, 1) - xy.get(j, 1));
      }
    }
    if (m == 0) {
      return null;
    }
    double[] pairs = Arrays.copyOf(d, m);
    Arrays.sort(pairs);
    double pitch = m % 2 == 1 ? pairs[m / 2] : (pairs[m / 2 - 1] + pairs[m / 2]) / 2;
    return pitch > 0 ? new SpatialUnits(VISIUM_SPOT_PITCH_UM / pitch, String.format(java.util.Locale.ROOT,
        "Visium array: 100 um spot pitch = %.3f units between neighbouring spots of a row", pitch)) : null;
  }

  /** The coordinates in micrometres when the data's scale is known, else in its own units. */
  public static Coordinates coordinates(CellData data, String key) {
    Coordinates raw = Coordinates.of(data, key);
    SpatialUnits u = of(data);
    if (u == null || u.micronsPerUnit == 1) {
      return raw;
    }
    double[] x = raw.x().clone();
    double[] y = raw.y().clone();
    for (int i = 0; i < x.length; i++) {
      x[i] *= u.micronsPerUnit;
      y[i] *= u.micronsPerUnit;
    }
    return new Coordinates(x, y);
  }
}
