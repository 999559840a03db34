package org.myelin.core.pp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/** expm1 through the cache of results gives the sums of the plain expm1, bit for bit. */
class GeneMomentsTest {

  @Test
  void cachedExpm1SumsAreThePlainOnes() {
    int rows = 500;
    int cols = 60;
    SplittableRandom rnd = new SplittableRandom(2);
    long[] ptr = new long[rows + 1];
    int[] idx = new int[rows * cols];
    float[] val = new float[rows * cols];
    int nnz = 0;
    for (int i = 0; i < rows; i++) {
      float scale = (float) (1e4 / (800 + rnd.nextInt(3000)));
      for (int j = 0; j < cols; j++) {
        if (rnd.nextInt(3) == 0) {
          idx[nnz] = j;
          // log1p of small counts times the row's scale: repeats within a row, and some odd values.
          val[nnz] = j % 13 == 0 ? (float) rnd.nextDouble() * 5 : (float) Math.log1p((1 + rnd.nextInt(3)) * scale);
          nnz++;
        }
      }
      ptr[i + 1] = nnz;
    }
    CsrMatrix m = CsrMatrix.fromCsr(cols, ptr, java.util.Arrays.copyOf(idx, nnz), java.util.Arrays.copyOf(val, nnz));
    assertEquals(1, m.nBlocks());
    GeneMoments got = GeneMoments.of(m, new int[rows], 1, true, null, new Parallel(2));
    double[] sum = new double[cols];
    double[] sumSq = new double[cols];
    for (int k = 0; k < nnz; k++) {
      double v = (float) Math.expm1(val[k]);
      sum[idx[k]] += v;
      sumSq[idx[k]] += v * v;
    }
    for (int j = 0; j < cols; j++) {
      assertEquals(Double.doubleToRawLongBits(sum[j]), Double.doubleToRawLongBits(got.sum()[0][j]), "sum " + j);
      assertEquals(Double.doubleToRawLongBits(sumSq[j]), Double.doubleToRawLongBits(got.sumSq()[0][j]), "sumSq " + j);
    }
  }
}
