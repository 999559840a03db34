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
import org.myelin.core.sim.DropletCounts;
import org.myelin.core.table.CategoricalColumn;

/** testdata/counts.h5ad is what the command in testdata/README.md makes: regenerating gives the same values. */
class TestdataTest {

  @Test
  void countsH5adRegeneratesExactly() {
    Path file = Path.of("..", "testdata", "counts.h5ad");
    assertTrue(Files.exists(file), "missing " + file.toAbsolutePath());
    CellData stored = CellDataIO.read(file, CellDataIO.ReadOptions.DEFAULT, new Parallel(2));
    DropletCounts.Options typical = DropletCounts.Options.typical(1000, 1000, 0);
    DropletCounts.Options o = new DropletCounts.Options(1000, 1000, 1500, typical.librarySdLog(),
        typical.geneSdLog(), typical.nTypes(), typical.markersPerType(), typical.markerFold(), 0);
    CellData made = new DropletCounts(o).toCellData(new Parallel(1));
    assertEquals(made.x().nnz(), stored.x().nnz());
    assertArrayEquals(made.obs().index(), stored.obs().index());
    assertArrayEquals(made.var().index(), stored.var().index());
    assertArrayEquals(((CategoricalColumn) made.obs().get("cell_type")).codes(),
        ((CategoricalColumn) stored.obs().get("cell_type")).codes());
    long[] a = made.x().indptr();
    assertArrayEquals(a, stored.x().indptr());
    for (int b = 0; b < stored.x().nBlocks(); b++) {
      CsrBlock block = stored.x().block(b);
      for (int r = 0; r < block.nRows(); r++) {
        int row = stored.x().rowOffset(b) + r;
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          assertEquals(made.x().get(row, block.index(k)), block.value(k), 0.0);
        }
      }
    }
  }
}
