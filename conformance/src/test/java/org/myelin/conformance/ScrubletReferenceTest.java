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
    runScrublet(folder.resolve("matrix.mtx"), 0);
    CellData data = CellDataIO.read(folder, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
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
    System.out.printf("scrublet: %d cells, %d genes, %d cells and doublets whose score differs from scrublet's beyond "
        + "1e-4, all at a tie of their k-th neighbour (%d not), others within %.2g; threshold %.6f (scrublet %.6f), "
        + "%d called%n", n, ours.genes().length, differ, unexplained, worst, ours.threshold(), threshold,
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
