package org.myelin.core.pp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;

class HighlyVariableGenesTest {

  /**
   * Counts of 800 cells x 120 genes, negative binomial-like, with gene 0 silent in batch "b"
   * (the second half of the cells); obs 'batch' holds "a" or "b", obs 'one' a single batch.
   */
  private static CellData counts(boolean log) {
    Random rnd = new Random(7);
    int n = 800;
    int g = 120;
    long[] ptr = new long[n + 1];
    int[] idx = new int[n * g];
    float[] val = new float[n * g];
    int k = 0;
    String[] batch = new String[n];
    String[] one = new String[n];
    for (int i = 0; i < n; i++) {
      batch[i] = i < n / 2 ? "a" : "b";
      one[i] = "all";
      for (int j = 0; j < g; j++) {
        if (j == 0 && i >= n / 2) {
          continue;
        }
        double mean = 0.05 * (1 + j % 17) * (j % 5 == 0 ? 1 + (i % 3) * 2 : 1);
        int c = 0;
        double gamma = mean * -Math.log(1 - rnd.nextDouble());
        double p = Math.exp(-gamma);
        for (double t = rnd.nextDouble(); t > p; t *= rnd.nextDouble()) {
          c++;
        }
        if (c > 0) {
          idx[k] = j;
          val[k] = log ? (float) Math.log1p(c) : c;
          k++;
        }
      }
      ptr[i + 1] = k;
    }
    String[] cells = new String[n];
    Arrays.setAll(cells, i -> "c" + i);
    String[] genes = new String[g];
    Arrays.setAll(genes, j -> String.format("g%03d", j));
    Frame obs = new Frame(cells);
    obs.put("batch", new StringColumn(batch));
    obs.put("one", CategoricalColumn.fromValues(one));
    return new CellData(CsrMatrix.fromCsr(g, ptr, Arrays.copyOf(idx, k), Arrays.copyOf(val, k)), obs, new Frame(genes));
  }

  private static double[] col(CellData d, String name) {
    return ((DoubleColumn) d.var().get(name)).values();
  }

  @Test
  void oneBatchEqualsNoBatch() {
    for (HighlyVariableGenes.Flavor f : HighlyVariableGenes.Flavor.values()) {
      boolean v3 = f == HighlyVariableGenes.Flavor.SEURAT_V3;
      CellData plain = counts(!v3);
      CellData batched = counts(!v3);
      HighlyVariableGenes.Result a = HighlyVariableGenes.compute(plain, new HighlyVariableGenes.Options(f, 30), new Parallel(1));
      HighlyVariableGenes.Result b = HighlyVariableGenes.compute(batched,
          new HighlyVariableGenes.Options(f, 30, "one", null, HighlyVariableGenes.DEFAULT_SPAN), new Parallel(1));
      String score = v3 ? "variances_norm" : "dispersions_norm";
      assertArrayEquals(a.column(score), b.column(score), 1e-12, f + " " + score);
      assertArrayEquals(a.highlyVariable(), b.highlyVariable(), f + " selection");
      assertEquals(30, a.nSelected(), f + " selects n_top_genes");
      long[] nb = ((IntColumn) batched.var().get("highly_variable_nbatches")).values();
      for (int j = 0; j < nb.length; j++) {
        assertEquals(b.highlyVariable()[j] ? 1 : 0, nb[j], f + " nbatches of gene " + j);
      }
    }
  }

  @Test
  void batchesAreScoredAloneAndSilentGenesCountAsZero() {
    CellData d = counts(true);
    HighlyVariableGenes.compute(d, new HighlyVariableGenes.Options(HighlyVariableGenes.Flavor.SEURAT, 20, "batch", null,
        HighlyVariableGenes.DEFAULT_SPAN), new Parallel(2));
    // Gene 0 is silent in batch b: scanpy pads it with zeros, so its mean is half of batch a's.
    double batchedMean = col(d, "means")[0];
    CellData a = d.selectObs(java.util.stream.IntStream.range(0, 400).toArray());
    HighlyVariableGenes.compute(a, HighlyVariableGenes.Flavor.SEURAT, 20, new Parallel(1));
    assertEquals(col(a, "means")[0] / 2, batchedMean, 1e-15);
    boolean[] inter = ((BooleanColumn) d.var().get("highly_variable_intersection")).values();
    long[] nb = ((IntColumn) d.var().get("highly_variable_nbatches")).values();
    boolean[] hv = ((BooleanColumn) d.var().get("highly_variable")).values();
    int selected = 0;
    for (int j = 0; j < nb.length; j++) {
      assertEquals(nb[j] == 2, inter[j]);
      selected += hv[j] ? 1 : 0;
    }
    assertEquals(20, selected);
    // Chosen genes were chosen in at least as many batches as any gene left out.
    long minIn = Long.MAX_VALUE;
    long maxOut = 0;
    for (int j = 0; j < nb.length; j++) {
      if (hv[j]) {
        minIn = Math.min(minIn, nb[j]);
      } else {
        maxOut = Math.max(maxOut, nb[j]);
      }
    }
    assertTrue(minIn >= maxOut, "selected genes in " + minIn + " batches, left out in up to " + maxOut);
  }

  @Test
  void seuratV3WithBatchesIsTheSameForAnyThreadCount() {
    double[][] runs = new double[2][];
    for (int t = 1; t <= 2; t++) {
      CellData d = counts(false);
      HighlyVariableGenes.compute(d, new HighlyVariableGenes.Options(HighlyVariableGenes.Flavor.SEURAT_V3, 25, "batch",
          null, 0.3), new Parallel(t));
      runs[t - 1] = col(d, "variances_norm");
      assertTrue(d.var().has("highly_variable_nbatches") && d.var().has("highly_variable_rank"));
    }
    assertArrayEquals(runs[0], runs[1], 0);
  }

  @Test
  void refusesMissingBatchColumnsAndTinyBatches() {
    CellData d = counts(true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HighlyVariableGenes.compute(d,
        new HighlyVariableGenes.Options(HighlyVariableGenes.Flavor.SEURAT, 20, "sample", null, 0.3), new Parallel(1)));
    assertTrue(e.getMessage().contains("no column 'sample'"), e.getMessage());
    String[] lonely = new String[d.nObs()];
    Arrays.fill(lonely, "x");
    lonely[5] = "y";
    d.obs().put("lonely", new StringColumn(lonely));
    e = assertThrows(IllegalArgumentException.class, () -> HighlyVariableGenes.compute(d,
        new HighlyVariableGenes.Options(HighlyVariableGenes.Flavor.SEURAT, 20, "lonely", null, 0.3), new Parallel(1)));
    assertTrue(e.getMessage().contains("batch 'y'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HighlyVariableGenes.Flavor.parse("pearson_residuals"));
    assertThrows(IllegalArgumentException.class, () -> new HighlyVariableGenes.Options(HighlyVariableGenes.Flavor.SEURAT, 0));
  }
}
