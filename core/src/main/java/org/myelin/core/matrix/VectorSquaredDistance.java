package org.myelin.core.matrix;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel behind {@link SquaredDistance}: blocks of eight lanes added alternately to
 * two 256-bit accumulators, as {@link SquaredDistance} documents, so that it gives the bits of
 * {@link SquaredDistance#scalar}. The lanes are summed by three shuffles, each adding neighbours at
 * distance 1, 2 and 4: lane 0 then holds exactly the documented pairwise sum (addition is
 * commutative to the bit). Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorSquaredDistance implements SquaredDistance.Kernel {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final VectorShuffle<Float> PAIRS = VectorShuffle.fromValues(SPECIES, 1, 0, 3, 2, 5, 4, 7, 6);
  private static final VectorShuffle<Float> QUADS = VectorShuffle.fromValues(SPECIES, 2, 3, 0, 1, 6, 7, 4, 5);
  private static final VectorShuffle<Float> HALVES = VectorShuffle.fromValues(SPECIES, 4, 5, 6, 7, 0, 1, 2, 3);

  @Override
  public float distance(float[] a, int aOff, float[] b, int bOff, int len) {
    FloatVector acc0 = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    int i = 0;
    int pairBound = len - len % (2 * SquaredDistance.BLOCK);
    for (; i < pairBound; i += 2 * SquaredDistance.BLOCK) {
      FloatVector d0 = FloatVector.fromArray(SPECIES, a, aOff + i).sub(FloatVector.fromArray(SPECIES, b, bOff + i));
      FloatVector d1 = FloatVector.fromArray(SPECIES, a, aOff + i + SquaredDistance.BLOCK)
          .sub(FloatVector.fromArray(SPECIES, b, bOff + i + SquaredDistance.BLOCK));
      acc0 = acc0.add(d0.mul(d0));
      acc1 = acc1.add(d1.mul(d1));
    }
    if (len - i >= SquaredDistance.BLOCK) {
      FloatVector d0 = FloatVector.fromArray(SPECIES, a, aOff + i).sub(FloatVector.fromArray(SPECIES, b, bOff + i));
      acc0 = acc0.add(d0.mul(d0));
      i += SquaredDistance.BLOCK;
    }
    float s = lanes(acc0.add(acc1));
    for (; i < len; i++) {
      float diff = a[aOff + i] - b[bOff + i];
      s += diff * diff;
    }
    return s;
  }

  /** The eight lanes added pairwise in the order {@link SquaredDistance#lanes} documents. */
  static float lanes(FloatVector v) {
    v = v.add(v.rearrange(PAIRS));
    v = v.add(v.rearrange(QUADS));
    v = v.add(v.rearrange(HALVES));
    return v.lane(0);
  }
}
