package org.myelin.core.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DotProductTest {

  @Test
  void vectorAndScalarGiveTheSameBitsForEveryTail() {
    Random rnd = new Random(11);
    double[] a = new double[300];
    double[] b = new double[300];
    for (int i = 0; i < a.length; i++) {
      // Mixed magnitudes, so that any change in the order of additions would show in the bits.
      a[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4);
      b[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4);
    }
    // Every length from 0 to 3 strides + 7 (each tail 0..7, with 0 to 3 full rounds), at odd offsets.
    for (int len = 0; len <= 3 * DotProduct.STRIDE + 7; len++) {
      for (int off = 0; off < 3; off++) {
        double v = DotProduct.dotVector(a, off, b, 2 * off + 1, len);
        double s = DotProduct.dotScalar(a, off, b, 2 * off + 1, len);
        assertEquals(Double.doubleToRawLongBits(s), Double.doubleToRawLongBits(v), "length " + len + " offset " + off);
        double naive = 0;
        double scale = 0;
        for (int i = 0; i < len; i++) {
          naive += a[off + i] * b[2 * off + 1 + i];
          scale += Math.abs(a[off + i] * b[2 * off + 1 + i]);
        }
        assertEquals(naive, v, 1e-13 * scale + 1e-300, "length " + len);
      }
    }
    // A long one too.
    assertEquals(Double.doubleToRawLongBits(DotProduct.dotScalar(a, 0, b, 0, 299)),
        Double.doubleToRawLongBits(DotProduct.dot(a, 0, b, 0, 299)));
    assertTrue(DotProduct.vectorised(), "the tests run with jdk.incubator.vector: the Vector API kernel is chosen");
    assertThrows(IllegalArgumentException.class, () -> DotProduct.dot(new double[3], new double[4]));
  }

  @Test
  void floatVectorAndScalarGiveTheSameBitsForEveryTail() {
    float[][] rows = MixedMagnitudes.pair(13, 300);
    float[] a = rows[0];
    float[] b = rows[1];
    // Every length from 0 to 5 blocks + 7 (each tail 0..7, after an odd or even number of blocks), at odd offsets.
    for (int len = 0; len <= 5 * SquaredDistance.BLOCK + 7; len++) {
      for (int off = 0; off < 3; off++) {
        float v = DotProduct.dotVector(a, off, b, 2 * off + 1, len);
        float s = DotProduct.dotScalar(a, off, b, 2 * off + 1, len);
        assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(v), "length " + len + " offset " + off);
        double exact = 0;
        double scale = 0;
        for (int i = 0; i < len; i++) {
          exact += (double) a[off + i] * b[2 * off + 1 + i];
          scale += Math.abs((double) a[off + i] * b[2 * off + 1 + i]);
        }
        // float32 sums of len terms: error within len float epsilons of the sum of magnitudes.
        assertEquals(exact, v, 1e-7 * (len + 1) * scale + 1e-30, "length " + len);
      }
    }
    assertEquals(Float.floatToRawIntBits(DotProduct.dotScalar(a, 0, b, 0, 299)),
        Float.floatToRawIntBits(DotProduct.dot(a, 0, b, 0, 299)));
  }
}
