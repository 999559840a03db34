package org.myelin.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

class DropletCountsTest {

  private static float[] values(CsrBlock b) {
    float[] v = new float[b.nnz()];
    b.copyValues(0, v, 0, v.length);
    return v;
  }

  @Test
  void sameSeedSameCountsForAnyThreadCount() {
    DropletCounts.Options o = DropletCounts.Options.typical(9000, 2000, 17);
    CsrMatrix one = new DropletCounts(o).matrix(new Parallel(1));
    CsrMatrix two = new DropletCounts(o).matrix(new Parallel(2));
    assertEquals(3, one.nBlocks());
    for (int b = 0; b < one.nBlocks(); b++) {
      assertArrayEquals(values(one.block(b)), values(two.block(b)));
      int[] a = new int[one.block(b).nnz()];
      int[] c = new int[two.block(b).nnz()];
      one.block(b).copyIndices(0, a, 0, a.length);
      two.block(b).copyIndices(0, c, 0, c.length);
      assertArrayEquals(a, c);
    }
    CsrMatrix other = new DropletCounts(DropletCounts.Options.typical(9000, 2000, 18)).matrix(new Parallel(2));
    assertTrue(other.nnz() != one.nnz(), "another seed gives other counts");
  }

  @Test
  void countsLookLikeDropletData() {
    DropletCounts.Options o = DropletCounts.Options.typical(4000, 20000, 1);
    CsrMatrix m = new DropletCounts(o).matrix(new Parallel(2));
    double[] libs = new double[m.nRows()];
    for (int b = 0; b < m.nBlocks(); b++) {
      CsrBlock block = m.block(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          assertTrue(block.value(k) >= 1 && block.value(k) == Math.rint(block.value(k)));
          if (k > block.rowStart(r)) {
            assertTrue(block.index(k) > block.index(k - 1), "sorted, distinct columns");
          }
          libs[m.rowOffset(b) + r] += block.value(k);
        }
      }
    }
    java.util.Arrays.sort(libs);
    double median = libs[libs.length / 2];
    // Median library size is the log-normal's median (5000) within sampling error.
    assertEquals(5000, median, 250);
    double genesPerCell = m.nnz() / (double) m.nRows();
    assertTrue(genesPerCell > 1000 && genesPerCell < 4000, "genes per cell " + genesPerCell);
  }

  @Test
  void aliasTablesSampleTheWeights() {
    double[] w = {1, 2, 3, 4};
    double[] prob = new double[4];
    int[] alias = new int[4];
    DropletCounts.buildAlias(w, prob, alias);
    double[] mass = new double[4];
    for (int j = 0; j < 4; j++) {
      mass[j] += prob[j] / 4;
      mass[alias[j]] += (1 - prob[j]) / 4;
    }
    for (int j = 0; j < 4; j++) {
      assertEquals(w[j] / 10, mass[j], 1e-12);
    }
  }

  @Test
  void invalidOptionsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> DropletCounts.Options.typical(0, 10, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new DropletCounts.Options(10, 10, -1, 0.5, 1, 2, 2, 2, 0));
  }
}
