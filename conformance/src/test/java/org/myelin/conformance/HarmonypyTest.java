package org.myelin.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.integrate.Harmony;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.SharedData;

/**
 * Harmony against harmonypy 0.0.9 (Debian's python3-harmonypy, installed by scripts/test), run on
 * the same embedding with the same seed. harmonypy starts from scikit-learn's k-means++ on numpy's
 * global generator and shuffles its update blocks with it; myelin draws the same numbers, so the
 * two runs take the same path and differ only by the order of floating-point sums (BLAS against
 * ours): the corrected coordinates agree to 1e-5 (they are of order 1 to 10).
 */
class HarmonypyTest {

  private static final double TOLERANCE = 1e-5;

  @TempDir
  Path tmp;

  /**
   * scanpy's pbmc3k PCA (50 components) split into three pseudo-batches, every third cell, each
   * batch shifted along the first components so there is something to correct.
   */
  @Test
  void pbmc3kPseudoBatchesMatchHarmonypy() throws Exception {
    List<String[]> emb = SharedData.csv(SharedData.ref("pbmc3k/scanpy/pca_embedding.csv.gz"));
    int n = emb.size() - 1;
    int d = emb.get(0).length - 1;
    double[] x = new double[n * d];
    int[] batch = new int[n];
    for (int i = 0; i < n; i++) {
      batch[i] = i % 3;
      for (int c = 0; c < d; c++) {
        x[i * d + c] = Double.parseDouble(emb.get(i + 1)[c + 1]);
      }
      x[i * d] += 3.0 * batch[i];
      x[i * d + 1] -= 2.0 * batch[i];
      x[i * d + 2] += batch[i] == 1 ? 1.5 : 0;
    }
    compare(x, n, d, batch, 3, 0);
  }

  /** Compares myelin's Harmony with harmonypy's on the same data and seed, with 1 and 2 threads. */
  private void compare(double[] x, int n, int d, int[] batch, int nBatches, long seed) throws Exception {
    Path embedding = tmp.resolve("embedding.csv");
    Path batches = tmp.resolve("batches.txt");
    StringBuilder text = new StringBuilder();
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        text.append(c == 0 ? "" : ",").append(x[i * d + c]);
      }
      text.append('\n');
      labels.append("b").append(batch[i]).append('\n');
    }
    Files.writeString(embedding, text);
    Files.writeString(batches, labels);
    runHarmonypy(embedding, batches, seed);
    List<String> rows = Files.readAllLines(tmp.resolve("corrected.csv"));
    int rounds = Integer.parseInt(Files.readString(tmp.resolve("rounds.txt")).strip());

    Harmony.Result ours;
    try (Parallel one = new Parallel(1)) {
      ours = Harmony.run(x, n, d, batch, nBatches, Harmony.Options.defaults(), seed, one);
    }
    double worst = 0;
    double moved = 0;
    for (int i = 0; i < n; i++) {
      String[] cells = rows.get(i).split(",");
      for (int c = 0; c < d; c++) {
        double theirs = Double.parseDouble(cells[c]);
        worst = Math.max(worst, Math.abs(theirs - ours.corrected()[i * d + c]));
        moved = Math.max(moved, Math.abs(theirs - x[i * d + c]));
      }
    }
    System.out.printf("harmony: %d cells, %d rounds (harmonypy %d), largest difference %.3g, largest correction %.3g%n",
        n, ours.rounds(), rounds, worst, moved);
    assertEquals(rounds, ours.rounds(), "Harmony rounds");
    assertTrue(moved > 0.5, "harmonypy corrected the embedding (largest move " + moved + ")");
    assertTrue(worst <= TOLERANCE, "largest difference from harmonypy " + worst);

    try (Parallel two = new Parallel(2)) {
      Harmony.Result again = Harmony.run(x, n, d, batch, nBatches, Harmony.Options.defaults(), seed, two);
      assertTrue(java.util.Arrays.equals(ours.corrected(), again.corrected()), "same result with 2 threads");
    }
  }

  private void runHarmonypy(Path embedding, Path batches, long seed) {
    SharedData.runPython(getClass(), "/harmony/run_harmonypy.py", tmp, "scripts/test installs python3-harmonypy",
        embedding.toString(), batches.toString(), Long.toString(seed), tmp.toString());
  }

}
