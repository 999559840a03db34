package org.myelin.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import org.myelin.io.Counts;
import org.myelin.io.SharedData;
import org.myelin.io.h5ad.H5adFile;

/**
 * What we load equals what scanpy loaded: per-gene totals and cell counts over all loaded cells
 * (qc_per_gene.csv.gz, before filtering), per-cell totals for the cells scanpy kept
 * (qc_per_cell.csv), and gene names in scanpy's order. Counts are integers held exactly in
 * float32 and summed in double, so the comparison is exact (tolerance 0).
 */
class ScanpyAgreementTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "pbmc3k, pbmc3k/filtered_gene_bc_matrices/hg19",
      "scanpy_10x_v3_h5, scanpy/10x_data/3.0.0/filtered_feature_bc_matrix.h5",
      "scanpy_10x_v3_mtx, scanpy/10x_data/3.0.0/filtered_feature_bc_matrix",
      "scanpy_visium_1.0.0, scanpy/visium_data/1.0.0",
      "scanpy_10k_subset, scanpy/derived/10x-10k-subset.h5ad",
      "seurat_visium, seurat/visium",
      "seurat_pbmc_small_mtx, seurat"})
  void countsEqualScanpys(String ref, String input) {
    CellData d;
    try (Parallel p = new Parallel(2)) {
      d = CellDataIO.read(SharedData.data(input), CellDataIO.ReadOptions.DEFAULT, p);
    }
    double[] geneTotals = new double[d.nVars()];
    long[] geneCells = new long[d.nVars()];
    double[] cellTotals = new double[d.nObs()];
    long[] cellGenes = new long[d.nObs()];
    CsrMatrix x = d.x();
    for (int b = 0; b < x.nBlocks(); b++) {
      CsrBlock block = x.block(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          double v = block.value(k);
          geneTotals[block.index(k)] += v;
          cellTotals[x.rowOffset(b) + r] += v;
          if (v != 0) {
            geneCells[block.index(k)]++;
            cellGenes[x.rowOffset(b) + r]++;
          }
        }
      }
    }
    List<String[]> genes = SharedData.csv(SharedData.ref(ref + "/scanpy/qc_per_gene.csv.gz"));
    String[] h = genes.get(0);
    int nCells = indexOf(h, "n_cells_by_counts");
    int total = indexOf(h, "total_counts");
    assertEquals(d.nVars(), genes.size() - 1, "gene count");
    for (int j = 0; j < d.nVars(); j++) {
      String[] row = genes.get(j + 1);
      assertEquals(row[0], d.var().index()[j], "gene name at " + j);
      assertEquals(Double.parseDouble(row[total]), geneTotals[j], 0.0, "total counts of " + row[0]);
      assertEquals(Long.parseLong(row[nCells]), geneCells[j], "cells expressing " + row[0]);
    }
    Map<String, Integer> cellIndex = new HashMap<>();
    for (int i = 0; i < d.nObs(); i++) {
      cellIndex.put(d.obs().index()[i], i);
    }
    List<String[]> cells = SharedData.csv(SharedData.ref(ref + "/scanpy/qc_per_cell.csv"));
    int cTotal = indexOf(cells.get(0), "total_counts");
    int cGenes = indexOf(cells.get(0), "n_genes_by_counts");
    assertTrue(cells.size() > 1);
    for (String[] row : cells.subList(1, cells.size())) {
      Integer i = cellIndex.get(row[0]);
      assertTrue(i != null, "scanpy's cell " + row[0] + " is missing");
      assertEquals(Double.parseDouble(row[cTotal]), cellTotals[i], 0.0, "total counts of " + row[0]);
      assertEquals(Long.parseLong(row[cGenes]), cellGenes[i], "genes of " + row[0]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"scanpy_visium_1.0.0, scanpy/visium_data/1.0.0", "seurat_visium, seurat/visium"})
  void visiumCoordinatesEqualScanpys(String ref, String input) {
    CellData ours;
    CellData theirs;
    try (Parallel p = new Parallel(2); H5adFile f = H5adFile.open(SharedData.ref(ref + "/scanpy/reference.h5ad"))) {
      ours = CellDataIO.read(SharedData.data(input), CellDataIO.ReadOptions.DEFAULT, p);
      theirs = f.read(p, false);
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ours.nObs(); i++) {
      index.put(ours.obs().index()[i], i);
    }
    for (int i = 0; i < theirs.nObs(); i++) {
      int j = index.get(theirs.obs().index()[i]);
      for (int c = 0; c < 2; c++) {
        assertEquals(theirs.obsm().get("spatial").get(i, c), ours.obsm().get("spatial").get(j, c), 0.0);
      }
      assertEquals(theirs.obs().get("array_row").format(i), ours.obs().get("array_row").format(j));
    }
  }

  private static int indexOf(String[] header, String name) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name);
  }

}
