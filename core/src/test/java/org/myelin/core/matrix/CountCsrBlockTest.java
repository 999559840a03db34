package org.myelin.core.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Compact counts read back exactly, and blocks that do not fit are refused rather than rounded. */
class CountCsrBlockTest {

  private static FloatCsrBlock block(int nCols, float... values) {
    int[] idx = new int[values.length];
    for (int k = 0; k < idx.length; k++) {
      idx[k] = nCols - 1 - k; // the highest columns, so that 16-bit indices are tried at their top
    }
    java.util.Arrays.sort(idx);
    return new FloatCsrBlock(nCols, new int[] {0, values.length / 2, values.length}, idx, values);
  }

  @Test
  void wholeCountsReadBackExactly() {
    // Counts of 255 and up are kept aside: several of them, the first and last entries among them.
    FloatCsrBlock f = block(CountCsrBlock.MAX_COLUMNS, 300, 0, 254, 255, 65536, 3, 12, 2e9f);
    CountCsrBlock c = CountCsrBlock.encode(f);
    assertNotNull(c);
    assertEquals(f.nRows(), c.nRows());
    for (int r = 0; r <= f.nRows(); r++) {
      assertEquals(f.rowStart(r), c.rowStart(r));
    }
    int[] fi = new int[f.nnz()];
    int[] ci = new int[c.nnz()];
    f.copyIndices(0, fi, 0, fi.length);
    c.copyIndices(0, ci, 0, ci.length);
    assertArrayEquals(fi, ci);
    float[] fv = new float[f.nnz()];
    float[] cv = new float[c.nnz()];
    double[] cd = new double[c.nnz()];
    f.copyValues(0, fv, 0, fv.length);
    c.copyValues(0, cv, 0, cv.length);
    c.copyValues(0, cd, 0, cd.length);
    assertArrayEquals(fv, cv);
    for (int k = 0; k < fv.length; k++) {
      assertEquals(fv[k], c.value(k));
      assertEquals(fv[k], cd[k]);
      assertEquals(fi[k], c.index(k));
    }
    assertEquals(4L * (f.nRows() + 1) + 3L * f.nnz() + 8L * f.nRows() + 8L * 4, c.storageBytes());
  }

  @Test
  void countsBesideAFloatBlockShareItsIndices() {
    // No column limit: the indices are the float block's own ints.
    FloatCsrBlock f = block(CountCsrBlock.MAX_COLUMNS + 5, 300, 0, 254, 255, 65536, 3, 12, 2e9f);
    CountCsrBlock c = CountCsrBlock.beside(f);
    assertNotNull(c);
    for (int k = 0; k < f.nnz(); k++) {
      assertEquals(f.value(k), c.value(k));
      assertEquals(f.index(k), c.index(k));
    }
    int[] ci = new int[c.nnz()];
    c.copyIndices(0, ci, 0, ci.length);
    assertArrayEquals(f.indices(), ci);
    org.junit.jupiter.api.Assertions.assertTrue(c.sharesStructureWith(f));
    FloatCsrBlock copy = new FloatCsrBlock(f.nCols(), f.indptr().clone(), f.indices().clone(), f.data().clone());
    org.junit.jupiter.api.Assertions.assertFalse(c.sharesStructureWith(copy));
    CsrMatrix x = CsrMatrix.ofBlocks(f.nCols(), false, List.of(f));
    org.junit.jupiter.api.Assertions.assertTrue(CsrMatrix.ofBlocks(f.nCols(), false, List.of(c)).sameStructure(x));
    assertEquals(4L * (f.nRows() + 1) + 5L * f.nnz() + 8L * f.nRows() + 8L * 4, c.storageBytes());
    for (float bad : new float[] {0.5f, -1, 3e9f, Float.NaN, Float.POSITIVE_INFINITY, -0.0f}) {
      assertNull(CountCsrBlock.beside(block(10, 1, 2, bad, 4)), "value " + bad);
    }
  }

  @Test
  void rowTotalsAndMappedCountsMatchTheValues() {
    // Counts aside in both rows, repeated counts within a row, and an empty row.
    float[] values = {300, 1, 1, 2, 300, 7, 1, 300, 2e9f, 1, 1, 255};
    FloatCsrBlock f = new FloatCsrBlock(20, new int[] {0, 5, 5, 12},
        new int[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6}, values);
    CountCsrBlock c = CountCsrBlock.beside(f);
    double[] totals = new double[5];
    c.rowTotals(totals, 1);
    assertArrayEquals(new double[] {0, 604, 0, 7 + 1 + 300 + 2e9 + 1 + 1 + 255, 0}, totals);
    java.util.Map<Long, Integer> calls = new java.util.HashMap<>();
    float[] made = new float[values.length];
    c.mapCounts(made, (row, count) -> {
      calls.merge(((long) row << 32) | count, 1, Integer::sum);
      return row * 1000f + count;
    });
    for (int r = 0; r < f.nRows(); r++) {
      for (int k = f.rowStart(r); k < f.rowStart(r + 1); k++) {
        assertEquals(r * 1000f + values[k], made[k], "entry " + k);
      }
    }
    // Once per distinct small count of a row; the counts aside are made where they stand.
    assertEquals(1, calls.get(1L));
    assertEquals(1, calls.get((2L << 32) | 1));
    assertEquals(2, calls.get(300L));
    assertEquals(9, calls.values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void valuesOrShapesThatDoNotFitAreRefused() {
    for (float bad : new float[] {0.5f, -1, 3e9f, Float.NaN, Float.POSITIVE_INFINITY, -0.0f}) {
      assertNull(CountCsrBlock.encode(block(10, 1, 2, bad, 4)), "value " + bad);
    }
    assertNull(CountCsrBlock.encode(block(CountCsrBlock.MAX_COLUMNS + 1, 1, 2)), "too many columns");
    DoubleCsrBlock d = new DoubleCsrBlock(4, new int[] {0, 2}, new int[] {0, 3}, new double[] {2, 1e-9});
    assertNull(CountCsrBlock.encode(d));
  }

  @Test
  void selectingRowsOrColumnsKeepsCountsCompact() {
    CsrMatrix m = CsrMatrix.ofBlocks(6, false, List.of(
        CountCsrBlock.encode(new FloatCsrBlock(6, new int[] {0, 2, 3}, new int[] {1, 4, 0}, new float[] {3, 1, 2})),
        CountCsrBlock.encode(new FloatCsrBlock(6, new int[] {0, 3}, new int[] {0, 2, 5}, new float[] {9, 8, 7}))));
    CsrMatrix rows = m.selectRows(new int[] {2, 0});
    CsrMatrix cols = m.selectColumns(new int[] {5, 0, 4});
    for (CsrMatrix s : List.of(rows, cols)) {
      s.blocks().forEach(b -> assertEquals(CountCsrBlock.class, b.getClass()));
    }
    assertArrayEquals(new double[] {9, 8, 7, 3, 1}, values(rows));
    assertArrayEquals(new double[] {1, 2, 9, 7}, values(cols));
    // Counts beside a float block of more columns than the 16-bit form holds stay float32 when selected.
    int wide = CountCsrBlock.MAX_COLUMNS + 10;
    CsrMatrix w = CsrMatrix.ofBlocks(wide, false, List.of(CountCsrBlock.beside(
        new FloatCsrBlock(wide, new int[] {0, 2, 3}, new int[] {1, wide - 1, 0}, new float[] {3, 1, 2}))));
    assertArrayEquals(new double[] {2, 3, 1}, values(w.selectRows(new int[] {1, 0})));
    assertEquals(FloatCsrBlock.class, w.selectRows(new int[] {1, 0}).block(0).getClass());
  }

  private static double[] values(CsrMatrix m) {
    double[] out = new double[(int) m.nnz()];
    int k = 0;
    for (CsrBlock b : m.blocks()) {
      b.copyValues(0, out, k, b.nnz());
      k += b.nnz();
    }
    return out;
  }
}
