package org.myelin.io.h5ad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.io.SharedData;
import org.myelin.io.hdf.Compression;

class H5adFileTest {

  @TempDir
  Path tmp;

  @Test
  void backedOpenReadsShapeOnlyAndStreamsTheSameValues() {
    Path file = SharedData.data("scanpy/derived/10x-10k-subset.h5ad");
    CsrMatrix whole;
    try (H5adFile f = H5adFile.open(file); Parallel p = new Parallel(2)) {
      assertEquals(10000, f.nObs());
      assertEquals(1000, f.nVars());
      assertEquals(691914L, f.nnz());
      whole = f.x().read(p, false);
    }
    try (H5adFile f = H5adFile.open(file)) {
      Iterator<CsrBlock> it = f.streamX();
      int row = 0;
      long nnz = 0;
      int blocks = 0;
      while (it.hasNext()) {
        CsrBlock b = it.next();
        for (int r = 0; r < b.nRows(); r += 97) {
          for (int k = b.rowStart(r); k < b.rowStart(r + 1); k++) {
            assertEquals(whole.get(row + r, b.index(k)), b.value(k), 0.0);
          }
        }
        row += b.nRows();
        nnz += b.nnz();
        blocks++;
        assertTrue(b.nnz() <= CsrMatrix.DEFAULT_BLOCK_NNZ && b.nRows() <= CsrMatrix.MAX_BLOCK_ROWS);
      }
      assertEquals(10000, row);
      assertEquals(691914L, nnz);
      assertEquals(whole.nBlocks(), blocks);
    }
  }

  @Test
  void readingIsTheSameForOneAndTwoThreads() {
    Path file = SharedData.data("scanpy/derived/10x-10k-subset.h5ad");
    CellData a;
    CellData b;
    try (H5adFile f = H5adFile.open(file); Parallel p = new Parallel(1)) {
      a = f.read(p, false);
    }
    try (H5adFile f = H5adFile.open(file); Parallel p = new Parallel(2)) {
      b = f.read(p, false);
    }
    assertEquals(a.x().nBlocks(), b.x().nBlocks());
    for (int blk = 0; blk < a.x().nBlocks(); blk++) {
      CsrBlock x = a.x().block(blk);
      CsrBlock y = b.x().block(blk);
      int[] xi = new int[x.nnz()];
      int[] yi = new int[y.nnz()];
      float[] xv = new float[x.nnz()];
      float[] yv = new float[y.nnz()];
      x.copyIndices(0, xi, 0, xi.length);
      y.copyIndices(0, yi, 0, yi.length);
      x.copyValues(0, xv, 0, xv.length);
      y.copyValues(0, yv, 0, yv.length);
      assertArrayEquals(xi, yi);
      assertArrayEquals(xv, yv);
    }
  }

  @Test
  void legacyCompoundLayoutReadsAsAnndataDoes() {
    // scanpy's pbmc68k_reduced predates anndata 0.7: compound obs/var, uns/<col>_categories, raw.X.
    CellData d;
    try (H5adFile f = H5adFile.open(SharedData.data("scanpy/10x_pbmc68k_reduced.h5ad")); Parallel p = new Parallel(1)) {
      d = f.read(p, false);
    }
    CategoricalColumn bulk = (CategoricalColumn) d.obs().get("bulk_labels");
    assertEquals(10, bulk.categories().length);
    assertEquals("CD14+ Monocyte", bulk.categories()[5]);
    assertTrue(!d.uns().containsKey("bulk_labels_categories"), "categories moved into the column");
    assertEquals(50, d.obsm().get("X_pca").nCols());
    assertEquals(765, d.raw().x().nCols());
    assertTrue(d.obsp().containsKey("connectivities"), "uns/neighbors graphs move to obsp as anndata does");
    assertEquals("bool", d.var().get("highly_variable").typeName());
  }

  @Test
  void matricesWrittenInTheBackgroundGiveTheSameBytesAndAnAbandonedWriteLeavesNothing() throws Exception {
    CellData d = InteropFixtures.everything(9);
    Path direct = tmp.resolve("direct.h5ad");
    Path early = tmp.resolve("early.h5ad");
    try (Parallel p = new Parallel(2)) {
      H5adWriter.write(d, direct, false, p, org.myelin.core.tool.Progress.NONE, Compression.DEFAULT);
      try (H5adWriter.Started s = H5adWriter.start(d, early, false, Compression.DEFAULT, p)) {
        s.finish(d, p);
        assertEquals(1.0, s.fractionWritten(), 0.0);
      }
    }
    assertEquals(-1L, java.nio.file.Files.mismatch(direct, early), "the same bytes as writing at once");

    Path abandoned = tmp.resolve("abandoned.h5ad");
    CellData other = new CellData(d.x().selectColumns(new int[] {0, 1}), d.obs(), d.var().select(new int[] {0, 1}));
    try (Parallel p = new Parallel(2); H5adWriter.Started s = H5adWriter.start(d, abandoned, false,
        Compression.DEFAULT, p)) {
      assertTrue(s.holdsMatricesOf(d));
      assertFalse(s.holdsMatricesOf(other), "another X");
      assertThrows(IllegalStateException.class, () -> s.finish(other, p));
    }
    assertTrue(java.nio.file.Files.notExists(abandoned));
    try (var files = java.nio.file.Files.list(tmp)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".tmp-")), "temporary file left");
    }
  }

  @Test
  void javaRoundTripKeepsEverything() {
    CellData d = InteropFixtures.everything(9);
    Path file = tmp.resolve("rt.h5ad");
    H5adWriter.write(d, file, false);
    CellData back;
    try (H5adFile f = H5adFile.open(file); Parallel p = new Parallel(2)) {
      back = f.read(p, false);
    }
    assertEquals(d.x().nnz(), back.x().nnz());
    assertEquals(d.obs().columns().keySet(), back.obs().columns().keySet());
    for (var e : d.obs().columns().entrySet()) {
      for (int i = 0; i < d.nObs(); i++) {
        assertEquals(e.getValue().format(i), back.obs().get(e.getKey()).format(i), e.getKey());
      }
      assertEquals(e.getValue().typeName(), back.obs().get(e.getKey()).typeName(), e.getKey());
    }
    assertTrue(((CategoricalColumn) back.obs().get("grade")).ordered());
    assertEquals(d.uns().keySet(), back.uns().keySet());
    assertTrue(back.obsp().get("distances").isDouble());
  }
}
