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

  @Test
  void perRowLog1pOfCountsIsBitForBitThePlainOne() {
    SplittableRandom rnd = new SplittableRandom(11);
    Normalize.RowLog1p log = new Normalize.RowLog1p(new Normalize.Log1p(1));
    float[] specials = {0f, -0f, Float.NaN, -3f, 1e9f, 2.5f, 255f, 256f, Float.POSITIVE_INFINITY};
    for (int row = 0; row < 500; row++) {
      float scale = (float) (1e4 / (200 + rnd.nextInt(20000)));
      log.nextRow();
      for (int k = 0; k < 300; k++) {
        float count = k % 50 == 0 ? specials[rnd.nextInt(specials.length)] : 1 + rnd.nextInt(k % 3 == 0 ? 400 : 6);
        float want = (float) Math.log1p(count * scale);
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(log.apply(count, scale)),
            "count " + count + " at scale " + scale);
      }
    }
  }
}
