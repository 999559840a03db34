package org.myelin.core.stats;

/**
 * Binary searches in ascending double arrays, as C++'s lower_bound and upper_bound, and the stable
 * sorting order of a double array (R's {@code order}, numpy's stable argsort) without boxing.
 */
public final class SortedArrays {

  private SortedArrays() {}

  /** The first index whose value is at least key (a.length when none). */
  public static int lowerBound(double[] a, double key) {
    int lo = 0;
    int hi = a.length;
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

  /** The first index whose value is above key (a.length when none). */
  public static int upperBound(double[] a, double key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The indices of {@code keys} in ascending order ({@link Double#compare}: NaN last), equal keys
   * in index order; a bottom-up merge sort on primitive arrays.
   */
  public static int[] order(double[] keys) {
    int n = keys.length;
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
          b[k] = j >= hi || (i < mid && Double.compare(keys[a[i]], keys[a[j]]) <= 0) ? a[i++] : a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }
}
