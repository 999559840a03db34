package org.myelin.core.pp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Frame;
import org.myelin.core.tool.ToolContext;

class QcToolTest {

  /** n cells; cell i expresses genes 0..(i % 10) once each. */
  private static CellData cells(int n, int genes) {
    long[] ptr = new long[n + 1];
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i % 10; j++) {
        idx.add(j);
      }
      ptr[i + 1] = idx.size();
    }
    int[] ind = idx.stream().mapToInt(Integer::intValue).toArray();
    float[] val = new float[ind.length];
    java.util.Arrays.fill(val, 1f);
    String[] obs = new String[n];
    String[] var = new String[genes];
    for (int i = 0; i < n; i++) {
      obs[i] = "c" + i;
    }
    for (int j = 0; j < genes; j++) {
      var[j] = "G" + j;
    }
    return new CellData(CsrMatrix.fromCsr(genes, ptr, ind, val), new Frame(obs), new Frame(var));
  }

  private static QcTool.Options minGenes(int g) {
    QcTool.Options d = QcTool.Options.defaults();
    return new QcTool.Options(d.qcVars(), d.percentTop(), 0, 0, g, 0, 0, 0);
  }

  @Test
  void eachRuleSaysWhatItRemovedBesideTheMedian() {
    List<String> log = new ArrayList<>();
    QcTool.run(cells(100, 20), minGenes(8), new ToolContext(new Parallel(1), 0, log::add));
    // Cells with 1..7 genes go: 70 of 100; the median cell expresses 5.5 genes.
    assertTrue(log.contains("removed 70 cells (70.0%) with fewer than 8 genes; median genes per cell is 5.500"), log.toString());
    assertTrue(log.stream().anyMatch(l -> l.startsWith("warning: --min-genes removed more than half")), log.toString());
    assertTrue(log.contains("kept 30 of 100 cells and 20 of 20 genes"), log.toString());
  }

  @Test
  void theSumsQcHandsOnAreThoseFilteringMakes() {
    // Random counts with MT- genes, some cells removed by min_genes and a max mitochondrial share.
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    int n = 300;
    int genes = 40;
    long[] ptr = new long[n + 1];
    List<Integer> idx = new ArrayList<>();
    List<Float> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < genes; j++) {
        if (random.nextInt(4) == 0) {
          idx.add(j);
          values.add((float) (1 + random.nextInt(30)));
        }
      }
      ptr[i + 1] = idx.size();
    }
    float[] val = new float[values.size()];
    for (int k = 0; k < val.length; k++) {
      val[k] = values.get(k);
    }
    String[] var = new String[genes];
    for (int j = 0; j < genes; j++) {
      var[j] = j < 4 ? "MT-G" + j : "G" + j;
    }
    String[] obs = new String[n];
    java.util.Arrays.setAll(obs, i -> "c" + i);
    CellData data = new CellData(CsrMatrix.fromCsr(genes, ptr, idx.stream().mapToInt(Integer::intValue).toArray(), val),
        new Frame(obs), new Frame(var));
    Parallel p = new Parallel(2);
    Filter.CellSums fromQc = QcMetrics.compute(data, new QcMetrics.Options(List.of("mt"), new int[] {5}, true), p);
    Filter.CellSums own = Filter.sums(data, p);
    assertTrue(java.util.Arrays.equals(own.total(), fromQc.total()));
    assertTrue(java.util.Arrays.equals(own.genes(), fromQc.genes()));
    assertTrue(java.util.Arrays.equals(own.mt(), fromQc.mt()));
    assertTrue(java.util.Arrays.equals(own.cellsPerGene(), fromQc.cellsPerGene()));
    // Cells removed: genes are counted on the cells kept, by subtracting those removed.
    Filter.Options o = new Filter.Options(0, 0, 10, 0, 30, 60);
    CellData kept = Filter.apply(data, o, fromQc, p).getKey();
    assertTrue(kept.nObs() < n && kept.nVars() < genes, kept.nObs() + " cells, " + kept.nVars() + " genes");
    long[] expressing = new long[kept.nVars()];
    for (int i = 0; i < kept.nObs(); i++) {
      CsrMatrix.Row row = kept.x().row(i);
      for (int k = row.start(); k < row.end(); k++) {
        expressing[row.block().index(k)]++;
      }
    }
    assertTrue(java.util.Arrays.equals(expressing,
        ((org.myelin.core.table.IntColumn) kept.var().get("n_cells")).values()));
    assertTrue(QcMetrics.compute(data, new QcMetrics.Options(List.of("ribo"), new int[] {5}, true), p) == null,
        "no sums without the mt group");
  }

  @Test
  void theDistributionBeforeFilteringAndTheThresholdsAreKept() {
    CellData kept = QcTool.run(cells(100, 20), minGenes(8), ToolContext.quiet(new Parallel(1), 0)).data();
    java.util.Map<?, ?> qc = (java.util.Map<?, ?>) kept.uns().get("qc");
    double[] genes = (double[]) ((java.util.Map<?, ?>) qc.get("before_quantiles")).get("n_genes_by_counts");
    // All 100 cells, not the 30 kept: 1 to 10 genes, ten cells each; numpy's percentiles.
    assertEquals(101, genes.length);
    assertEquals(1, genes[0]);
    assertEquals(5.5, genes[50]);
    assertEquals(10, genes[100]);
    assertEquals(3.0, genes[25]); // position 24.75 between two cells of 3 genes
    assertEquals(8.0, ((java.util.Map<?, ?>) qc.get("thresholds")).get("min_genes"));
  }

  @Test
  void aFilterThatLeavesTooFewCellsIsRefusedNamingTheRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QcTool.run(cells(100, 20), minGenes(200), ToolContext.quiet(new Parallel(1), 0)));
    assertEquals("QC left 0 of 100 cells, too few to go on: --min-genes removed 100 of 100 cells with fewer than "
        + "200 genes (median genes per cell is 5.500)", e.getMessage());
  }
}
