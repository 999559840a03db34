package org.myelin.core.de;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Groups;

class RankGenesGroupsTest {

  /** Six cells, one gene: group a holds 0, 0, 1 and group b 0, 2, 3 (zeros unstored). */
  private static CsrMatrix column() {
    return CsrMatrix.fromCsr(1, new long[] {0, 0, 0, 1, 1, 2, 3}, new int[] {0, 0, 0}, new float[] {1, 2, 3});
  }

  @Test
  void wilcoxonByHandWithTies() {
    Groups g = new Groups(new int[] {0, 0, 0, 1, 1, 1}, new String[] {"a", "b"});
    // Ranks: the three zeros share rank 2, then 4, 5, 6. Group a's sum 2 + 2 + 4 = 8 against 3 * 7 / 2;
    // ties 3^3 - 3 = 24 give T = 1 - 24 / 210; sd = sqrt(T * 3 * 3 * 7 / 12).
    double sd = Math.sqrt((1 - 24.0 / 210) * 3 * 3 * 7 / 12);
    List<RankGenesGroups.GroupResult> r = RankGenesGroups.compute(column(), g, RankGenesGroups.Method.WILCOXON, true,
        null, Double.NaN, new Parallel(1));
    assertEquals((8 - 10.5) / sd, r.get(0).scores()[0], 1e-12);
    assertEquals((13 - 10.5) / sd, r.get(1).scores()[0], 1e-12);
    assertEquals(1.0 / 3, r.get(0).pts()[0], 1e-15);
    assertEquals(2.0 / 3, r.get(0).ptsRest()[0], 1e-15);
    // Without the correction the variance is 3 * 3 * 7 / 12.
    List<RankGenesGroups.GroupResult> plain = RankGenesGroups.compute(column(), g, RankGenesGroups.Method.WILCOXON,
        false, null, Double.NaN, new Parallel(1));
    assertEquals(-2.5 / Math.sqrt(5.25), plain.get(0).scores()[0], 1e-12);
    // Log2 fold change of the expm1 of each group's mean, 1e-9 added to both, as scanpy.
    double ma = 1.0 / 3;
    double mb = 5.0 / 3;
    assertEquals(Math.log((Math.expm1(ma) + 1e-9) / (Math.expm1(mb) + 1e-9)) / Math.log(2), r.get(0).logFoldChanges()[0],
        1e-12);
  }

  @Test
  void welchTTestByHand() {
    Groups g = new Groups(new int[] {0, 0, 0, 1, 1, 1}, new String[] {"a", "b"});
    List<RankGenesGroups.GroupResult> r = RankGenesGroups.compute(column(), g, RankGenesGroups.Method.T_TEST, true, null,
        Double.NaN, new Parallel(1));
    // a: mean 1/3, var 1/3; b: mean 5/3, var 7/3; t = (1/3 - 5/3) / sqrt(1/9 + 7/9).
    double t = (1.0 / 3 - 5.0 / 3) / Math.sqrt(1.0 / 9 + 7.0 / 9);
    assertEquals(t, r.get(0).scores()[0], 1e-12);
    // Welch-Satterthwaite df = (8/9)^2 / ((1/9)^2 / 2 + (7/9)^2 / 2) = 2.56; scipy's
    // ttest_ind_from_stats(equal_var=False) gives p = 0.2666930286514181.
    // Smile's incomplete beta function (a continued fraction) is good to about 1e-8 here.
    assertEquals(0.2666930286514181, r.get(0).pvals()[0], 1e-8);
    assertTrue(r.get(0).pvalsAdj()[0] >= r.get(0).pvals()[0]);
  }

  @Test
  void benjaminiHochbergByHand() {
    assertArrayEquals(new double[] {0.04, 0.04, 0.04, 0.5}, MultipleTesting.benjaminiHochberg(new double[] {0.01, 0.02,
        0.03, 0.5}), 1e-15);
  }

  @Test
  void refusesOneCellGroupsAndUnknownReferences() {
    Groups lonely = new Groups(new int[] {0, 0, 0, 0, 0, 1}, new String[] {"a", "b"});
    assertThrows(IllegalArgumentException.class, () -> RankGenesGroups.compute(column(), lonely,
        RankGenesGroups.Method.WILCOXON, true, null, Double.NaN, new Parallel(1)));
    Groups g = new Groups(new int[] {0, 0, 0, 1, 1, 1}, new String[] {"a", "b"});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RankGenesGroups.compute(column(), g,
        RankGenesGroups.Method.WILCOXON, true, "c", Double.NaN, new Parallel(1)));
    assertTrue(e.getMessage().contains("no group 'c'"));
    // Against a reference group the other group is the only one tested.
    assertEquals(1, RankGenesGroups.compute(column(), g, RankGenesGroups.Method.WILCOXON, true, "b", Double.NaN,
        new Parallel(1)).size());
  }

  @Test
  void wilcoxonOnGeneSlicesEqualsWilcoxonOnTheWholeTranspose() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
    int n = 300;
    int genes = 40;
    long[] ptr = new long[n + 1];
    List<Integer> idx = new java.util.ArrayList<>();
    List<Float> val = new java.util.ArrayList<>();
    int[] code = new int[n];
    for (int i = 0; i < n; i++) {
      code[i] = rnd.nextInt(3);
      for (int j = 0; j < genes; j++) {
        if (rnd.nextInt(4) <= code[i]) {
          idx.add(j);
          val.add((float) rnd.nextInt(5) + (j % 3 == 0 ? 0.5f : 0)); // ties, and explicit zeros
        }
      }
      ptr[i + 1] = idx.size();
    }
    float[] v = new float[val.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = val.get(k);
    }
    CsrMatrix x = CsrMatrix.fromCsr(genes, ptr, idx.stream().mapToInt(Integer::intValue).toArray(), v);
    Groups g = new Groups(code, new String[] {"a", "b", "c"});
    int[] cuts = RankGenesGroups.geneSlices(x, 700);
    assertTrue(cuts.length > 5, java.util.Arrays.toString(cuts));
    for (String ref : new String[] {null, "b"}) {
      List<RankGenesGroups.GroupResult> whole = RankGenesGroups.compute(x, g, RankGenesGroups.Method.WILCOXON, true,
          ref, Double.NaN, new Parallel(2), org.myelin.core.tool.Progress.NONE, Long.MAX_VALUE);
      List<RankGenesGroups.GroupResult> sliced = RankGenesGroups.compute(x, g, RankGenesGroups.Method.WILCOXON, true,
          ref, Double.NaN, new Parallel(2), org.myelin.core.tool.Progress.NONE, 700);
      for (int c = 0; c < whole.size(); c++) {
        assertArrayEquals(whole.get(c).scores(), sliced.get(c).scores());
        assertArrayEquals(whole.get(c).pvals(), sliced.get(c).pvals());
      }
    }
    // Per-group sums by ranges of genes: the same bits on 1 thread and on 3, for both tests.
    for (RankGenesGroups.Method method : RankGenesGroups.Method.values()) {
      List<RankGenesGroups.GroupResult> one = RankGenesGroups.compute(x, g, method, true, null, Double.NaN,
          new Parallel(1));
      List<RankGenesGroups.GroupResult> three = RankGenesGroups.compute(x, g, method, true, null, Double.NaN,
          new Parallel(3));
      for (int c = 0; c < one.size(); c++) {
        assertArrayEquals(one.get(c).scores(), three.get(c).scores());
        assertArrayEquals(one.get(c).logFoldChanges(), three.get(c).logFoldChanges());
        assertArrayEquals(one.get(c).pts(), three.get(c).pts());
        assertArrayEquals(one.get(c).ptsRest(), three.get(c).ptsRest());
      }
    }
    // Each slice, transposed, is those rows of the whole transpose.
    CsrMatrix t = x.transpose();
    CsrMatrix part = x.transposeColumns(cuts[2], cuts[3]);
    for (int j = cuts[2]; j < cuts[3]; j++) {
      CsrMatrix.Row a = t.row(j);
      CsrMatrix.Row b = part.row(j - cuts[2]);
      assertEquals(a.nnz(), b.nnz());
      for (int e = 0; e < a.nnz(); e++) {
        assertEquals(a.index(a.start() + e), b.index(b.start() + e));
        assertEquals(a.value(a.start() + e), b.value(b.start() + e));
      }
    }
  }
}
