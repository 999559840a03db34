package org.myelin.core.embed;

import java.util.function.DoubleUnaryOperator;

/**
 * A smooth function of the squared distance d<sup>2</sup> tabulated for UMAP's gradient: 128
 * points per octave from 2<sup>-40</sup> to 2<sup>40</sup>, read by the bits of d<sup>2</sup>
 * (its exponent and top 7 mantissa bits pick the cell) and interpolated linearly inside the cell,
 * a relative error below 1e-4 (tested); outside the range the function itself. UMAP evaluates
 * its attractive and repulsive coefficients about a billion times at 100k cells, each a
 * {@code pow} and a division (~60 ns); two loads and a multiply-add instead cut the layout by
 * more than half, and an error of 1e-4 on one step of stochastic gradient descent is far below its
 * own noise. Built with {@code StrictMath}, so the table, hence every layout, is the same on
 * every JVM.
 */
final class GradientTable {

  private static final int MANTISSA_BITS = 7;
  private static final int SHIFT = 52 - MANTISSA_BITS;
  private static final int LOW_EXPONENT = -40;
  private static final int HIGH_EXPONENT = 40;
  private static final double LOW = Math.scalb(1.0, LOW_EXPONENT);
  private static final double HIGH = Math.scalb(1.0, HIGH_EXPONENT);
  /** The cell index of LOW: its biased exponent and zero mantissa bits. */
  private static final int FIRST = (int) (Double.doubleToRawLongBits(LOW) >>> SHIFT);

  private final DoubleUnaryOperator function;
  private final double[] value;
  private final double[] slope;

  private GradientTable(DoubleUnaryOperator function) {
    this.function = function;
    int cells = (HIGH_EXPONENT - LOW_EXPONENT) << MANTISSA_BITS;
    value = new double[cells];
    slope = new double[cells];
    double left = LOW;
    double atLeft = function.applyAsDouble(left);
    for (int c = 0; c < cells; c++) {
      double right = Double.longBitsToDouble((long) (FIRST + c + 1) << SHIFT);
      double atRight = function.applyAsDouble(right);
      value[c] = atLeft;
      slope[c] = (atRight - atLeft) / (right - left);
      left = right;
      atLeft = atRight;
    }
  }

  /** The attractive coefficient of an edge, -2ab d^2(b-1) / (1 + a d^2b), as umap-learn's. */
  static GradientTable attractive(double a, double b) {
    return new GradientTable(d2 -> -2.0 * a * b * StrictMath.pow(d2, b - 1.0) / (a * StrictMath.pow(d2, b) + 1.0));
  }

  /** The repulsive coefficient of a negative sample, 2b / ((0.001 + d^2)(1 + a d^2b)), as umap-learn's. */
  static GradientTable repulsive(double a, double b) {
    return new GradientTable(d2 -> 2.0 * b / ((0.001 + d2) * (a * StrictMath.pow(d2, b) + 1.0)));
  }

  /** The function at {@code d2 > 0}. */
  double at(double d2) {
    if (!(d2 >= LOW && d2 < HIGH)) {
      return function.applyAsDouble(d2);
    }
    long bits = Double.doubleToRawLongBits(d2);
    int c = (int) (bits >>> SHIFT) - FIRST;
    double left = Double.longBitsToDouble(bits & (-1L << SHIFT));
    return value[c] + slope[c] * (d2 - left);
  }
}
