package org.myelin.core.matrix;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel behind {@link IntSearch}: the machine's widest vectors compared, their
 * matches gathered and tested once. Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorIntSearch implements IntSearch.Kernel {

  private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;

  @Override
  public boolean contains(int[] a, int off, int len, int value) {
    int lanes = SPECIES.length();
    if (len < lanes) {
      for (int i = 0; i < len; i++) {
        if (a[off + i] == value) {
          return true;
        }
      }
      return false;
    }
    // One test at the end rather than one per vector, and a last vector that overlaps the one
    // before instead of a scalar tail: the neighbour lists are a few vectors long, the answer is
    // usually no, and the branches cost more than the comparisons.
    VectorMask<Integer> hit = IntVector.fromArray(SPECIES, a, off).eq(value);
    int i = lanes;
    for (; i + lanes <= len; i += lanes) {
      hit = hit.or(IntVector.fromArray(SPECIES, a, off + i).eq(value));
    }
    if (i < len) {
      hit = hit.or(IntVector.fromArray(SPECIES, a, off + len - lanes).eq(value));
    }
    return hit.anyTrue();
  }
}
