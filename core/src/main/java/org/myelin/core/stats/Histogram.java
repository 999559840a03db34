package org.myelin.core.stats;

/**
 * numpy's {@code np.histogram(a, bins)} with equal bins over the values' range, to the last count:
 * edges from {@code np.linspace}, each value placed by (a - first) * bins / (last - first) and
 * moved by one where that lands it on the wrong side of an edge; the last bin holds its right edge.
 *
 * @param counts values per bin
 * @param edges bins + 1 edges
 */
public record Histogram(long[] counts, double[] edges) {

  /** The histogram of {@code a} (finite values) in {@code bins} equal bins from its minimum to its maximum. */
  public static Histogram of(double[] a, int bins) {
    double first = Double.POSITIVE_INFINITY;
    double last = Double.NEGATIVE_INFINITY;
    for (double v : a) {
      first = Math.min(first, v);
      last = Math.max(last, v);
    }
    if (first == last) {
      first -= 0.5;
      last += 0.5;
    }
    double[] edges = linspace(first, last, bins + 1);
    long[] counts = new long[bins];
    double norm = bins / (last - first);
    for (double v : a) {
      int i = (int) ((v - first) * norm);
      if (i == bins) {
        i--;
      }
      if (v < edges[i]) {
        i--;
      }
      if (i != bins - 1 && v >= edges[i + 1]) {
        i++;
      }
      counts[i]++;
    }
    return new Histogram(counts, edges);
  }

  /** The middles of the bins, (left + right) / 2 as skimage computes them. */
  public double[] centers() {
    double[] c = new double[counts.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = (edges[i] + edges[i + 1]) / 2.;
    }
    return c;
  }

  /** numpy's linspace with its endpoint: start + i * step, the last value exactly stop. */
  public static double[] linspace(double start, double stop, int num) {
    double[] y = new double[num];
    if (num == 1) {
      y[0] = start;
      return y;
    }
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      y[i] = i * step + start;
    }
    y[num - 1] = stop;
    return y;
  }
}
