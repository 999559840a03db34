package org.myelin.core.spatial;

import org.myelin.core.random.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.myelin.core.parallel.Parallel;

/**
 * Ripley's K and L functions and the nearest-neighbour G and empty-space F functions of each
 * category's cells (Ripley, J Appl Probab 1976; Baddeley, Rubak &amp; Turner, Spatial Point
 * Patterns, 2015), in the convex hull of all cells, without edge correction, with pointwise
 * envelopes and p-values from patterns of complete spatial randomness (uniform points in the hull).
 * K(d) = A / (n (n - 1)) x (ordered pairs closer than d), L = sqrt(K / pi): under randomness K = pi
 * d^2 and L = d. squidpy's {@code ripley} divides by all cells instead of the category's (its K
 * is this one times n (n - 1) / N^2); this follows the textbook so that L = d means random.
 * A simulated pattern has as many points as the category, at most {@code maxSimPoints} (a smaller
 * pattern gives a wider, so conservative, envelope).
 */
public final class Ripley {

  private Ripley() {}

  /** The functions. */
  public enum Mode { K, L, F, G }

  /**
   * One category's function on the support.
   *
   * @param stat the observed function
   * @param low pointwise minimum of the simulations
   * @param high pointwise maximum
   * @param pValue the smaller of (simulations at or above + 1) and (at or below + 1), over (simulations
   *     + 1): 1 where every simulation ties (at distance 0)
   */
  public record Curve(double[] stat, double[] low, double[] high, double[] pValue) {}

  /** The hull's area and the support: {@code nSteps} distances from 0 to maxDist (sqrt(area / 2) when NaN). */
  public record Setup(double area, double[] support, Coordinate[] hull) {}

  public static Setup setup(double[] x, double[] y, double maxDist, int nSteps) {
    Coordinate[] pts = new Coordinate[x.length];
    for (int i = 0; i < x.length; i++) {
      pts[i] = new Coordinate(x[i], y[i]);
    }
    Geometry hull = new GeometryFactory().createMultiPointFromCoords(pts).convexHull();
    double area = hull.getArea();
    if (!(area > 0)) {
      throw new IllegalArgumentException("Ripley's functions need cells spread over an area, not on a line or a point");
    }
    double max = Double.isNaN(maxDist) ? Math.sqrt(area / 2) : maxDist;
    if (nSteps < 2 || !(max > 0)) {
      throw new IllegalArgumentException("Invalid Ripley support: " + nSteps + " steps to " + max);
    }
    return new Setup(area, CoOccurrence.linspace(0, max, nSteps), hull.getCoordinates());
  }

  /** The function of a point pattern (the cells of one category, or a simulation) on the support. */
  static double[] function(Mode mode, double[] px, double[] py, Setup s, SplittableRandom rnd, int nEmpty) {
    int n = px.length;
    double[] support = s.support();
    double[] out = new double[support.length];
    if (n < 2) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    switch (mode) {
      case K, L -> {
        double max = support[support.length - 1];
        long[] hist = new long[support.length + 1];
        PairGrid grid = new PairGrid(px, py, max);
        for (int i = 0; i < n; i++) {
          grid.forEachNear(i, (a, j, d2) -> {
            if (j != a) {
              // Counted towards every support value above d (strictly).
              hist[firstAbove(support, Math.sqrt(d2))]++;
            }
          });
        }
        long cum = 0;
        for (int k = 0; k < support.length; k++) {
          cum += hist[k];
          double kk = s.area() * cum / ((double) n * (n - 1));
          out[k] = mode == Mode.K ? kk : Math.sqrt(kk / Math.PI);
        }
      }
      case G -> {
        KdTree tree = new KdTree(px, py);
        int[] idx = new int[1];
        double[] d = new double[1];
        double[] nn = new double[n];
        for (int i = 0; i < n; i++) {
          tree.nearest(i, 1, idx, d);
          nn[i] = d[0];
        }
        cumulativeFraction(nn, support, out);
      }
      case F -> {
        KdTree tree = new KdTree(px, py);
        double[][] e = uniformInHull(s, nEmpty, rnd);
        double[] nn = new double[nEmpty];
        for (int i = 0; i < nEmpty; i++) {
          nn[i] = tree.nearestDistance(e[0][i], e[1][i]);
        }
        cumulativeFraction(nn, support, out);
      }
      default -> throw new IllegalStateException();
    }
    return out;
  }

  /** out[k] = fraction of the values below support[k]. */
  private static void cumulativeFraction(double[] v, double[] support, double[] out) {
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    for (int k = 0; k < support.length; k++) {
      out[k] = org.myelin.core.stats.SortedArrays.lowerBound(sorted, support[k]) / (double) sorted.length;
    }
  }

  /** The index of the first support value above d (support.length when none). */
  private static int firstAbove(double[] support, double d) {
    return org.myelin.core.stats.SortedArrays.upperBound(support, d);
  }

  /**
   * The curves of every category.
   *
   * @param codes category of each cell (below 0: left out)
   * @param nSims simulated patterns per category
   * @param maxSimPoints the largest simulated pattern; also the empty-space points of F
   */
  public static Curve[] compute(Mode mode, double[] x, double[] y, int[] codes, int nCategories, Setup s, int nSims,
      int maxSimPoints, long seed, Parallel parallel) {
    Curve[] out = new Curve[nCategories];
    parallel.forEach(nCategories, c -> {
      int m = 0;
      for (int code : codes) {
        if (code == c) {
          m++;
        }
      }
      double[] px = new double[m];
      double[] py = new double[m];
      int k = 0;
      for (int i = 0; i < codes.length; i++) {
        if (codes[i] == c) {
          px[k] = x[i];
          py[k++] = y[i];
        }
      }
      SplittableRandom rnd = new SplittableRandom(Seeds.stream(seed, c));
      double[] stat = function(mode, px, py, s, rnd.split(), maxSimPoints);
      int steps = s.support().length;
      double[] low = new double[steps];
      double[] high = new double[steps];
      int[] above = new int[steps];
      int[] below = new int[steps];
      Arrays.fill(low, Double.POSITIVE_INFINITY);
      Arrays.fill(high, Double.NEGATIVE_INFINITY);
      int simSize = Math.max(2, Math.min(m, maxSimPoints));
      for (int sim = 0; sim < nSims; sim++) {
        double[][] r = uniformInHull(s, simSize, rnd);
        double[] f = function(mode, r[0], r[1], s, rnd, maxSimPoints);
        for (int t = 0; t < steps; t++) {
          low[t] = Math.min(low[t], f[t]);
          high[t] = Math.max(high[t], f[t]);
          above[t] += f[t] >= stat[t] ? 1 : 0;
          below[t] += f[t] <= stat[t] ? 1 : 0;
        }
      }
      double[] p = new double[steps];
      for (int t = 0; t < steps; t++) {
        double up = (above[t] + 1.0) / (nSims + 1.0);
        double down = (below[t] + 1.0) / (nSims + 1.0);
        p[t] = nSims == 0 || Double.isNaN(stat[t]) ? Double.NaN : Math.min(1, Math.min(up, down));
      }
      out[c] = new Curve(stat, low, high, p);
    });
    return out;
  }

  /** n uniform points in the convex hull, by rejection from its bounding box. */
  static double[][] uniformInHull(Setup s, int n, SplittableRandom rnd) {
    Coordinate[] h = s.hull();
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (Coordinate c : h) {
      minX = Math.min(minX, c.x);
      minY = Math.min(minY, c.y);
      maxX = Math.max(maxX, c.x);
      maxY = Math.max(maxY, c.y);
    }
    double[] px = new double[n];
    double[] py = new double[n];
    int k = 0;
    while (k < n) {
      double a = minX + rnd.nextDouble() * (maxX - minX);
      double b = minY + rnd.nextDouble() * (maxY - minY);
      if (inside(h, a, b)) {
        px[k] = a;
        py[k++] = b;
      }
    }
    return new double[][] {px, py};
  }

  /** Whether (a, b) lies in the closed convex ring h (first point repeated last), of either orientation. */
  private static boolean inside(Coordinate[] h, double a, double b) {
    int sign = 0;
    for (int e = 0; e + 1 < h.length; e++) {
      double cross = (h[e + 1].x - h[e].x) * (b - h[e].y) - (h[e + 1].y - h[e].y) * (a - h[e].x);
      int sg = cross > 0 ? 1 : cross < 0 ? -1 : 0;
      if (sg != 0) {
        if (sign != 0 && sg != sign) {
          return false;
        }
        sign = sg;
      }
    }
    return true;
  }
}
