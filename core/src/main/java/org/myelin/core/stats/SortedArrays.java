package org.myelin.core.stats;

/** Binary searches in ascending double arrays, as C++'s lower_bound and upper_bound. */
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
}
