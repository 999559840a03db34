package org.myelin.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Filter;
import org.myelin.core.pp.QcMetrics;
import org.myelin.core.score.UCell;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

/**
 * UCell against the UCell R package 2.2.0 ({@code seurat/scores_ucell.csv.gz}, maxRank 1500 or the
 * gene count when smaller), on the same cells and genes, the sets being the genes the reference
 * runs found (2 or more, matched by upper case). UCell is deterministic and
 * averages ties, and ranks within a cell depend only on the order of its counts, so the scores must
 * be equal: 1e-6, the CSV printing 15 digits.
 */
class SeuratUCellTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"pbmc3k, pbmc3k/filtered_gene_bc_matrices/hg19, 200", "seurat_pbmc_small_mtx, seurat, 10"})
  void ucellEqualsTheRPackage(String ref, String input, int minGenes) {
    Parallel p = new Parallel(2);
    CellData d = CellDataIO.read(SharedData.data(input), CellDataIO.ReadOptions.DEFAULT, p);
    QcMetrics.compute(d, new QcMetrics.Options(List.of("mt"), new int[0], false), p);
    d = Filter.apply(d, new Filter.Options(0, 0, minGenes, 0, 0, 3), p).getKey();
    List<String[]> rows = SharedData.csv(SharedData.ref(ref + "/seurat/scores_ucell.csv.gz"));
    String[] header = rows.get(0);
    // The genes the references matched (upper case, no renamed symbols: myelin's alias table would
    // add WARS for WARS1, which neither R nor scanpy did), from the scanpy run on the same data.
    Map<String, Integer> gene = new HashMap<>();
    for (int j = 0; j < d.nVars(); j++) {
      gene.putIfAbsent(d.var().index()[j], j);
    }
    Map<String, List<Integer>> used = new HashMap<>();
    List<String[]> usedRows = SharedData.csv(SharedData.ref(ref + "/scanpy/signatures_used.csv"));
    for (int r = 1; r < usedRows.size(); r++) {
      used.computeIfAbsent(usedRows.get(r)[0], k -> new ArrayList<>()).add(gene.get(usedRows.get(r)[1]));
    }
    List<Integer> columns = new ArrayList<>();
    List<int[]> sets = new ArrayList<>();
    for (int c = 1; c < header.length; c++) {
      // hvg_top10 is each tool's own top HVGs: not the same genes in R and scanpy.
      if (used.containsKey(header[c]) && !header[c].equals("hvg_top10")) {
        columns.add(c);
        sets.add(used.get(header[c]).stream().mapToInt(Integer::intValue).toArray());
      }
    }
    assertTrue(sets.size() >= header.length - 2, "the reference's sets are the library's");
    int[][] genes = sets.toArray(new int[0][]);
    int maxRank = Math.min(UCell.MAX_RANK, d.nVars());
    double[][] scores = UCell.score(d.x(), genes, maxRank, p);
    Map<String, Integer> cell = new HashMap<>();
    for (int i = 0; i < d.nObs(); i++) {
      cell.put(d.obs().index()[i], i);
    }
    double worst = 0;
    for (int r = 1; r < rows.size(); r++) {
      int i = cell.get(rows.get(r)[0]);
      for (int s = 0; s < columns.size(); s++) {
        int c = columns.get(s);
        double theirs = Double.parseDouble(rows.get(r)[c]);
        worst = Math.max(worst, Math.abs(theirs - scores[s][i]));
        assertEquals(theirs, scores[s][i], 1e-6, ref + " " + header[c] + " of " + rows.get(r)[0]);
      }
    }
    System.out.printf("%s: UCell, %d sets x %d cells, worst difference %.1e%n", ref, sets.size(), rows.size() - 1, worst);
  }
}
