package org.myelin.core.pp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.SymmetricEigen;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Frame;

class PcaTest {

  @Test
  void lanczosFindsKnownEigenpairs() {
    // Q diag(lambda) Q^T with a Householder Q: eigenvalues 30, 29, ..., 1, eigenvectors Q's columns.
    int p = 30;
    double[] u = new double[p];
    Random rnd = new Random(1);
    double un = 0;
    for (int i = 0; i < p; i++) {
      u[i] = rnd.nextGaussian();
      un += u[i] * u[i];
    }
    double[] a = new double[p * p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        double s = 0;
        for (int t = 0; t < p; t++) {
          double qit = (i == t ? 1 : 0) - 2 * u[i] * u[t] / un;
          double qjt = (j == t ? 1 : 0) - 2 * u[j] * u[t] / un;
          s += qit * (p - t) * qjt;
        }
        a[i * p + j] = s;
      }
    }
    double[][] r = SymmetricEigen.top(a, p, 5, new Parallel(2));
    for (int c = 0; c < 5; c++) {
      assertEquals(p - c, r[0][c], 1e-9, "eigenvalue " + c);
      // A v = lambda v
      for (int i = 0; i < p; i++) {
        double av = 0;
        for (int j = 0; j < p; j++) {
          av += a[i * p + j] * r[1][j * 5 + c];
        }
        assertEquals(r[0][c] * r[1][i * 5 + c], av, 1e-8);
      }
    }
  }

  @Test
  void lanczosCheckedAtEveryStepStopsNoLaterWithinTheTolerance() {
    // A diagonal operator with eigenvalues 1..400 and the top three well apart: converged is seen
    // as soon as it holds when checked at every step, never later than every 20 steps.
    int p = 400;
    double[] diag = new double[p];
    for (int i = 0; i < p; i++) {
      diag[i] = i + 1 + (i >= p - 3 ? 60 * (i - p + 4) : 0);
    }
    int[] steps = new int[1];
    SymmetricEigen.Operator op = (v, out) -> {
      steps[0]++;
      for (int i = 0; i < p; i++) {
        out[i] = diag[i] * v[i];
      }
    };
    double[][] every = SymmetricEigen.top(op, p, 3, 1e-6, 1, new Parallel(1));
    int stepsEvery = steps[0];
    steps[0] = 0;
    double[][] twenty = SymmetricEigen.top(op, p, 3, 1e-6, 20, new Parallel(1));
    assertTrue(stepsEvery <= steps[0] && stepsEvery < p, stepsEvery + " steps against " + steps[0]);
    for (int c = 0; c < 3; c++) {
      assertEquals(diag[p - 1 - c], every[0][c], 1e-4 * diag[p - 1]);
      assertEquals(twenty[0][c], every[0][c], 1e-4 * diag[p - 1]);
    }
    assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.top(op, p, 3, 1e-6, 0, new Parallel(1)));
  }

  @Test
  void tridiagonalQlSolvesATwoByTwo() {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    double[] d = {2, 2};
    double[] e = {0, 1};
    double[] z = {1, 0, 0, 1};
    SymmetricEigen.tqli(d, e, 2, z);
    double lo = Math.min(d[0], d[1]);
    double hi = Math.max(d[0], d[1]);
    assertEquals(1, lo, 1e-14);
    assertEquals(3, hi, 1e-14);
  }

  private static CellData random(long seed) {
    Random rnd = new Random(seed);
    int n = 6000;
    int g = 80;
    long[] ptr = new long[n + 1];
    int[] idx = new int[n * g];
    float[] val = new float[n * g];
    int k = 0;
    for (int i = 0; i < n; i++) {
      int group = i % 3;
      for (int j = 0; j < g; j++) {
        double rate = (j % 3 == group ? 3 : 0.3);
        if (rnd.nextDouble() < rate / (1 + rate)) {
          idx[k] = j;
          val[k] = (float) Math.log1p(1 + rnd.nextInt(5) * rate);
          k++;
        }
      }
      ptr[i + 1] = k;
    }
    String[] cells = new String[n];
    for (int i = 0; i < n; i++) {
      cells[i] = "c" + i;
    }
    String[] genes = new String[g];
    for (int j = 0; j < g; j++) {
      genes[j] = "g" + j;
    }
    return new CellData(CsrMatrix.fromCsr(g, ptr, java.util.Arrays.copyOf(idx, k), java.util.Arrays.copyOf(val, k)),
        new Frame(cells), new Frame(genes));
  }

  @Test
  void sameBitsForOneAndTwoThreadsAndScanpysSlots() {
    Pca.Result one = Pca.run(random(5), 10, true, 10, new Parallel(1));
    CellData d = random(5);
    Pca.Result two = Pca.run(d, 10, true, 10, new Parallel(2));
    assertArrayEquals(one.scores(), two.scores());
    assertArrayEquals(one.variance(), two.variance());
    assertEquals(10, d.obsm().get("X_pca").nCols());
    assertEquals(80, d.varm().get("PCs").nRows());
    assertTrue(d.uns().get("pca") instanceof java.util.Map);
    // Three planted groups: two components carry most of the structure, in decreasing order.
    assertTrue(one.varianceRatio()[0] >= one.varianceRatio()[1] && one.varianceRatio()[1] > one.varianceRatio()[2]);
    assertThrows(IllegalArgumentException.class, () -> Pca.run(random(5), 0, true, 10, new Parallel(1)));
  }

  @Test
  void rowsOutOfColumnOrderAndClippedValuesGiveTheSameComponents() {
    // The covariance walks sorted rows from each gene on and unsorted rows whole; both must add the
    // same products, clipped values included (max_value 1 clips many here). Sums over a row's
    // entries (gene moments, scores) run in the row's order, so the last bits may differ.
    CellData sorted = random(7);
    CsrMatrix x = sorted.x();
    long[] ptr = new long[x.nRows() + 1];
    int[] idx = new int[(int) x.nnz()];
    float[] val = new float[(int) x.nnz()];
    int k = 0;
    for (int b = 0; b < x.nBlocks(); b++) {
      org.myelin.core.matrix.CsrBlock block = x.block(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int e = block.rowStart(r + 1) - 1; e >= block.rowStart(r); e--) {
          idx[k] = block.index(e);
          val[k++] = (float) block.value(e);
        }
        ptr[x.rowOffset(b) + r + 1] = k;
      }
    }
    CellData reversed = new CellData(CsrMatrix.fromCsr(x.nCols(), ptr, idx, val), sorted.obs(), sorted.var());
    Pca.Result a = Pca.fit(sorted, 10, false, 1.0, new Parallel(2));
    Pca.Result b = Pca.fit(reversed, 10, false, 1.0, new Parallel(1));
    assertArrayEquals(a.variance(), b.variance(), 1e-12 * a.variance()[0]);
    assertArrayEquals(a.scores(), b.scores(), 1e-9);
    assertTrue(a.variance()[0] > 2 * a.variance()[9]);
  }
}
