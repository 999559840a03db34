package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;

/** The multi-sample quick start end to end: simulate --samples, concat --samples, run --batch-key. */
class CohortCommandsTest {

  @TempDir
  Path tmp;

  @Test
  void simulatedCohortThroughConcatAndRun() throws Exception {
    Path cohort = tmp.resolve("cohort");
    CliRunner.Result r = CliRunner.run("simulate", "--samples", "3", "--cells", "600", "--seed", "2", "-o",
        cohort.toString(), "--threads", "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("a cohort of 3 patients"), r.err());
    List<String> sheet = Files.readAllLines(cohort.resolve("samples.csv"));
    assertEquals("sample,patient,file,response,pfs_months,pfs_event,batch,injury_burden", sheet.get(0));
    assertEquals(4, sheet.size());

    Path joined = tmp.resolve("cohort.h5ad");
    r = CliRunner.run("concat", "--samples", cohort.resolve("samples.csv").toString(), "-o", joined.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("3 samples, 1800 cells"), r.err());

    Path out = tmp.resolve("integrated.h5ad");
    r = CliRunner.run("run", joined.toString(), "-o", out.toString(), "--batch-key", "batch", "--threads", "2",
        "--steps", "qc,doublets,normalize,hvg,pca,integrate,neighbors,leiden,spatial", "--min-genes", "10");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("in 3 samples of obs['sample']"), "doublets per sample:\n" + r.err());
    assertTrue(r.err().contains("Harmony on X_pca over 3 batches of obs['batch']"), r.err());
    assertTrue(r.err().contains("dimensions of X_pca_harmony"), r.err());
    assertTrue(r.err().contains("spatial-graph skipped: the cells of 3 samples (obs['sample']) share one coordinate "
        + "space"), r.err());
    CellData d = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertTrue(d.obsm().containsKey("X_pca_harmony") && d.obs().has("predicted_doublet") && d.obs().has("response"));
  }

  @Test
  void aCohortNeedsTwoSamplesAndAFreshFolder() throws Exception {
    Path cohort = tmp.resolve("one");
    CliRunner.Result r = CliRunner.run("simulate", "--samples", "1", "--cells", "300", "-o", cohort.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("Invalid number of samples: 1 (2 or more)"), r.err());
    assertFalse(Files.exists(cohort), "nothing written");
    Files.createDirectories(tmp.resolve("taken"));
    r = CliRunner.run("simulate", "--samples", "2", "--cells", "300", "-o", tmp.resolve("taken").toString());
    assertEquals(2, r.code(), r.err());
  }
}
