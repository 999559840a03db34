package org.myelin.core.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API kernel and its scalar twin answer alike, on counts and on every kind of non-count. */
class WholeCountsTest {

  @Test
  void vectorAndScalarAgreeEverywhere() {
    SplittableRandom rnd = new SplittableRandom(5);
    float[] odd = {0.5f, -1f, Float.NaN, Float.POSITIVE_INFINITY, 3e9f, 1e20f, -0f, 16777217f, 2.0000002f};
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + rnd.nextInt(40);
      float[] v = new float[n];
      for (int k = 0; k < n; k++) {
        v[k] = rnd.nextInt(10) < 8 ? rnd.nextInt(50) : odd[rnd.nextInt(odd.length)];
      }
      int from = rnd.nextInt(n);
      int to = from + rnd.nextInt(n - from + 1);
      assertEquals(WholeCounts.allScalar(v, from, to), WholeCounts.allVector(v, from, to), java.util.Arrays.toString(v));
    }
    assertTrue(WholeCounts.allVector(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 3e9f}, 0, 10), "3e9 is whole");
    assertFalse(WholeCounts.allVector(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 0.5f}, 0, 9));
    assertFalse(WholeCounts.allVector(new float[] {0, 1, 2, 3, 4, 5, 6, -7, 8}, 0, 9));
  }
}
