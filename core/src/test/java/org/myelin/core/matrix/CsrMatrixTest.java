package org.myelin.core.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsrMatrixTest {

  /** A random sparse matrix as whole CSR arrays, about {@code density} of entries set. */
  static CsrMatrix random(int rows, int cols, double density, long seed) {
    Random rnd = new Random(seed);
    long[] indptr = new long[rows + 1];
    int[] idx = new int[(int) (rows * (long) cols * density * 2) + 16];
    float[] val = new float[idx.length];
    int k = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        if (rnd.nextDouble() < density && k < idx.length) {
          idx[k] = c;
          val[k] = 1 + rnd.nextInt(20);
          k++;
        }
      }
      indptr[r + 1] = k;
    }
    return CsrMatrix.fromCsr(cols, indptr, java.util.Arrays.copyOf(idx, k), java.util.Arrays.copyOf(val, k));
  }

  @Test
  void getReadsEntriesAcrossBlocks() {
    // Two hand-made blocks: rows 0-1 and row 2 of [[1,0,2],[0,0,0],[0,3,0]].
    CsrBlock a = new FloatCsrBlock(3, new int[] {0, 2, 2}, new int[] {0, 2}, new float[] {1, 2});
    CsrBlock b = new FloatCsrBlock(3, new int[] {0, 1}, new int[] {1}, new float[] {3});
    CsrMatrix m = CsrMatrix.ofBlocks(3, false, List.of(a, b));
    assertEquals(3, m.nRows());
    assertEquals(3, m.nnz());
    assertEquals(2.0, m.get(0, 2));
    assertEquals(0.0, m.get(1, 1));
    assertEquals(3.0, m.get(2, 1));
    assertEquals(1, m.blockOfRow(2));
    assertArrayEquals(new long[] {0, 2, 2, 3}, m.indptr());
  }

  @Test
  void nnzIsCountedInLongsAcrossBlocks() {
    // The matrix-level count must not overflow int even though each block counts in ints.
    CsrBlock block = new FloatCsrBlock(1, new int[] {0, 1}, new int[] {0}, new float[] {1});
    CsrMatrix m = CsrMatrix.ofBlocks(1, false, java.util.Collections.nCopies(1000, block));
    assertEquals(1000L, m.nnz());
    assertEquals(1000, m.nRows());
  }

  @Test
  void planBlocksDependsOnTheOffsetsOnly() {
    long[] indptr = {0, 5, 10, 15, 20, 25};
    assertArrayEquals(new int[] {0, 2, 4, 5}, CsrMatrix.planBlocks(indptr, 10, 100));
    assertArrayEquals(new int[] {0, 3, 5}, CsrMatrix.planBlocks(indptr, 100, 3));
    // A single row larger than the target gets a block of its own.
    assertArrayEquals(new int[] {0, 1, 2}, CsrMatrix.planBlocks(new long[] {0, 50, 51}, 10, 100));
    assertArrayEquals(new int[] {0}, CsrMatrix.planBlocks(new long[] {0}, 10, 100));
  }

  @Test
  void transposeTwiceIsIdentity() {
    CsrMatrix m = random(300, 40, 0.1, 7);
    CsrMatrix tt = m.transpose().transpose();
    assertEquals(m.nRows(), tt.nRows());
    assertEquals(m.nnz(), tt.nnz());
    for (int r = 0; r < m.nRows(); r += 7) {
      for (int c = 0; c < m.nCols(); c++) {
        assertEquals(m.get(r, c), tt.get(r, c));
      }
    }
    CsrMatrix t = m.transpose();
    assertEquals(m.get(11, 5), t.get(5, 11));
  }

  @Test
  void transposeAcrossManyInputAndOutputBlocks() {
    // Three input blocks of rows, and more columns than one output block may hold as rows.
    int cols = 2 * CsrMatrix.MAX_BLOCK_ROWS + 500;
    CsrMatrix a = random(20, cols, 0.01, 3);
    CsrMatrix b = random(15, cols, 0.01, 4);
    CsrMatrix c = random(25, cols, 0.01, 5);
    java.util.List<CsrBlock> blocks = new java.util.ArrayList<>();
    blocks.addAll(a.blocks());
    blocks.addAll(b.blocks());
    blocks.addAll(c.blocks());
    CsrMatrix m = CsrMatrix.ofBlocks(cols, false, blocks);
    CsrMatrix t = m.transpose();
    assertTrue(m.nBlocks() == 3 && t.nBlocks() >= 3, m.nBlocks() + " and " + t.nBlocks() + " blocks");
    assertEquals(m.nnz(), t.nnz());
    for (int r = 0; r < m.nRows(); r++) {
      CsrMatrix.Row row = m.row(r);
      for (int k = row.start(); k < row.end(); k++) {
        assertEquals(row.value(k), t.get(row.index(k), r));
      }
    }
    for (int col = 0; col < cols; col++) {
      CsrMatrix.Row row = t.row(col);
      for (int k = row.start() + 1; k < row.end(); k++) {
        assertTrue(row.index(k - 1) < row.index(k), "rows in ascending order in column " + col);
      }
    }
  }

  @Test
  void columnsInOnePassEqualColumnByColumn() {
    CsrMatrix m = random(300, 40, 0.2, 11);
    int[] cols = {7, 0, 39, 7, 12};
    double[][] got = m.columns(cols);
    for (int k = 0; k < cols.length; k++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(m.column(cols[k]), got[k], 0.0);
    }
  }

  @Test
  void otherValuesOnTheSameRowsAndColumns() {
    FloatCsrBlock b = new FloatCsrBlock(3, new int[] {0, 2, 3}, new int[] {0, 2, 1}, new float[] {1, 2, 3});
    FloatCsrBlock c = b.withData(new float[] {4, 5, 6});
    org.junit.jupiter.api.Assertions.assertSame(b.indices(), c.indices());
    org.junit.jupiter.api.Assertions.assertEquals(6.0, c.value(2));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> b.withData(new float[2]));
  }

  @Test
  void selectColumnsAndRows() {
    CsrMatrix m = random(50, 10, 0.3, 3);
    CsrMatrix cols = m.selectColumns(new int[] {7, 2});
    CsrMatrix rows = m.selectRows(new int[] {49, 0, 13});
    for (int r = 0; r < 50; r++) {
      assertEquals(m.get(r, 7), cols.get(r, 0));
      assertEquals(m.get(r, 2), cols.get(r, 1));
    }
    for (int c = 0; c < 10; c++) {
      assertEquals(m.get(49, c), rows.get(0, c));
      assertEquals(m.get(13, c), rows.get(2, c));
    }
    assertThrows(IllegalArgumentException.class, () -> m.selectColumns(new int[] {1, 1}));
    // On several threads, block by block: the same matrix.
    try (org.myelin.core.parallel.Parallel p = new org.myelin.core.parallel.Parallel(3)) {
      CsrMatrix onThreads = m.selectColumns(new int[] {7, 2}, p);
      assertTrue(cols.sameStructure(onThreads));
      for (int r = 0; r < 50; r++) {
        assertEquals(cols.get(r, 0), onThreads.get(r, 0));
        assertEquals(cols.get(r, 1), onThreads.get(r, 1));
      }
      int[] many = java.util.stream.IntStream.range(0, 50).map(i -> (i * 7) % 50).toArray();
      CsrMatrix rowsInOrder = m.selectRows(many);
      CsrMatrix rowsOnThreads = m.selectRows(many, p);
      assertTrue(rowsInOrder.sameStructure(rowsOnThreads));
      for (int c = 0; c < 10; c++) {
        assertEquals(m.get(many[33], c), rowsOnThreads.get(33, c));
      }
    }
  }

  @Test
  void keepRowsSharesTheBlocksThatLoseNoRowAndCopiesTheRest() {
    List<CsrBlock> parts = new java.util.ArrayList<>();
    for (int b = 0; b < 4; b++) {
      parts.addAll(random(10, 6, 0.4, 21 + b).blocks());
    }
    CsrMatrix m = CsrMatrix.ofBlocks(6, false, parts);
    // Block 1 (rows 10-19) loses rows 12 and 17, block 3 (rows 30-39) all of its rows.
    int[] rows = java.util.stream.IntStream.range(0, 30).filter(r -> r != 12 && r != 17).toArray();
    try (org.myelin.core.parallel.Parallel p = new org.myelin.core.parallel.Parallel(2)) {
      CsrMatrix kept = m.keepRows(rows, p);
      assertEquals(rows.length, kept.nRows());
      for (int i = 0; i < rows.length; i++) {
        for (int c = 0; c < 6; c++) {
          assertEquals(m.get(rows[i], c), kept.get(i, c));
        }
      }
      assertEquals(3, kept.nBlocks());
      org.junit.jupiter.api.Assertions.assertSame(m.block(0), kept.block(0));
      org.junit.jupiter.api.Assertions.assertNotSame(m.block(1), kept.block(1));
      org.junit.jupiter.api.Assertions.assertSame(m.block(2), kept.block(2));
      assertThrows(IllegalArgumentException.class, () -> m.keepRows(new int[] {3, 2}, p));
      assertThrows(IllegalArgumentException.class, () -> m.keepRows(new int[] {3, 3}, p));
      assertThrows(IllegalArgumentException.class, () -> m.keepRows(new int[] {40}, p));
    }
  }

  @Test
  void transposeOnThreadsEqualsTransposeInOrder() {
    // Five input blocks, so that each fills its own places of every column.
    List<CsrBlock> parts = new java.util.ArrayList<>();
    for (int b = 0; b < 5; b++) {
      parts.addAll(random(40 + b, 30, 0.2, 11 + b).blocks());
    }
    CsrMatrix m = CsrMatrix.ofBlocks(30, false, parts);
    CsrMatrix t = m.transpose();
    try (org.myelin.core.parallel.Parallel p = new org.myelin.core.parallel.Parallel(3)) {
      CsrMatrix tp = m.transpose(p);
      CsrMatrix slice = m.transposeColumns(7, 19, p);
      assertTrue(t.sameStructure(tp));
      for (int c = 0; c < 30; c++) {
        for (int r = 0; r < m.nRows(); r++) {
          assertEquals(m.get(r, c), t.get(c, r));
          assertEquals(t.get(c, r), tp.get(c, r));
          if (c >= 7 && c < 19) {
            assertEquals(t.get(c, r), slice.get(c - 7, r));
          }
        }
      }
    }
  }

  @Test
  void invalidBlocksAreRejectedWithTheirProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FloatCsrBlock(3, new int[] {0, 2, 1}, new int[] {0}, new float[] {1}));
    assertTrue(e.getMessage().contains("indptr ends at 1 but there are 1") || e.getMessage().contains("decreases"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new FloatCsrBlock(3, new int[] {0, 1}, new int[] {3}, new float[] {1}));
    assertTrue(e.getMessage().contains("column index 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new FloatCsrBlock(3, new int[] {0, 2}, new int[] {0}, new float[] {1}));
    assertTrue(e.getMessage().contains("indptr ends at 2"), e.getMessage());
  }

  @Test
  void storageIsEightBytesPerEntryPlusRowOffsets() {
    CsrMatrix m = random(2000, 500, 0.05, 11);
    long expected = 8L * m.nnz() + 4L * (m.nRows() + m.nBlocks());
    assertEquals(expected, m.storageBytes());
    assertTrue(m.storageBytes() / (double) m.nnz() < 8.2);
  }

  @Test
  void doubleBlocksKeepPrecision() {
    double v = 0.1234567890123;
    CsrMatrix m = CsrMatrix.fromCsr(2, new long[] {0, 1}, new int[] {1}, new double[] {v});
    assertTrue(m.isDouble());
    assertEquals(v, m.get(0, 1));
    assertEquals(v, m.transpose().get(1, 0));
  }

  @Test
  void sameStructureComparesRowsAndColumnsNotValues() {
    long[] ptr = {0, 2, 2, 3};
    int[] idx = {0, 3, 1};
    CsrMatrix a = CsrMatrix.fromCsr(4, ptr, idx, new float[] {1, 2, 3});
    CsrMatrix b = CsrMatrix.fromCsr(4, ptr.clone(), idx.clone(), new float[] {0.5f, 0.25f, 9});
    assertTrue(a.sameStructure(b) && b.sameStructure(a) && a.sameStructure(a));
    assertTrue(!a.sameStructure(CsrMatrix.fromCsr(4, ptr, new int[] {0, 2, 1}, new float[] {1, 2, 3})), "a column differs");
    assertTrue(!a.sameStructure(CsrMatrix.fromCsr(4, new long[] {0, 1, 2, 3}, idx, new float[] {1, 2, 3})), "a row differs");
    assertTrue(!a.sameStructure(CsrMatrix.fromCsr(5, ptr, idx, new float[] {1, 2, 3})), "the shape differs");
  }
}
