package org.myelin.core.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Nearest-segment queries over nerve centre lines: segments are binned into square grid cells, and
 * a query searches rings of cells outwards until no unvisited cell can hold a nearer segment. Exact,
 * and fast enough for a million cells against a thousand nerves.
 */
final class SegmentGrid {

  private final double cell;
  private final int nx;
  private final int ny;
  private final double x0;
  private final double y0;
  private final List<int[]> bins;
  private final double[] ax;
  private final double[] ay;
  private final double[] bx;
  private final double[] by;
  private final int[] owner;

  /** Segments (ax,ay)-(bx,by) of owner ids, over the box [x0, x0+width] x [y0, y0+height]. */
  SegmentGrid(double[] ax, double[] ay, double[] bx, double[] by, int[] owner,
      double x0, double y0, double width, double height, double cell) {
    this.ax = ax;
    this.ay = ay;
    this.bx = bx;
    this.by = by;
    this.owner = owner;
    this.cell = cell;
    this.x0 = x0;
    this.y0 = y0;
    this.nx = Math.max(1, (int) Math.ceil(width / cell));
    this.ny = Math.max(1, (int) Math.ceil(height / cell));
    List<List<Integer>> lists = new ArrayList<>(nx * ny);
    for (int i = 0; i < nx * ny; i++) {
      lists.add(new ArrayList<>());
    }
    for (int s = 0; s < ax.length; s++) {
      int cx0 = clampX(Math.min(ax[s], bx[s]));
      int cx1 = clampX(Math.max(ax[s], bx[s]));
      int cy0 = clampY(Math.min(ay[s], by[s]));
      int cy1 = clampY(Math.max(ay[s], by[s]));
      for (int cy = cy0; cy <= cy1; cy++) {
        for (int cx = cx0; cx <= cx1; cx++) {
          lists.get(cy * nx + cx).add(s);
        }
      }
    }
    bins = new ArrayList<>(lists.size());
    for (List<Integer> l : lists) {
      bins.add(l.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  private int clampX(double x) {
    return Math.min(nx - 1, Math.max(0, (int) ((x - x0) / cell)));
  }

  private int clampY(double y) {
    return Math.min(ny - 1, Math.max(0, (int) ((y - y0) / cell)));
  }

  /**
   * Distance from (x, y) to the nearest segment whose owner passes {@code accept}, written to
   * out[0] with the owner in out[1]; out[0] is +infinity when none passes.
   */
  void nearest(double x, double y, java.util.function.IntPredicate accept, double[] out) {
    double best = Double.POSITIVE_INFINITY;
    int bestOwner = -1;
    int cx = clampX(x);
    int cy = clampY(y);
    int maxRing = Math.max(nx, ny);
    for (int ring = 0; ring <= maxRing; ring++) {
      // Every cell of this ring is at least (ring - 1) * cell from the point.
      if (best < (ring - 1) * cell) {
        break;
      }
      for (int gy = cy - ring; gy <= cy + ring; gy++) {
        if (gy < 0 || gy >= ny) {
          continue;
        }
        boolean edgeRow = gy == cy - ring || gy == cy + ring;
        for (int gx = cx - ring; gx <= cx + ring; gx += edgeRow ? 1 : Math.max(1, 2 * ring)) {
          if (gx < 0 || gx >= nx) {
            continue;
          }
          for (int s : bins.get(gy * nx + gx)) {
            if (!accept.test(owner[s])) {
              continue;
            }
            double d = pointSegment(x, y, ax[s], ay[s], bx[s], by[s]);
            if (d < best) {
              best = d;
              bestOwner = owner[s];
            }
          }
        }
      }
    }
    out[0] = best;
    out[1] = bestOwner;
  }

  static double pointSegment(double px, double py, double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
    t = Math.max(0, Math.min(1, t));
    double ex = ax + t * dx - px;
    double ey = ay + t * dy - py;
    return Math.sqrt(ex * ex + ey * ey);
  }
}
