package org.myelin.core.embed;

import java.util.function.DoubleUnaryOperator;

/**
 * UMAP's two gradient coefficients, smooth functions of the squared distance d<sup>2</sup>,
 * tabulated: 128 points per octave from 2<sup>-40</sup> to 2<sup>40</sup>, read by the bits of
 * d<sup>2</sup> (its exponent and top 7 mantissa bits pick the cell) and interpolated linearly
 * inside the cell, a relative error below 1e-4 (tested); outside the range the function itself.
 * UMAP evaluates its attractive and repulsive coefficients about a billion times at 100k cells,
 * each a {@code pow} and a division (~60 ns); two loads and a multiply-add instead cut the layout
 * by more than half, and an error of 1e-4 on one step of stochastic gradient descent is far below
 * its own noise. Each cell's value and slope sit side by side, and both functions in one array, so
 * a lookup is one cache line and the function is picked by an offset, not a branch. Built with
 * {@code StrictMath}, so the table, hence every layout, is the same on every JVM.
 */
final class GradientTable {

  /** The attractive coefficient of an edge, -2ab d^2(b-1) / (1 + a d^2b), as umap-learn's. */
  static final int ATTRACTIVE = 0;
  /** The repulsive coefficient of a negative sample, 2b / ((0.001 + d^2)(1 + a d^2b)), as umap-learn's. */
  static final int REPULSIVE = 1;

  private static final int MANTISSA_BITS = 7;
  private static final int SHIFT = 52 - MANTISSA_BITS;
  private static final int LOW_EXPONENT = -40;
  private static final int HIGH_EXPONENT = 40;
  private static final double LOW = Math.scalb(1.0, LOW_EXPONENT);
  private static final double HIGH = Math.scalb(1.0, HIGH_EXPONENT);
  /** The cell index of LOW: its biased exponent and zero mantissa bits. */
  private static final int FIRST = (int) (Double.doubleToRawLongBits(LOW) >>> SHIFT);
  private static final int CELLS = (HIGH_EXPONENT - LOW_EXPONENT) << MANTISSA_BITS;

  private final DoubleUnaryOperator[] functions;
  /** Per function, per cell: the value at the cell's left end, then the slope across it. */
  private final double[] table;

  private GradientTable(DoubleUnaryOperator... functions) {
    this.functions = functions;
    table = new double[2 * CELLS * functions.length];
    for (int f = 0; f < functions.length; f++) {
      double left = LOW;
      double atLeft = functions[f].applyAsDouble(left);
      for (int c = 0; c < CELLS; c++) {
        double right = Double.longBitsToDouble((long) (FIRST + c + 1) << SHIFT);
        double atRight = functions[f].applyAsDouble(right);
        int at = 2 * (f * CELLS + c);
        table[at] = atLeft;
        table[at + 1] = (atRight - atLeft) / (right - left);
        left = right;
        atLeft = atRight;
      }
    }
  }

  /** The attractive and repulsive coefficients of umap-learn's curve 1 / (1 + a d^2b). */
  static GradientTable umap(double a, double b) {
    return new GradientTable(
        d2 -> -2.0 * a * b * StrictMath.pow(d2, b - 1.0) / (a * StrictMath.pow(d2, b) + 1.0),
        d2 -> 2.0 * b / ((0.001 + d2) * (a * StrictMath.pow(d2, b) + 1.0)));
  }

  /** Function {@code f} ({@link #ATTRACTIVE} or {@link #REPULSIVE}) at {@code d2 > 0}. */
  double at(int f, double d2) {
    if (!(d2 >= LOW && d2 < HIGH)) {
      return functions[f].applyAsDouble(d2);
    }
    long bits = Double.doubleToRawLongBits(d2);
    int c = 2 * (f * CELLS + (int) (bits >>> SHIFT) - FIRST);
    double left = Double.longBitsToDouble(bits & (-1L << SHIFT));
    return table[c] + table[c + 1] * (d2 - left);
  }
}
