package org.myelin.conformance;

import org.myelin.io.SharedData;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.score.AUCell;

/**
 * AUCell against decoupler 1.6.1's {@code run_aucell} ({@code scanpy/scores_aucell.csv.gz}) and the
 * AUCell R package 1.20.0 ({@code seurat/scores_aucell_R.csv.gz}), aucMaxRank 5% of the genes, on
 * the genes the references matched. All three break ties at random, each its own way, and in sparse
 * data ties decide much of the top 5%: the two references agree with each other only at r 0.61 to
 * 0.99 per set on pbmc3k (median 0.90). The r >= 0.99 is therefore out of reach for any third
 * implementation on such sets; the bar here is that myelin agrees with each tool at least as well as
 * the tools agree with each other, less 0.05 for sets scored in 100 or more cells and less 0.2 for
 * sets scored in 20 to 99 (mostly tie-breaking noise).
 */
class AUCellTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"pbmc3k, pbmc3k/filtered_gene_bc_matrices/hg19, 200", "scanpy_10k_subset, scanpy/derived/10x-10k-subset.h5ad, 20"})
  void aucellAgreesWithDecouplerAndR(String ref, String input, int minGenes) {
    Parallel p = new Parallel(2);
    CellData d = ReferencePipeline.logNormalised(input, minGenes, false, p);
    Map<String, Integer> gene = new HashMap<>();
    for (int j = 0; j < d.nVars(); j++) {
      gene.putIfAbsent(d.var().index()[j], j);
    }
    Map<String, List<Integer>> used = new HashMap<>();
    List<String[]> usedRows = SharedData.csv(SharedData.ref(ref + "/scanpy/signatures_used.csv"));
    for (int r = 1; r < usedRows.size(); r++) {
      used.computeIfAbsent(usedRows.get(r)[0], k -> new ArrayList<>()).add(gene.get(usedRows.get(r)[1]));
    }
    Map<String, Integer> cell = new HashMap<>();
    for (int i = 0; i < d.nObs(); i++) {
      cell.put(d.obs().index()[i], i);
    }
    int maxRank = AUCell.defaultMaxRank(d.nVars());
    Map<String, double[]> decoupler = new HashMap<>();
    Map<String, Double> withDecoupler = new HashMap<>();
    for (String file : List.of("scanpy/scores_aucell.csv.gz", "seurat/scores_aucell_R.csv.gz")) {
      if (!java.nio.file.Files.exists(SharedData.ref(ref + "/" + file))) {
        continue;
      }
      List<String[]> rows = SharedData.csv(SharedData.ref(ref + "/" + file));
      String[] header = rows.get(0);
      List<Integer> cols = new ArrayList<>();
      List<int[]> sets = new ArrayList<>();
      for (int c = 1; c < header.length; c++) {
        String name = header[c].replace("\"", "");
        if (used.containsKey(name) && !name.equals("hvg_top10")) {
          cols.add(c);
          sets.add(used.get(name).stream().mapToInt(Integer::intValue).toArray());
        }
      }
      double[][] ours = AUCell.score(d.x(), sets.toArray(new int[0][]), maxRank, 0, p);
      double worst = 1;
      int compared = 0;
      for (int s = 0; s < cols.size(); s++) {
        // By cell, so that the two references line up.
        double[] a = new double[d.nObs()];
        double[] b = ours[s];
        int nonzero = 0;
        for (int r = 1; r < rows.size(); r++) {
          int i = cell.get(rows.get(r)[0].replace("\"", ""));
          a[i] = Double.parseDouble(rows.get(r)[cols.get(s)]);
          nonzero += a[i] > 0 ? 1 : 0;
        }
        if (nonzero < 20) {
          continue;
        }
        double pr = org.myelin.core.stats.Correlation.pearson(a, b);
        worst = Math.min(worst, pr);
        compared++;
        String name = header[cols.get(s)].replace("\"", "");
        if (file.startsWith("scanpy")) {
          decoupler.put(name, a);
          withDecoupler.put(name, pr);
        } else if (decoupler.containsKey(name)) {
          double between = org.myelin.core.stats.Correlation.pearson(decoupler.get(name), a);
          // Sets scored in fewer than 100 cells are mostly tie-breaking noise: a wider margin there.
          double margin = nonzero >= 100 ? 0.05 : 0.2;
          assertTrue(pr >= between - margin, ref + " " + name + ": r with R's AUCell " + pr + ", R vs decoupler " + between);
          assertTrue(withDecoupler.get(name) >= between - margin, ref + " " + name + ": r with decoupler "
              + withDecoupler.get(name) + ", R vs decoupler " + between);
          System.out.printf("  %s: r with decoupler %.3f, with R %.3f; R vs decoupler %.3f%n", name,
              withDecoupler.get(name), pr, between);
        }
      }
      System.out.printf("%s %s: %d sets, worst r %.5f%n", ref, file, compared, worst);
    }
  }

}
