package org.myelin.core.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntSearchTest {

  @Test
  void vectorAndScalarAgreeForEveryPositionAndLength() {
    int[] a = new int[64];
    for (int i = 0; i < a.length; i++) {
      a[i] = 3 * i + 1;
    }
    for (int off = 0; off < 3; off++) {
      for (int len = 0; len <= 56; len++) {
        // Every value in the range, the ones just outside it, and one never present.
        for (int v = -1; v <= 3 * (off + len + 1) + 1; v++) {
          boolean expected = IntSearch.containsScalar(a, off, len, v);
          assertEquals(expected, IntSearch.containsVector(a, off, len, v), "off " + off + " len " + len + " value " + v);
          assertEquals(expected, IntSearch.contains(a, off, len, v));
        }
        if (len > 0) {
          assertTrue(IntSearch.contains(a, off, len, a[off + len - 1]), "the last value of the range is found");
        }
      }
    }
    assertTrue(IntSearch.vectorised(), "the tests run with jdk.incubator.vector: the Vector API kernel is chosen");
  }
}
