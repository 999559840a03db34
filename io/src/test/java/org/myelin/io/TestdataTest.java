package org.myelin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.sim.TumourSection;
import org.myelin.core.table.Column;
import org.myelin.io.gmt.BuiltinSignatures;

/**
 * testdata/demo.h5ad is what the command in testdata/README.md makes
 * ({@code myelin simulate --cells 5000 --genes 3000 --seed 0 --umi-scale 0.6}): regenerating it
 * gives the same counts, the same truth and the same coordinates, value for value.
 */
class TestdataTest {

  @Test
  void demoRegeneratesExactly() throws java.io.IOException {
    Path file = Path.of("..", "testdata", "demo.h5ad");
    assertTrue(Files.exists(file), "missing " + file.toAbsolutePath());
    assertTrue(Files.size(file) <= 5_000_000, "the demo must stay within 5 MB: " + Files.size(file));
    CellData stored = CellDataIO.read(file, CellDataIO.ReadOptions.DEFAULT, new Parallel(2));
    TumourSection.Options d = TumourSection.Options.defaults(5000, 3000, 0);
    TumourSection.Options o = new TumourSection.Options(5000, 3000, 0, false, 0.6, d.librarySdLog(), d.geneSdLog(),
        d.tumourFraction(), d.nervesPerMm2(), d.invadedFraction(), d.markerFold(), d.injuryFold(),
        d.myelinLossFold(), d.inflammationFold(), d.inflammationRangeUm(), d.exhaustionFold(),
        d.exhaustionRangeUm(), d.cgrpRangeUm(), d.m2Strength(), d.attackFold(), d.attackRadiusUm(),
        d.damagedFraction(), d.doubletFraction());
    CellData made = new TumourSection(o, BuiltinSignatures.load(BuiltinSignatures.Species.HUMAN), null)
        .toCellData(new Parallel(1));
    assertArrayEquals(made.obs().index(), stored.obs().index());
    assertArrayEquals(made.var().index(), stored.var().index());
    assertArrayEquals(made.x().indptr(), stored.x().indptr());
    for (int b = 0; b < stored.x().nBlocks(); b++) {
      CsrBlock block = stored.x().block(b);
      for (int r = 0; r < block.nRows(); r++) {
        int row = stored.x().rowOffset(b) + r;
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          assertEquals(made.x().get(row, block.index(k)), block.value(k), 0.0);
        }
      }
    }
    assertEquals(made.obs().columns().keySet(), stored.obs().columns().keySet());
    for (var e : made.obs().columns().entrySet()) {
      Column c = stored.obs().get(e.getKey());
      for (int i = 0; i < made.nObs(); i++) {
        assertEquals(e.getValue().format(i), c.format(i), e.getKey() + " of cell " + i);
      }
    }
    for (int i = 0; i < made.nObs(); i++) {
      assertEquals(made.obsm().get("spatial").get(i, 0), stored.obsm().get("spatial").get(i, 0), 0.0);
      assertEquals(made.obsm().get("spatial").get(i, 1), stored.obsm().get("spatial").get(i, 1), 0.0);
    }
  }
}
