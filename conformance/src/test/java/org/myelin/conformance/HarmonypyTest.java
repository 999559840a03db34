package org.myelin.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.ArrayList;
import org.myelin.core.data.CellData;
import org.myelin.core.integrate.Harmony;
import org.myelin.core.integrate.Lisi;
import org.myelin.core.pp.HvgTool;
import org.myelin.core.pp.NormalizeTool;
import org.myelin.core.pp.PcaTool;
import org.myelin.core.sim.Cohort;
import org.myelin.core.sim.TumourSection;
import org.myelin.core.table.Groups;
import org.myelin.core.tool.ToolContext;
import org.myelin.io.CellDataIO;
import org.myelin.io.Concat;
import org.myelin.io.SimulationWriter;
import org.myelin.io.gmt.BuiltinSignatures;
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

  /**
   * A simulated cohort of six patients in three sequencing batches, normalised, its highly variable
   * genes' PCA corrected for the batches: harmonypy's embedding again, the batches mixed (LISI of
   * the batch from 1 towards 3) and the planted cell types kept apart (their LISI near 1).
   */
  @Test
  void simulatedCohortMatchesHarmonypyAndMixesItsBatches() throws Exception {
    Path folder = tmp.resolve("cohort");
    var library = BuiltinSignatures.load(BuiltinSignatures.Species.HUMAN);
    Cohort cohort = new Cohort(Cohort.Options.defaults(6, 1), TumourSection.Options.defaults(1500, 3000, 0), library);
    CellData data;
    try (Parallel p = new Parallel(2)) {
      SimulationWriter.writeCohort(cohort, folder, false, p);
      List<Concat.Input> inputs = new ArrayList<>();
      for (Cohort.Patient patient : cohort.patients()) {
        inputs.add(new Concat.Input(patient.sample(), folder.resolve(patient.sample() + ".h5ad"),
            java.util.Map.of("batch", patient.batch())));
      }
      Path joined = tmp.resolve("cohort.h5ad");
      Concat.write(inputs, joined, new Concat.Options("sample", "-", Concat.Join.INNER, Concat.Merge.NONE), false, p);
      data = CellDataIO.read(joined, CellDataIO.ReadOptions.DEFAULT, p);
      ToolContext ctx = ToolContext.quiet(p, 0);
      data = NormalizeTool.run(data, NormalizeTool.Options.defaults(), ctx).data();
      data = HvgTool.run(data, HvgTool.Options.defaults(), ctx).data();
      data = PcaTool.run(data, PcaTool.Options.defaults(), ctx).data();
    }
    int n = data.nObs();
    var pca = data.obsm().get("X_pca");
    int d = pca.nCols();
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i * d + c] = pca.get(i, c);
      }
    }
    Groups batches = Groups.of(data.obs(), "batch", "batch");
    Harmony.Result ours = compare(x, n, d, batches.codes(), batches.nGroups(), 0);
    Groups types = Groups.of(data.obs(), "cell_type", "cell type");
    try (Parallel p = new Parallel(2)) {
      double batchBefore = median(Lisi.compute(x, n, d, batches.codes(), batches.nGroups(), 30, p));
      double batchAfter = median(Lisi.compute(ours.corrected(), n, d, batches.codes(), batches.nGroups(), 30, p));
      double typeBefore = median(Lisi.compute(x, n, d, types.codes(), types.nGroups(), 30, p));
      double typeAfter = median(Lisi.compute(ours.corrected(), n, d, types.codes(), types.nGroups(), 30, p));
      System.out.printf("cohort LISI: batch %.3f -> %.3f (of 3), cell type %.3f -> %.3f%n", batchBefore, batchAfter,
          typeBefore, typeAfter);
      assertTrue(batchBefore < 1.3 && batchAfter > 2.0, "batches mix: " + batchBefore + " -> " + batchAfter);
      assertTrue(typeAfter < 1.1, "cell types stay apart: " + typeBefore + " -> " + typeAfter);
    }
  }

  private static double median(double[] v) {
    return org.myelin.core.stats.Quantiles.percentile(v, 50);
  }

  /** Compares myelin's Harmony with harmonypy's on the same data and seed, with 1 and 2 threads. */
  private Harmony.Result compare(double[] x, int n, int d, int[] batch, int nBatches, long seed) throws Exception {
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
    return ours;
  }

  private void runHarmonypy(Path embedding, Path batches, long seed) {
    SharedData.runPython(getClass(), "/harmony/run_harmonypy.py", tmp, "scripts/test installs python3-harmonypy",
        embedding.toString(), batches.toString(), Long.toString(seed), tmp.toString());
  }

}
