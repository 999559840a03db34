package org.myelin.core.matrix;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel behind {@link DotProduct}: two 256-bit vectors of four lanes, added as
 * {@link DotProduct} documents, so that it gives the bits of {@link DotProduct#dotScalar}; float32
 * rows as {@link VectorSquaredDistance} sums them. Loaded only when the JVM has
 * {@code jdk.incubator.vector}.
 */
final class VectorDotProduct implements DotProduct.Kernel {

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;

  @Override
  public double dot(double[] a, int aOff, double[] b, int bOff, int len) {
    DoubleVector acc0 = DoubleVector.zero(SPECIES);
    DoubleVector acc1 = DoubleVector.zero(SPECIES);
    int i = 0;
    int bound = len - len % DotProduct.STRIDE;
    for (; i < bound; i += DotProduct.STRIDE) {
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

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
    int block = SquaredDistance.BLOCK;
    FloatVector acc0 = FloatVector.zero(FLOATS);
    FloatVector acc1 = FloatVector.zero(FLOATS);
    int i = 0;
    int pairBound = len - len % (2 * block);
    for (; i < pairBound; i += 2 * block) {
      acc0 = acc0.add(FloatVector.fromArray(FLOATS, a, aOff + i).mul(FloatVector.fromArray(FLOATS, b, bOff + i)));
      acc1 = acc1.add(FloatVector.fromArray(FLOATS, a, aOff + i + block)
          .mul(FloatVector.fromArray(FLOATS, b, bOff + i + block)));
    }
    if (len - i >= block) {
      acc0 = acc0.add(FloatVector.fromArray(FLOATS, a, aOff + i).mul(FloatVector.fromArray(FLOATS, b, bOff + i)));
      i += block;
    }
    float s = VectorSquaredDistance.lanes(acc0.add(acc1));
    for (; i < len; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }
}
