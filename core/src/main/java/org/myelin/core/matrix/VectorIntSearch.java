package org.myelin.core.matrix;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel behind {@link IntSearch}: eight lanes compared per step, the remainder one by
 * one. Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorIntSearch implements IntSearch.Kernel {

  private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;

  @Override
  public boolean contains(int[] a, int off, int len, int value) {
    int i = 0;
    int bound = len - len % SPECIES.length();
    for (; i < bound; i += SPECIES.length()) {
      if (IntVector.fromArray(SPECIES, a, off + i).eq(value).anyTrue()) {
        return true;
      }
    }
    for (; i < len; i++) {
      if (a[off + i] == value) {
        return true;
      }
    }
    return false;
  }
}
