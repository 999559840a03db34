package org.myelin.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.doublet.Scrublet;
import org.myelin.core.doublet.ScrubletTool;
import org.myelin.core.sim.Cohort;
import org.myelin.core.sim.TumourSection;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.tool.ToolContext;
import org.myelin.io.Concat;
import org.myelin.io.SimulationWriter;
import org.myelin.io.gmt.BuiltinSignatures;
import java.util.List;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

/**
 * Scrublet against scrublet 0.2.2 itself (../shared/peers/pylib, exact neighbours), run on the same
 * counts with the same seed: the same genes, the same simulated pairs (numpy's legacy randint), the
 * same threshold, and the same doublet scores (to 1e-4; in fact to the bit) and calls for every cell
 * whose k-th neighbour is not a tie. Scores count simulated doublets among neighbours; a doublet
 * simulated from one cell twice is that cell's exact double, and where the two straddle a cell's k-th
 * neighbour, which one counts is decided in scikit-learn by BLAS rounding. Those cells (two on
 * pbmc3k) may differ by one neighbour, and every difference must be one of them.
 */
class ScrubletReferenceTest {

  @TempDir
  Path tmp;

  @Test
  void pbmc3kMatchesScrublet() throws Exception {
    Path folder = SharedData.data("pbmc3k/filtered_gene_bc_matrices/hg19");
    compare(folder.resolve("matrix.mtx"), CellDataIO.read(folder, CellDataIO.ReadOptions.DEFAULT, new Parallel(1)));
  }

  /**
   * A simulated cohort of four patients, 5,000 cells each with 6% planted doublets: one sample
   * against scrublet, and every sample scored on its own finds the planted heterotypic doublets
   * (two cells of different types) with an AUROC of 0.9 or more; homotypic ones are reported.
   */
  @Test
  void simulatedCohortMatchesScrubletAndFindsThePlantedDoublets() throws Exception {
    Path folder = tmp.resolve("cohort");
    Cohort cohort = new Cohort(Cohort.Options.defaults(4, 2), TumourSection.Options.defaults(5000, 3000, 0)
        .withDoubletFraction(Cohort.Options.DOUBLET_FRACTION), BuiltinSignatures.load(BuiltinSignatures.Species.HUMAN));
    CellData all;
    try (Parallel p = new Parallel(2)) {
      SimulationWriter.writeCohort(cohort, folder, false, p);
      List<Concat.Input> inputs = cohort.patients().stream()
          .map(pt -> new Concat.Input(pt.sample(), folder.resolve(pt.sample() + ".h5ad"))).toList();
      Path joined = tmp.resolve("cohort.h5ad");
      Concat.write(inputs, joined, new Concat.Options("sample", "-", Concat.Join.INNER, Concat.Merge.NONE), false, p);
      all = CellDataIO.read(joined, CellDataIO.ReadOptions.DEFAULT, p);
    }
    Path first = folder.resolve("P01.h5ad");
    compare(first, CellDataIO.read(first, CellDataIO.ReadOptions.DEFAULT, new Parallel(1)));

    try (Parallel p = new Parallel(2)) {
      ScrubletTool.run(all, new ScrubletTool.Options("sample", false, Scrublet.Options.defaults()),
          ToolContext.quiet(p, 0));
    }
    double[] score = ((DoubleColumn) all.obs().get("doublet_score")).values();
    boolean[] doublet = ((BooleanColumn) all.obs().get("is_doublet")).values();
    boolean[] homotypic = ((BooleanColumn) all.obs().get("doublet_homotypic")).values();
    double heterotypic = auroc(score, doublet, i -> !homotypic[i]);
    double sameType = auroc(score, doublet, i -> !doublet[i] || homotypic[i]);
    System.out.printf("scrublet on the cohort: AUROC %.3f for heterotypic doublets, %.3f for homotypic%n",
        heterotypic, sameType);
    assertTrue(heterotypic >= 0.9, "heterotypic AUROC " + heterotypic);
  }

  /** The AUROC of {@code score} for {@code positive} among the cells {@code keep} admits (Mann-Whitney). */
  private static double auroc(double[] score, boolean[] positive, java.util.function.IntPredicate keep) {
    List<double[]> kept = new java.util.ArrayList<>();
    for (int i = 0; i < score.length; i++) {
      if (keep.test(i)) {
        kept.add(new double[] {score[i], positive[i] ? 1 : 0});
      }
    }
    kept.sort((a, b) -> Double.compare(a[0], b[0]));
    double rankSum = 0;
    long pos = 0;
    int i = 0;
    while (i < kept.size()) {
      int j = i;
      while (j < kept.size() && kept.get(j)[0] == kept.get(i)[0]) {
        j++;
      }
      double midRank = (i + 1 + j) / 2.0;
      for (int t = i; t < j; t++) {
        if (kept.get(t)[1] == 1) {
          rankSum += midRank;
          pos++;
        }
      }
      i = j;
    }
    long neg = kept.size() - pos;
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** Compares myelin's Scrublet with scrublet's on the counts of {@code file} (the same as {@code data}'s X). */
  private void compare(Path file, CellData data) throws Exception {
    runScrublet(file, 0);
    Scrublet.Result ours;
    try (Parallel two = new Parallel(2)) {
      ours = Scrublet.run(ScrubletTool.counts(data.x(), allRows(data.nObs())), Scrublet.Options.defaults(), 0, two);
    }
    assertArrayEquals(readInts("genes.txt"), ours.genes(), "the embedding's genes");
    assertArrayEquals(readInts("parents.txt"), ours.parents(), "the simulated pairs");
    double[] obs = readDoubles("scores_obs.txt");
    double[] sim = readDoubles("scores_sim.txt");
    double threshold = Double.parseDouble(Files.readString(tmp.resolve("threshold.txt")).strip());
    int n = obs.length;
    int differ = 0;
    int unexplained = 0;
    int calls = 0;
    double worst = 0;
    for (int i = 0; i < n + sim.length; i++) {
      double theirs = i < n ? obs[i] : sim[i - n];
      double mine = i < n ? ours.scoresObs()[i] : ours.scoresSim()[i - n];
      if (Math.abs(theirs - mine) > 1e-4) {
        differ++;
        unexplained += ours.tieAtK()[i] ? 0 : 1;
      } else {
        worst = Math.max(worst, Math.abs(theirs - mine));
      }
      if (i < n && (theirs > threshold) != ours.predicted()[i] && !ours.tieAtK()[i]) {
        calls++;
      }
    }
    System.out.printf("scrublet on %s: %d cells, %d genes, %d cells and doublets whose score differs from scrublet's beyond "
        + "1e-4, all at a tie of their k-th neighbour (%d not), others within %.2g; threshold %.6f (scrublet %.6f), "
        + "%d called%n", file.getFileName(), n, ours.genes().length, differ, unexplained, worst, ours.threshold(), threshold,
        ours.nPredicted());
    assertEquals(0, unexplained, "scores differing from scrublet's without a tie at the k-th neighbour");
    assertTrue(differ <= 4, differ + " scores rest on ties");
    assertEquals(0, calls, "doublet calls differing from scrublet's without a tie");
    assertEquals(threshold, ours.threshold(), 1e-12, "the threshold");
  }

  private static int[] allRows(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  private int[] readInts(String file) throws IOException {
    return Files.readAllLines(tmp.resolve(file)).stream().flatMap(l -> java.util.Arrays.stream(l.trim().split(" ")))
        .filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
  }

  private double[] readDoubles(String file) throws IOException {
    return Files.readAllLines(tmp.resolve(file)).stream().mapToDouble(Double::parseDouble).toArray();
  }

  private void runScrublet(Path matrix, long seed) {
    SharedData.runPython(getClass(), "/scrublet/run_scrublet.py", tmp,
        "scripts/test installs python3-sklearn, python3-skimage and python3-matplotlib", matrix.toString(),
        Long.toString(seed), tmp.toString());
  }

}
