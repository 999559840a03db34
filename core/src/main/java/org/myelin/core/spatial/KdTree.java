package org.myelin.core.spatial;

/**
 * A static k-d tree on points in the plane (Bentley, CACM 1975), stored implicitly: the points'
 * order is permuted so each node is a range whose median splits it on the wider axis, leaves of at
 * most 16 points. Answers k-nearest and fixed-radius queries exactly; equal distances are ordered by
 * point index, so results do not depend on the tree's shape or the threads.
 */
public final class KdTree {

  private static final int LEAF = 16;

  private final double[] x;
  private final double[] y;
  private final int[] perm;
  /** The split axis of each internal node, at the node's median position: 0 for x, 1 for y. */
  private final byte[] axes;

  public KdTree(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " x coordinates but " + y.length + " y");
    }
    this.x = x;
    this.y = y;
    perm = new int[x.length];
    axes = new byte[x.length];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i;
    }
    build(0, perm.length);
  }

  private void build(int lo, int hi) {
    if (hi - lo <= LEAF) {
      return;
    }
    boolean onX = spread(x, lo, hi) >= spread(y, lo, hi);
    int mid = (lo + hi) >>> 1;
    axes[mid] = (byte) (onX ? 0 : 1);
    select(onX ? x : y, lo, hi - 1, mid);
    build(lo, mid);
    build(mid + 1, hi);
  }

  private double spread(double[] c, int lo, int hi) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = lo; k < hi; k++) {
      min = Math.min(min, c[perm[k]]);
      max = Math.max(max, c[perm[k]]);
    }
    return max - min;
  }

  /** Quickselect on perm[lo..hi] by c, then index, so that perm[k] is in its sorted place. */
  private void select(double[] c, int lo, int hi, int k) {
    while (hi > lo) {
      int pivot = perm[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (less(c, perm[i], pivot)) {
          i++;
        }
        while (less(c, pivot, perm[j])) {
          j--;
        }
        if (i <= j) {
          int t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private static boolean less(double[] c, int a, int b) {
    return c[a] < c[b] || (c[a] == c[b] && a < b);
  }

  /**
   * The k nearest points to point {@code self} (itself excluded), nearest first, ties by index.
   *
   * @param idx receives the indices (length at least k)
   * @param dist receives the distances
   * @return how many were found (less than k only when there are fewer other points)
   */
  public int nearest(int self, int k, int[] idx, double[] dist) {
    Heap h = new Heap(k);
    search(0, perm.length, x[self], y[self], self, h, axes);
    return h.drain(idx, dist);
  }

  private void search(int lo, int hi, double qx, double qy, int self, Heap h, byte[] a) {
    if (hi - lo <= LEAF) {
      for (int k = lo; k < hi; k++) {
        int p = perm[k];
        if (p != self) {
          h.offer(p, sq(x[p] - qx) + sq(y[p] - qy));
        }
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    int p = perm[mid];
    if (p != self) {
      h.offer(p, sq(x[p] - qx) + sq(y[p] - qy));
    }
    double diff = a[mid] == 0 ? qx - x[p] : qy - y[p];
    if (diff < 0) {
      search(lo, mid, qx, qy, self, h, a);
      if (sq(diff) <= h.bound()) {
        search(mid + 1, hi, qx, qy, self, h, a);
      }
    } else {
      search(mid + 1, hi, qx, qy, self, h, a);
      if (sq(diff) <= h.bound()) {
        search(lo, mid, qx, qy, self, h, a);
      }
    }
  }

  /** The distance from (qx, qy), any point of the plane, to the nearest point of the tree. */
  public double nearestDistance(double qx, double qy) {
    Heap h = new Heap(1);
    search(0, perm.length, qx, qy, -1, h, axes);
    int[] idx = new int[1];
    double[] dist = new double[1];
    return h.drain(idx, dist) == 0 ? Double.POSITIVE_INFINITY : dist[0];
  }

  /** How many points lie within {@code radius} of (qx, qy), counting no further than {@code cap}. */
  public int countWithin(double qx, double qy, double radius, int cap) {
    IntList out = new IntList();
    collect(0, perm.length, qx, qy, -1, radius * radius, out, axes);
    return Math.min(cap, out.toArray().length);
  }

  /** Every point within {@code radius} of point {@code self} (itself excluded), by index. */
  public int[] within(int self, double radius) {
    IntList out = new IntList();
    collect(0, perm.length, x[self], y[self], self, radius * radius, out, axes);
    int[] r = out.toArray();
    java.util.Arrays.sort(r);
    return r;
  }

  private void collect(int lo, int hi, double qx, double qy, int self, double r2, IntList out, byte[] a) {
    if (hi - lo <= LEAF) {
      for (int k = lo; k < hi; k++) {
        int p = perm[k];
        if (p != self && sq(x[p] - qx) + sq(y[p] - qy) <= r2) {
          out.add(p);
        }
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    int p = perm[mid];
    if (p != self && sq(x[p] - qx) + sq(y[p] - qy) <= r2) {
      out.add(p);
    }
    double diff = a[mid] == 0 ? qx - x[p] : qy - y[p];
    if (diff < 0 || sq(diff) <= r2) {
      collect(lo, mid, qx, qy, self, r2, out, a);
    }
    if (diff >= 0 || sq(diff) <= r2) {
      collect(mid + 1, hi, qx, qy, self, r2, out, a);
    }
  }

  private static double sq(double v) {
    return v * v;
  }

  /** The k best (squared distance, index) pairs seen, as a max-heap on (distance, index). */
  private static final class Heap {
    private final int k;
    private final double[] d;
    private final int[] i;
    private int size;

    Heap(int k) {
      this.k = k;
      d = new double[k];
      i = new int[k];
    }

    double bound() {
      return size < k ? Double.POSITIVE_INFINITY : d[0];
    }

    private boolean worse(int a, int b) {
      return d[a] > d[b] || (d[a] == d[b] && i[a] > i[b]);
    }

    void offer(int index, double dist) {
      if (k == 0) {
        return;
      }
      if (size < k) {
        d[size] = dist;
        i[size] = index;
        int c = size++;
        while (c > 0 && worse(c, (c - 1) / 2)) {
          swap(c, (c - 1) / 2);
          c = (c - 1) / 2;
        }
        return;
      }
      if (dist > d[0] || (dist == d[0] && index > i[0])) {
        return;
      }
      d[0] = dist;
      i[0] = index;
      siftDown();
    }

    /** Restores the heap after its root was replaced. */
    private void siftDown() {
      int c = 0;
      while (true) {
        int l = 2 * c + 1;
        int r = l + 1;
        int m = c;
        if (l < size && worse(l, m)) {
          m = l;
        }
        if (r < size && worse(r, m)) {
          m = r;
        }
        if (m == c) {
          break;
        }
        swap(c, m);
        c = m;
      }
    }

    private void swap(int a, int b) {
      double td = d[a];
      d[a] = d[b];
      d[b] = td;
      int ti = i[a];
      i[a] = i[b];
      i[b] = ti;
    }

    /** Empties the heap into idx/dist, nearest first; returns the count. */
    int drain(int[] idx, double[] dist) {
      int n = size;
      for (int t = n - 1; t >= 0; t--) {
        idx[t] = i[0];
        dist[t] = Math.sqrt(d[0]);
        size--;
        d[0] = d[size];
        i[0] = i[size];
        siftDown();
      }
      return n;
    }
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] a = new int[16];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, 2 * n);
      }
      a[n++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
