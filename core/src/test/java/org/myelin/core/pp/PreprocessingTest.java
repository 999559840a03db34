package org.myelin.core.pp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.FloatCsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;

class PreprocessingTest {

  /** Three cells x four genes: [[1,0,3,0],[0,0,0,0],[2,2,2,4]]; gene 0 is mitochondrial. */
  private static CellData tiny() {
    CsrMatrix x = CsrMatrix.fromCsr(4, new long[] {0, 2, 2, 6}, new int[] {0, 2, 0, 1, 2, 3},
        new float[] {1, 3, 2, 2, 2, 4});
    return new CellData(x, new Frame(new String[] {"c1", "c2", "c3"}),
        new Frame(new String[] {"MT-CO1", "RPL3", "CD3E", "HBB"}));
  }

  @Test
  void qcMetricsByHand() {
    CellData d = tiny();
    QcMetrics.compute(d, new QcMetrics.Options(List.of("mt", "ribo", "hb"), new int[] {1, 2}, true), new Parallel(1));
    assertArrayEquals(new long[] {2, 0, 4}, ((IntColumn) d.obs().get("n_genes_by_counts")).values());
    assertArrayEquals(new double[] {4, 0, 10}, ((DoubleColumn) d.obs().get("total_counts")).values());
    assertArrayEquals(new double[] {25, Double.NaN, 20}, ((DoubleColumn) d.obs().get("pct_counts_mt")).values());
    assertArrayEquals(new double[] {0, Double.NaN, 40}, ((DoubleColumn) d.obs().get("pct_counts_hb")).values());
    // Top 1 gene of cell 3 is HBB (4 of 10); top 2 adds one of the 2s.
    assertArrayEquals(new double[] {75, Double.NaN, 40}, ((DoubleColumn) d.obs().get("pct_counts_in_top_1_genes")).values());
    assertArrayEquals(new double[] {100, Double.NaN, 60}, ((DoubleColumn) d.obs().get("pct_counts_in_top_2_genes")).values());
    assertArrayEquals(new long[] {2, 1, 2, 1}, ((IntColumn) d.var().get("n_cells_by_counts")).values());
    assertArrayEquals(new double[] {1, 2.0 / 3, 5.0 / 3, 4.0 / 3}, ((DoubleColumn) d.var().get("mean_counts")).values(), 1e-15);
    assertEquals(100.0 / 3, ((DoubleColumn) d.var().get("pct_dropout_by_counts")).values()[0], 1e-12);
    assertEquals(Math.log1p(10), ((DoubleColumn) d.obs().get("log1p_total_counts")).values()[2], 1e-15);
    assertEquals("True", d.var().get("ribo").format(1));
  }

  @Test
  void filterSaysWhyAndCountsGenesOnKeptCells() {
    Map.Entry<CellData, Filter.Summary> r = Filter.apply(tiny(), new Filter.Options(0, 0, 1, 0, 22.0, 2), new Parallel(1));
    CellData kept = r.getKey();
    // c2 has no genes; c1 has 25% mitochondrial counts; only c3 stays, and genes need 2 cells: none has.
    assertEquals(1, kept.nObs());
    assertEquals("c3", kept.obs().index()[0]);
    assertEquals(1, r.getValue().removed().get("cells below min_genes"));
    assertEquals(1, r.getValue().removed().get("cells above max_pct_mt"));
    assertEquals(4, r.getValue().removed().get("genes below min_cells"));
    assertEquals(0, kept.nVars());
    assertThrows(IllegalArgumentException.class, () -> new Filter.Options(-1, 0, 0, 0, 0, 0));
  }

  @Test
  void normalizeTotalAndLog1pByHand() {
    CellData d = tiny();
    double target = Normalize.total(d, 100, false, 0.05, true, new Parallel(1));
    assertEquals(100, target);
    assertEquals(25f, (float) d.x().get(0, 0));
    assertEquals(75f, (float) d.x().get(0, 2));
    assertEquals(40f, (float) d.x().get(2, 3));
    assertEquals(4.0, d.layers().get("counts").get(2, 3), "raw counts kept in layers['counts']");
    // Values that are not whole counts are kept as they are, in a float32 copy beside X.
    CellData f = tiny();
    ((FloatCsrBlock) f.x().block(0)).data()[0] = 0.5f;
    Normalize.total(f, 100, false, 0.05, true, new Parallel(1));
    assertTrue(f.layers().get("counts").block(0) instanceof FloatCsrBlock);
    assertEquals(0.5, f.layers().get("counts").get(0, 0));
    assertTrue(f.layers().get("counts").sameStructure(f.x()));
    // Median of non-empty totals (4 and 10) is 7.
    CellData m = tiny();
    assertEquals(7, Normalize.total(m, Double.NaN, false, 0.05, false, new Parallel(1)));
    // Genes above 35% of some cell (gene 2 in cell 1, gene 3 in cell 3) leave every cell's size
    // factor, as in scanpy: cell 1 is sized on gene 0 alone (1 -> 10), cell 3 on genes 0 and 1 (4).
    CellData e = tiny();
    Normalize.total(e, 10, true, 0.35, false, new Parallel(1));
    assertEquals(10f, (float) e.x().get(0, 0));
    assertEquals(5f, (float) e.x().get(2, 1));
    assertEquals(10f, (float) e.x().get(2, 3));
    Normalize.log1p(d, Double.NaN, new Parallel(1));
    assertEquals((float) Math.log1p(25), (float) d.x().get(0, 0));
    CellData b = tiny();
    Normalize.log1p(b, 2, new Parallel(1));
    assertEquals((float) (Math.log1p(3) / Math.log(2)), (float) b.x().get(0, 2));
    assertThrows(IllegalArgumentException.class, () -> Normalize.total(tiny(), -5, false, 0.05, false, new Parallel(1)));
  }

  @Test
  void sameBitsForOneAndTwoThreads() {
    long[] ptr = new long[20_001];
    int[] idx = new int[200_000];
    float[] val = new float[200_000];
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < 20_000; i++) {
      for (int k = 0; k < 10; k++) {
        idx[i * 10 + k] = k * 30 + rnd.nextInt(30);
        val[i * 10 + k] = 1 + rnd.nextInt(50);
      }
      ptr[i + 1] = (i + 1) * 10L;
    }
    CellData[] runs = new CellData[3];
    for (int t = 1; t <= 3; t++) {
      String[] cells = new String[20_000];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = "c" + i;
      }
      String[] genes = new String[300];
      for (int j = 0; j < genes.length; j++) {
        genes[j] = j < 5 ? "MT-" + j : "G" + j;
      }
      CellData d = new CellData(CsrMatrix.fromCsr(300, ptr, idx.clone(), val.clone()), new Frame(cells), new Frame(genes));
      try (Parallel p = new Parallel(Math.min(t, 2))) {
        QcMetrics.compute(d, QcMetrics.Options.scanpyDefaults(), p);
        if (t < 3) {
          Normalize.total(d, 1e4, true, 0.05, true, p);
          Normalize.log1p(d, Double.NaN, p);
        } else {
          // The fused pass gives the bits of the two passes, and the same counts layer.
          Normalize.totalThenLog1p(d, 1e4, true, 0.05, true, Double.NaN, p);
        }
      }
      runs[t - 1] = d;
    }
    for (int b = 0; b < runs[0].x().nBlocks(); b++) {
      assertArrayEquals(((FloatCsrBlock) runs[0].x().block(b)).data(), ((FloatCsrBlock) runs[2].x().block(b)).data());
      CsrBlock c0 = runs[0].layers().get("counts").block(b);
      CsrBlock c2 = runs[2].layers().get("counts").block(b);
      float[] v0 = new float[c0.nnz()];
      float[] v2 = new float[c2.nnz()];
      c0.copyValues(0, v0, 0, v0.length);
      c2.copyValues(0, v2, 0, v2.length);
      assertArrayEquals(v0, v2);
      // The counts as they came in, a byte each beside X's own indices.
      assertTrue(c2 instanceof org.myelin.core.matrix.CountCsrBlock);
      for (int k = 0; k < v2.length; k += 997) {
        assertEquals(val[runs[2].x().rowOffset(b) * 10 + k], v2[k]);
      }
    }
    assertTrue(runs[2].layers().get("counts").sameStructure(runs[2].x()));
    assertArrayEquals(((DoubleColumn) runs[0].var().get("mean_counts")).values(), ((DoubleColumn) runs[1].var().get("mean_counts")).values());
    for (int b = 0; b < runs[0].x().nBlocks(); b++) {
      CsrBlock x = runs[0].x().block(b);
      CsrBlock y = runs[1].x().block(b);
      float[] a = new float[x.nnz()];
      float[] c = new float[y.nnz()];
      x.copyValues(0, a, 0, a.length);
      y.copyValues(0, c, 0, c.length);
      assertArrayEquals(a, c);
    }
    assertTrue(runs[0].x().nBlocks() >= 1);
  }
}
