package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.integrate.Harmony;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;
import org.myelin.io.h5ad.H5adWriter;

/** {@code myelin integrate} and the integrate step of run, on scanpy's pbmc3k in two shifted pseudo-batches. */
class IntegrateCommandTest {

  @TempDir
  Path tmp;

  private Path input;
  private CellData data;

  @BeforeEach
  void twoBatches() {
    data = CellDataIO.read(SharedData.ref("pbmc3k/scanpy/reference.h5ad"), CellDataIO.ReadOptions.DEFAULT,
        new Parallel(1));
    int n = data.nObs();
    DenseMatrix pca = data.obsm().get("X_pca");
    int d = pca.nCols();
    double[] shifted = new double[n * d];
    String[] batch = new String[n];
    String[] one = new String[n];
    for (int i = 0; i < n; i++) {
      batch[i] = i % 2 == 0 ? "run1" : "run2";
      one[i] = "run1";
      for (int c = 0; c < d; c++) {
        shifted[i * d + c] = pca.get(i, c) + (c == 0 && i % 2 == 1 ? 4 : 0);
      }
    }
    data.putObsm("X_pca", new DenseDoubleMatrix(n, d, shifted));
    data.obs().put("batch", CategoricalColumn.fromValues(batch));
    data.obs().put("one_run", CategoricalColumn.fromValues(one));
    input = tmp.resolve("two_runs.h5ad");
    H5adWriter.write(data, input, false);
  }

  @Test
  void integrateWritesHarmonysEmbeddingWhichNeighborsThenSearch() {
    Path out = tmp.resolve("integrated.h5ad");
    CliRunner.Result r = CliRunner.run("integrate", input.toString(), "-o", out.toString(), "--batch-key", "batch",
        "--threads", "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("Harmony on X_pca over 2 batches of obs['batch']"), r.err());
    CellData d = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    DenseMatrix corrected = d.obsm().get("X_pca_harmony");
    int n = data.nObs();
    int dims = corrected.nCols();
    double[] z = ((DenseDoubleMatrix) data.obsm().get("X_pca")).data();
    int[] codes = ((CategoricalColumn) data.obs().get("batch")).codes();
    Harmony.Result expected = Harmony.run(z, n, dims, codes, 2, Harmony.Options.defaults(), 0, new Parallel(1));
    assertArrayEquals(expected.corrected(), ((DenseDoubleMatrix) corrected).data(), "the core's result, any threads");
    assertEquals("batch", ((Map<?, ?>) ((Map<?, ?>) d.uns().get("harmony")).get("params")).get("key"));

    // The batches' offset on PC1 is gone: the two means move closer by most of it.
    double before = meanGap(z, codes, dims);
    double after = meanGap(((DenseDoubleMatrix) corrected).data(), codes, dims);
    assertTrue(Math.abs(before) > 3.5 && Math.abs(after) < 1, "PC1 gap " + before + " -> " + after);

    Path graph = tmp.resolve("graph.h5ad");
    r = CliRunner.run("neighbors", out.toString(), "-o", graph.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("dimensions of X_pca_harmony"), r.err());
  }

  @Test
  void runIntegratesWhenGivenTheBatchesOnly() {
    Path out = tmp.resolve("run.h5ad");
    CliRunner.Result r = CliRunner.run("run", input.toString(), "-o", out.toString(), "--steps", "integrate,neighbors");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("integrate skipped: no --batch-key given"), r.err());
    assertTrue(r.err().contains("dimensions of X_pca ("), r.err());
    r = CliRunner.run("run", input.toString(), "-o", out.toString(), "--force", "--steps", "integrate,neighbors",
        "--batch-key", "batch");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("dimensions of X_pca_harmony"), r.err());
  }

  @Test
  void badBatchesAreRefusedAndNothingIsWritten() {
    Path out = tmp.resolve("bad.h5ad");
    expectRefusal(out, "Missing --batch-key", "integrate", input.toString(), "-o", out.toString());
    expectRefusal(out, "Harmony's batch key: no column 'sample'", "integrate", input.toString(), "-o", out.toString(),
        "--batch-key", "sample");
    expectRefusal(out, "obs['one_run'] holds a single batch", "integrate", input.toString(), "-o", out.toString(),
        "--batch-key", "one_run");
    expectRefusal(out, "Invalid --harmony-theta: -1", "integrate", input.toString(), "-o", out.toString(),
        "--batch-key", "batch", "--harmony-theta", "-1");
    expectRefusal(out, "Harmony's batch key: no column 'sample'", "run", input.toString(), "-o", out.toString(),
        "--steps", "integrate", "--batch-key", "sample");
  }

  private static void expectRefusal(Path out, String message, String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(message), r.err());
    assertEquals(1, r.err().strip().lines().filter(l -> l.contains("error")).count(), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  private static double meanGap(double[] z, int[] codes, int d) {
    double[] sum = new double[2];
    int[] count = new int[2];
    for (int i = 0; i < codes.length; i++) {
      sum[codes[i]] += z[i * d];
      count[codes[i]]++;
    }
    return sum[1] / count[1] - sum[0] / count[0];
  }
}
