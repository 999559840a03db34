package org.myelin.io.tenx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.SharedData;
import org.myelin.io.h5ad.InteropFixtures;
import org.myelin.io.table.DenseTextMatrix;

/** Writing 10x HDF5, MTX folders and dense text, then reading them back, gives the same matrix. */
class TenxRoundTripTest {

  @TempDir
  Path tmp;

  static void assertSameMatrix(CsrMatrix a, CsrMatrix b) {
    assertEquals(a.nRows(), b.nRows());
    assertEquals(a.nCols(), b.nCols());
    assertEquals(a.nnz(), b.nnz());
    for (int i = 0; i < a.nRows(); i++) {
      for (int j = 0; j < a.nCols(); j++) {
        assertEquals(a.get(i, j), b.get(i, j), 0.0, "(" + i + ", " + j + ")");
      }
    }
  }

  private static CellData counts() {
    CellData d = InteropFixtures.everything(5);
    CellData c = new CellData(d.layers().get("counts"), d.obs(), d.var());
    return c;
  }

  @Test
  void tenxH5RoundTrip() {
    CellData d = counts();
    Path file = tmp.resolve("m.h5");
    TenxH5Writer.write(d, file, false, new Parallel(1));
    CellData back = TenxH5Reader.read(file, TenxH5Reader.Options.DEFAULT, new Parallel(1));
    assertSameMatrix(d.x(), back.x());
    assertArrayEquals(d.obs().index(), back.obs().index());
    assertArrayEquals(d.var().index(), back.var().index());
    assertEquals("E3", back.var().get("gene_ids").format(2));
  }

  @Test
  void mtxFolderRoundTrip() {
    CellData d = counts();
    Path dir = tmp.resolve("mtx");
    MtxWriter.write(d, dir, false, new Parallel(2));
    CellData back = MtxReader.readFolder(dir, MtxReader.Options.DEFAULT);
    assertSameMatrix(d.x(), back.x());
    assertArrayEquals(d.obs().index(), back.obs().index());
    assertArrayEquals(d.var().index(), back.var().index());
  }

  @Test
  void realValuedMtxKeepsFloat32Exactly() {
    CellData d = InteropFixtures.everything(6);
    Path dir = tmp.resolve("mtx-real");
    MtxWriter.write(d, dir, false, new Parallel(2));
    assertSameMatrix(d.x(), MtxReader.readFolder(dir, MtxReader.Options.DEFAULT).x());
  }

  @Test
  void denseTextRoundTripBothOrientations() {
    CellData d = counts();
    Path cells = tmp.resolve("cells.tsv.gz");
    Path genes = tmp.resolve("genes.csv");
    DenseTextMatrix.write(d, cells, false, false);
    DenseTextMatrix.write(d, genes, true, false);
    assertSameMatrix(d.x(), DenseTextMatrix.read(cells, false, false).x());
    CellData t = DenseTextMatrix.read(genes, true, false);
    assertSameMatrix(d.x(), t.x());
    assertArrayEquals(d.obs().index(), t.obs().index());
  }

  @Test
  void sharedTenxH5SurvivesConversionToEveryFormat() {
    CellData d = CellDataIO.read(SharedData.data("scanpy/10x_data/3.0.0/filtered_feature_bc_matrix.h5"),
        CellDataIO.ReadOptions.DEFAULT, new Parallel(2));
    for (String name : new String[] {"a.h5ad", "b.h5", "c_mtx", "d.tsv"}) {
      Path out = tmp.resolve(name);
      CellDataIO.write(d, out, null, false, new org.myelin.core.parallel.Parallel(1));
      CellData back = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(2));
      assertSameMatrix(d.x(), back.x());
      assertArrayEquals(d.obs().index(), back.obs().index(), name);
    }
  }

  @Test
  void normalizedDataIsNotWrittenAsCounts() {
    CellData d = InteropFixtures.everything(7);
    assertThrows(InconsistentDataException.class, () -> TenxH5Writer.write(d, tmp.resolve("x.h5"), false, new Parallel(1)));
  }
}
