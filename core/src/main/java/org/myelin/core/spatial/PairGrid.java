package org.myelin.core.spatial;

/**
 * Points bucketed on a square grid whose side is at least a given radius, so that every pair of
 * points closer than the radius lies in the same or in adjacent buckets: all such pairs are met
 * without a distance matrix (every pair, when the radius spans the points).
 */
final class PairGrid {

  /** What is done with a pair: point i, point j, their squared distance. */
  interface PairVisitor {
    void visit(int i, int j, double d2);
  }

  private final double[] x;
  private final double[] y;
  private final double minX;
  private final double minY;
  private final double side;
  private final int nx;
  private final int ny;
  private final int[] start;
  private final int[] members;
  private final int[] bucketOf;

  PairGrid(double[] x, double[] y, double radius) {
    this.x = x;
    this.y = y;
    int n = x.length;
    double lx = Double.POSITIVE_INFINITY;
    double ly = Double.POSITIVE_INFINITY;
    double hx = Double.NEGATIVE_INFINITY;
    double hy = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      lx = Math.min(lx, x[i]);
      ly = Math.min(ly, y[i]);
      hx = Math.max(hx, x[i]);
      hy = Math.max(hy, y[i]);
    }
    minX = lx;
    minY = ly;
    // At most 4096 buckets per axis; a radius of 0 still gets a positive side.
    side = Math.max(Math.max(radius, Math.max(hx - lx, hy - ly) / 4096), Double.MIN_NORMAL);
    nx = n == 0 ? 1 : (int) ((hx - lx) / side) + 1;
    ny = n == 0 ? 1 : (int) ((hy - ly) / side) + 1;
    start = new int[nx * ny + 1];
    bucketOf = new int[n];
    for (int i = 0; i < n; i++) {
      bucketOf[i] = bucket(x[i], y[i]);
      start[bucketOf[i] + 1]++;
    }
    for (int b = 0; b < nx * ny; b++) {
      start[b + 1] += start[b];
    }
    members = new int[n];
    int[] fill = start.clone();
    for (int i = 0; i < n; i++) {
      members[fill[bucketOf[i]]++] = i;
    }
  }

  private int bucket(double px, double py) {
    int bx = Math.min(nx - 1, Math.max(0, (int) ((px - minX) / side)));
    int by = Math.min(ny - 1, Math.max(0, (int) ((py - minY) / side)));
    return by * nx + bx;
  }

  /** As {@link #forEachNear}, for the points j &gt; i only: each unordered pair once over all i. */
  void forEachNearAbove(int i, PairVisitor v) {
    int b = bucketOf[i];
    int bx = b % nx;
    int by = b / nx;
    for (int yy = Math.max(0, by - 1); yy <= Math.min(ny - 1, by + 1); yy++) {
      for (int xx = Math.max(0, bx - 1); xx <= Math.min(nx - 1, bx + 1); xx++) {
        int bucket = yy * nx + xx;
        // Members are in index order within a bucket: start past i.
        int from = lowerBound(members, start[bucket], start[bucket + 1], i + 1);
        for (int m = from; m < start[bucket + 1]; m++) {
          int j = members[m];
          double dx = x[j] - x[i];
          double dy = y[j] - y[i];
          v.visit(i, j, dx * dx + dy * dy);
        }
      }
    }
  }

  private static int lowerBound(int[] a, int lo, int hi, int key) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Visits every point j in the buckets around point i (i itself included); the visitor filters by distance. */
  void forEachNear(int i, PairVisitor v) {
    int b = bucketOf[i];
    int bx = b % nx;
    int by = b / nx;
    for (int yy = Math.max(0, by - 1); yy <= Math.min(ny - 1, by + 1); yy++) {
      for (int xx = Math.max(0, bx - 1); xx <= Math.min(nx - 1, bx + 1); xx++) {
        int bucket = yy * nx + xx;
        for (int m = start[bucket]; m < start[bucket + 1]; m++) {
          int j = members[m];
          double dx = x[j] - x[i];
          double dy = y[j] - y[i];
          v.visit(i, j, dx * dx + dy * dy);
        }
      }
    }
  }
}
