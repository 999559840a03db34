package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.BooleanColumn;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

/** {@code myelin doublets} and the doublets step of run, on pbmc3k's raw counts. */
class DoubletsCommandTest {

  @TempDir
  Path tmp;

  private static final String PBMC = SharedData.data("pbmc3k/filtered_gene_bc_matrices/hg19").toString();

  @Test
  void doubletsScoreEveryCellAndRemoveTheCalledOnes() {
    Path out = tmp.resolve("doublets.h5ad");
    CliRunner.Result r = CliRunner.run("doublets", PBMC, "-o", out.toString(), "--threads", "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("Scrublet: 37 of 2700 cells called doublets (1.4%)"), r.err());
    CellData d = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertTrue(d.obs().has("doublet_score"));
    int called = 0;
    for (boolean b : ((BooleanColumn) d.obs().get("predicted_doublet")).values()) {
      called += b ? 1 : 0;
    }
    assertEquals(37, called);
    assertTrue(((Map<?, ?>) d.uns().get("scrublet")).containsKey("threshold"));

    Path kept = tmp.resolve("singlets.h5ad");
    r = CliRunner.run("doublets", PBMC, "-o", kept.toString(), "--remove-doublets");
    assertEquals(0, r.code(), r.err());
    assertEquals(2663, CellDataIO.read(kept, CellDataIO.ReadOptions.DEFAULT, new Parallel(1)).nObs());
  }

  @Test
  void badInputIsRefusedAndNothingIsWritten() {
    Path out = tmp.resolve("bad.h5ad");
    String normalised = SharedData.data("scanpy/10x_pbmc68k_reduced.h5ad").toString(); // scaled X, no counts
    expectRefusal(out, "Scrublet needs raw counts", "doublets", normalised, "-o", out.toString());
    expectRefusal(out, "Invalid --doublets: maybe", "run", PBMC, "-o", out.toString(), "--doublets", "maybe");
    expectRefusal(out, "Invalid --doublet-threshold: 2.0", "doublets", PBMC, "-o", out.toString(),
        "--doublet-threshold", "2");
    expectRefusal(out, "Scrublet's sample key: no column 'sample'", "doublets", PBMC, "-o", out.toString(),
        "--sample-key", "sample");
  }

  private static void expectRefusal(Path out, String message, String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }
}
