package org.myelin.core.pp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/** The cached log1p gives the bits of the plain one for every value: repeats, collisions, zeros, NaN. */
class NormalizeLogTest {

  @Test
  void cachedLog1pIsBitForBitThePlainOne() {
    int rows = 2000;
    int cols = 300;
    SplittableRandom rnd = new SplittableRandom(9);
    long[] ptr = new long[rows + 1];
    int nnz = 0;
    int[] idx = new int[rows * 40];
    float[] val = new float[rows * 40];
    for (int i = 0; i < rows; i++) {
      float scale = (float) (1e4 / (500 + rnd.nextInt(5000)));
      for (int k = 0; k < 40; k++) {
        idx[nnz] = k * 7;
        // Mostly small counts times the row's scale (repeats), some arbitrary floats (cache collisions).
        val[nnz] = k % 9 == 0 ? (float) (rnd.nextDouble() * 1e3) : (1 + rnd.nextInt(4)) * scale;
        if (i == 3 && k == 0) {
          val[nnz] = Float.NaN;
        }
        nnz++;
      }
      ptr[i + 1] = nnz;
    }
    CsrMatrix x = CsrMatrix.fromCsr(cols, ptr, java.util.Arrays.copyOf(idx, nnz), java.util.Arrays.copyOf(val, nnz));
    float[] expected = new float[nnz];
    for (int k = 0; k < nnz; k++) {
      expected[k] = (float) (Math.log1p(val[k]) / Math.log(2));
    }
    Normalize.logInPlace(x, Math.log(2), new Parallel(2));
    int k = 0;
    for (int b = 0; b < x.nBlocks(); b++) {
      var block = x.block(b);
      for (int e = 0; e < block.nnz(); e++, k++) {
        assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits((float) block.value(e)), "value " + k);
      }
    }
    assertEquals(nnz, k);
  }
}
