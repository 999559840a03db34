package org.myelin.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;

class CellDataTest {

  private static CellData threeByTwo() {
    CsrMatrix x = CsrMatrix.fromCsr(2, new long[] {0, 1, 2, 3}, new int[] {0, 1, 0}, new float[] {1, 2, 3});
    return new CellData(x, new Frame(new String[] {"c1", "c2", "c3"}), new Frame(new String[] {"g1", "g2"}));
  }

  @Test
  void shapeMismatchesNameTheSlotAndBothShapes() {
    CellData d = threeByTwo();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> d.putObsm("X_pca", new DenseFloatMatrix(2, 5, new float[10])));
    assertEquals("obsm['X_pca'] has shape (2, 5) but there are 3 cells", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> d.putLayer("counts", CsrMatrix.zeros(3, 3)));
    assertEquals("layers['counts'] has shape (3, 3) but expected (3, 2)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> d.putObsp("distances", CsrMatrix.zeros(3, 2)));
    assertTrue(e.getMessage().startsWith("obsp['distances'] has shape (3, 2)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new CellData(CsrMatrix.zeros(2, 2), new Frame(new String[] {"a"}), new Frame(new String[] {"x", "y"})));
    assertEquals("X has shape (2, 2) but obs has 1 rows and var 2", e.getMessage());
  }

  @Test
  void duplicateNamesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CellData(CsrMatrix.zeros(2, 1), new Frame(new String[] {"a", "a"}), new Frame(new String[] {"g"})));
    assertTrue(e.getMessage().contains("'a' repeats"), e.getMessage());
  }

  @Test
  void selectObsCarriesEveryPerCellSlot() {
    CellData d = threeByTwo();
    d.obs().put("score", new DoubleColumn(new double[] {1, 2, 3}));
    d.obs().put("type", CategoricalColumn.fromValues(new String[] {"T", "B", "T"}));
    d.putObsm("spatial", new DenseFloatMatrix(3, 2, new float[] {0, 0, 1, 1, 2, 2}));
    d.putObsp("distances", CsrMatrix.fromCsr(3, new long[] {0, 1, 2, 3}, new int[] {1, 2, 0}, new float[] {5, 6, 7}));
    CellData s = d.selectObs(new int[] {2, 0});
    assertEquals(2, s.nObs());
    assertEquals("c3", s.obs().index()[0]);
    assertEquals(3.0, s.x().get(0, 0));
    assertEquals(3.0, ((DoubleColumn) s.obs().get("score")).values()[0]);
    assertEquals("T", ((CategoricalColumn) s.obs().get("type")).value(1));
    assertEquals(2.0, s.obsm().get("spatial").get(0, 1));
    // distances c1->c2 (5) is dropped with c2; c3->c1 (7) stays as row 0, column 1.
    assertEquals(7.0, s.obsp().get("distances").get(0, 1));
    assertEquals(1, s.obsp().get("distances").nnz());
  }
}
