package org.myelin.core.pp;

import java.util.Arrays;

/**
 * A float function's results kept by the argument's bits in a direct-mapped table: normalised
 * counts repeat (within a cell every count of 1 is the same float), so log1p or expm1 over X needs
 * the function for about one value in twenty. A result is the function's own, the same bits as
 * calling it every time. One per thread: not thread-safe.
 */
abstract class FloatMemo {

  /** Slots of the table: a power of two. */
  static final int SLOTS = 4096;

  private static final int SHIFT = 32 - Integer.numberOfTrailingZeros(SLOTS);

  private final int[] keys = new int[SLOTS];
  private final float[] results = new float[SLOTS];

  FloatMemo() {
    Arrays.fill(keys, -1); // a NaN's bits: NaN is never kept, so never looked up
  }

  /** The function itself (a subclass per function keeps each call site monomorphic, so inlined). */
  abstract float compute(float f);

  final float apply(float f) {
    if (f != f) {
      return compute(f);
    }
    int bits = Float.floatToRawIntBits(f);
    int slot = (bits * 0x9E3779B9) >>> SHIFT;
    if (keys[slot] != bits) {
      keys[slot] = bits;
      results[slot] = compute(f);
    }
    return results[slot];
  }
}
