package org.myelin.core.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SquaredDistanceTest {

  @Test
  void vectorAndScalarGiveTheSameBitsForEveryTail() {
    float[][] rows = MixedMagnitudes.pair(12, 300);
    float[] a = rows[0];
    float[] b = rows[1];
    // Every length from 0 to 5 blocks + 7 (each tail 0..7, after an odd or even number of blocks), at odd offsets.
    for (int len = 0; len <= 5 * SquaredDistance.BLOCK + 7; len++) {
      for (int off = 0; off < 3; off++) {
        float v = SquaredDistance.vector(a, off, b, 2 * off + 1, len);
        float s = SquaredDistance.scalar(a, off, b, 2 * off + 1, len);
        assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(v), "length " + len + " offset " + off);
        double exact = 0;
        for (int i = 0; i < len; i++) {
          double diff = (double) a[off + i] - b[2 * off + 1 + i];
          exact += diff * diff;
        }
        // float32 sums of len positive terms: relative error within len float epsilons.
        assertEquals(exact, v, 1e-7 * (len + 1) * exact + 1e-30, "length " + len);
      }
    }
    assertEquals(Float.floatToRawIntBits(SquaredDistance.scalar(a, 0, b, 0, 299)),
        Float.floatToRawIntBits(SquaredDistance.of(a, 0, b, 0, 299)));
    assertTrue(SquaredDistance.vectorised(), "the tests run with jdk.incubator.vector: the Vector API kernel is chosen");
  }
}
