package org.myelin.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.score.GeneSet;
import org.myelin.core.score.ModuleScore;
import org.myelin.core.score.SeuratModuleScore;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;
import org.myelin.io.gmt.GmtReader;

/**
 * The {@code seurat} method against Seurat 4.3.0's AddModuleScore ({@code seurat/signature_scores.csv.gz};
 * one call per set, seed 1, nbin 24 and ctrl 100, or the reference script's smaller values for small
 * gene counts). The sets are the library's genes (human or mouse file by dataset) matched by upper
 * case, as the script matched them.
 * Where Seurat scored the input's own log-normalised values (start modes lognorm_X and lognorm_raw),
 * X is the same numbers, so the bins (with Seurat's N(0,1)/1e30 jitter ordering the 598 unexpressed
 * genes of squidpy's data) and R's draws are Seurat's, and every score must equal the reference to
 * the 15 printed digits (1e-9). From counts, Seurat normalises in double and myelin in float32 as
 * scanpy does: values differ in the 7th digit, so scores are held to 1e-6; bins are set by rank and
 * only a crossing of two genes' means could change the controls, which the bar (r at least
 * 0.99 per set) would still catch. Observed: at most 2e-7 from counts, 5e-15 from log data.
 */
class SeuratModuleScoreTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "pbmc3k, pbmc3k/filtered_gene_bc_matrices/hg19, 200, false, signatures.gmt",
      "scanpy_10k_subset, scanpy/derived/10x-10k-subset.h5ad, 20, false, signatures.gmt",
      "scanpy_10x_v3_h5, scanpy/10x_data/3.0.0/filtered_feature_bc_matrix.h5, 10, false, signatures.gmt",
      "seurat_pbmc_small_mtx, seurat, 10, false, signatures.gmt",
      "scanpy_pbmc68k_reduced, scanpy/10x_pbmc68k_reduced.h5ad, 0, true, signatures.gmt",
      "squidpy_test_data, squidpy/test_data.h5ad, 0, true, signatures_mouse.gmt"})
  void scoresMatchSeurat(String ref, String input, int minGenes, boolean lognormInput, String gmt) {
    Parallel p = new Parallel(2);
    CellData d;
    if (lognormInput) {
      d = CellDataIO.read(SharedData.data(input), CellDataIO.ReadOptions.DEFAULT, p);
      if (d.raw() != null) {
        d = new CellData(d.raw().x(), d.obs(), d.raw().var());
      }
    } else {
      d = ReferencePipeline.logNormalised(input, minGenes, false, p);
    }
    Map<String, Integer> upper = new HashMap<>();
    for (int j = 0; j < d.nVars(); j++) {
      upper.putIfAbsent(d.var().index()[j].replace('_', '-').toUpperCase(Locale.ROOT), j);
    }
    int g = d.nVars();
    int nBins = g >= 2400 ? 24 : Math.max(2, g / 100 + 2);
    int ctrl = Math.max(1, Math.min(100, g / nBins / 2));
    SeuratModuleScore seurat = new SeuratModuleScore(ModuleScore.geneMeans(d.x()), nBins, 1);
    List<String[]> rows = SharedData.csv(SharedData.ref(ref + "/seurat/signature_scores.csv.gz"));
    Map<String, Integer> col = new HashMap<>();
    for (int c = 0; c < rows.get(0).length; c++) {
      col.put(rows.get(0)[c], c);
    }
    assertEquals(d.nObs(), rows.size() - 1, "the reference's cells");
    Map<String, Integer> cell = new HashMap<>();
    for (int i = 0; i < d.nObs(); i++) {
      cell.put(d.obs().index()[i], i);
    }
    List<String> names = new ArrayList<>();
    List<int[]> sets = new ArrayList<>();
    List<int[]> controls = new ArrayList<>();
    for (GeneSet s : GmtReader.read(SharedData.root().resolve("signatures/" + gmt))) {
      Set<Integer> present = new LinkedHashSet<>();
      for (String gene : s.genes()) {
        Integer j = upper.get(gene.toUpperCase(Locale.ROOT));
        if (j != null) {
          present.add(j);
        }
      }
      if (present.size() < 2) {
        continue;
      }
      assertTrue(col.containsKey(s.name() + "_AddModuleScore"), ref + ": Seurat scored " + s.name());
      int[] genes = present.stream().mapToInt(Integer::intValue).toArray();
      names.add(s.name());
      sets.add(genes);
      controls.add(seurat.controls(genes, ctrl));
    }
    double[][] ours = ModuleScore.scoreAll(d.x(), sets.toArray(new int[0][]), controls.toArray(new int[0][]), p);
    double worstR = 1;
    double worstAbs = 0;
    for (int s = 0; s < names.size(); s++) {
      int c = col.get(names.get(s) + "_AddModuleScore");
      double[] theirs = new double[d.nObs()];
      double[] mine = new double[d.nObs()];
      for (int r = 1; r < rows.size(); r++) {
        int i = cell.get(rows.get(r)[0]);
        theirs[r - 1] = Double.parseDouble(rows.get(r)[c]);
        mine[r - 1] = ours[s][i];
        worstAbs = Math.max(worstAbs, Math.abs(theirs[r - 1] - mine[r - 1]));
        assertEquals(theirs[r - 1], mine[r - 1], lognormInput ? 1e-9 : 1e-6, ref + " " + names.get(s) + " of "
            + rows.get(r)[0]);
      }
      double pr = org.myelin.core.stats.Correlation.pearson(theirs, mine);
      if (Double.isNaN(pr) && lognormInput) {
        continue; // a set unexpressed in every cell: both constant, and equal (checked above)
      }
      worstR = Math.min(worstR, pr);
      assertTrue(pr >= 0.99, ref + " " + names.get(s) + ": r = " + pr);
    }
    System.out.printf("%s: AddModuleScore, %d sets, worst r %.6f, worst difference %.1e%n", ref, names.size(), worstR,
        worstAbs);
  }
}
