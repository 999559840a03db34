package org.myelin.core.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScaledRowSumTest {

  @Test
  void vectorAndScalarGiveTheSameBitsForEveryWidth() {
    Random rnd = new Random(5);
    int genes = 30;
    // Every width from 1 to five vectors of the widest lanes and a tail, so that each kernel path
    // (four vectors at once, one vector, one column) is met with a tail after it.
    for (int k = 1; k <= 5 * 8 + 7; k++) {
      double[] w = new double[genes * k];
      for (int i = 0; i < w.length; i++) {
        // Mixed magnitudes: any change in the order of additions would show in the bits.
        w[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4);
      }
      int n = rnd.nextInt(25);
      int[] rows = new int[n + 2];
      double[] v = new double[n + 2];
      for (int t = 0; t < n; t++) {
        rows[t] = rnd.nextInt(genes);
        v[t] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2);
      }
      double[] start = new double[k + 3];
      for (int c = 0; c < start.length; c++) {
        start[c] = rnd.nextGaussian();
      }
      double[] scalar = start.clone();
      double[] vector = start.clone();
      ScaledRowSum.addScalar(scalar, 3, k, w, rows, v, n);
      ScaledRowSum.addVector(vector, 3, k, w, rows, v, n);
      assertArrayEquals(scalar, vector, 0.0, "width " + k + ", " + n + " entries");
      // The scalar twin is the plain sum, entry by entry; entries before the offset are untouched.
      for (int c = 0; c < k; c++) {
        double sum = start[3 + c];
        for (int t = 0; t < n; t++) {
          sum += v[t] * w[rows[t] * k + c];
        }
        assertEquals(Double.doubleToRawLongBits(sum), Double.doubleToRawLongBits(scalar[3 + c]));
      }
      assertEquals(start[0], vector[0]);
    }
    assertTrue(ScaledRowSum.vectorised(), "the tests run with jdk.incubator.vector: the Vector API kernel is chosen");
  }
}
