package org.myelin.core.de;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.Frame;
import org.myelin.core.table.StringColumn;

class PseudobulkTest {

  /** Five cells of two samples and two types, two genes; sample-level response, cell-level state. */
  private static CellData cells(double[] values) {
    CsrMatrix x = CsrMatrix.fromCsr(2, new long[] {0, 2, 4, 6, 8, 10}, new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, values);
    Frame obs = new Frame(new String[] {"c1", "c2", "c3", "c4", "c5"});
    obs.put("sample", new StringColumn(new String[] {"P1", "P1", "P1", "P2", "P2"}));
    obs.put("cell_type", new StringColumn(new String[] {"t", "t", "b", "t", "t"}));
    obs.put("response", new StringColumn(new String[] {"R", "R", "R", "NR", "NR"}));
    obs.put("state", new StringColumn(new String[] {"x", "y", "x", "x", "x"}));
    return new CellData(x, obs, new Frame(new String[] {"G1", "G2"}));
  }

  @Test
  void sumsEachSamplesCellsOfEachTypeAndCarriesSampleColumns() {
    CellData d = cells(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    Pseudobulk.Result r = Pseudobulk.of(d, new Pseudobulk.Options("sample", "cell_type", 2));
    assertArrayEquals(new String[] {"P1:t", "P2:t"}, r.names()); // P1:b has one cell
    assertEquals(List.of("P1:b (1 cells)"), r.dropped());
    assertArrayEquals(new double[] {4, 6}, r.counts()[0]);
    assertArrayEquals(new double[] {16, 18}, r.counts()[1]);
    CellData pb = r.toCellData(d, "sample", "cell_type");
    assertEquals("NR", pb.obs().get("response").format(1));
    assertFalse(pb.obs().has("state"), "a column that varies within a sample stays behind");
    assertEquals("2", pb.obs().get("n_cells").format(0));
    Frame cells = Pseudobulk.cellCounts(d, "sample", "cell_type");
    assertEquals("1", cells.get("b").format(0));
    assertEquals("0", cells.get("b").format(1));
  }

  @Test
  void refusesNormalisedValues() {
    CellData d = cells(new double[] {1, 2.5, 3, 4, 5, 6, 7, 8, 9, 10});
    assertThrows(IllegalArgumentException.class, () -> Pseudobulk.of(d, new Pseudobulk.Options("sample", null, 1)));
  }
}
