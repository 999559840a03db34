package org.myelin.core.matrix;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of double arrays with the Vector API, and a scalar twin that adds in the same order
 * and so gives the same bits. HotSpot does not vectorise a floating-point sum by itself (that would
 * reorder the additions), so the scalar loop runs one multiply-add per cycle at best; eight
 * partial sums in two 256-bit registers lift that limit (JMH: {@code DotProductBenchmark} in the
 * bench module). The width is fixed at 256 bits rather than the machine's preferred one so that
 * the order of additions, and the result, is the same on every machine.
 *
 * <p>Order: partial sum {@code l} (0 to 7) adds the products at positions {@code 8i + l}; lanes
 * {@code l} and {@code l + 4} are added, then the four results left to right, then the tail
 * products one by one. Multiplications and additions are rounded separately (no fused multiply-add).
 */
public final class DotProduct {

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;

  /** Products summed per round: two vectors of four lanes. */
  public static final int STRIDE = 8;

  private DotProduct() {}

  /** The dot product of {@code len} values of a from aOff and of b from bOff. */
  public static double dot(double[] a, int aOff, double[] b, int bOff, int len) {
    DoubleVector acc0 = DoubleVector.zero(SPECIES);
    DoubleVector acc1 = DoubleVector.zero(SPECIES);
    int i = 0;
    int bound = len - len % STRIDE;
    for (; i < bound; i += STRIDE) {
      DoubleVector x0 = DoubleVector.fromArray(SPECIES, a, aOff + i);
      DoubleVector y0 = DoubleVector.fromArray(SPECIES, b, bOff + i);
      DoubleVector x1 = DoubleVector.fromArray(SPECIES, a, aOff + i + 4);
      DoubleVector y1 = DoubleVector.fromArray(SPECIES, b, bOff + i + 4);
      acc0 = acc0.add(x0.mul(y0));
      acc1 = acc1.add(x1.mul(y1));
    }
    DoubleVector lanes = acc0.add(acc1);
    double s = ((lanes.lane(0) + lanes.lane(1)) + lanes.lane(2)) + lanes.lane(3);
    for (; i < len; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }

  /** The dot product of two whole arrays of the same length. */
  public static double dot(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dot product of " + a.length + " and " + b.length + " values");
    }
    return dot(a, 0, b, 0, a.length);
  }

  /** The scalar twin of {@link #dot(double[], int, double[], int, int)}: the same additions, in the same order. */
  public static double dotScalar(double[] a, int aOff, double[] b, int bOff, int len) {
    double[] acc = new double[STRIDE];
    int i = 0;
    int bound = len - len % STRIDE;
    for (; i < bound; i += STRIDE) {
      for (int l = 0; l < STRIDE; l++) {
        acc[l] += a[aOff + i + l] * b[bOff + i + l];
      }
    }
    double s = (((acc[0] + acc[4]) + (acc[1] + acc[5])) + (acc[2] + acc[6])) + (acc[3] + acc[7]);
    for (; i < len; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }
}
