package org.myelin.core.matrix;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API kernel of {@link WholeCounts}; loaded only when the JVM has {@code jdk.incubator.vector}. */
final class VectorWholeCounts implements WholeCounts.Kernel {

  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;

  @Override
  public boolean all(float[] v, int from, int to) {
    int k = from;
    int bound = from + (to - from) / FLOATS.length() * FLOATS.length();
    for (; k < bound; k += FLOATS.length()) {
      FloatVector x = FloatVector.fromArray(FLOATS, v, k);
      FloatVector back = (FloatVector) x.convertShape(VectorOperators.F2I, INTS, 0)
          .convertShape(VectorOperators.I2F, FLOATS, 0);
      // A lane that is negative or not its own int, or NaN, is settled by the scalar twin.
      if (x.compare(VectorOperators.NE, back).or(x.compare(VectorOperators.LT, 0f)).anyTrue()
          && !WholeCounts.allScalar(v, k, k + FLOATS.length())) {
        return false;
      }
    }
    return WholeCounts.allScalar(v, k, to);
  }
}
