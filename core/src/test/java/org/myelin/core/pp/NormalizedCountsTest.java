package org.myelin.core.pp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CountCsrBlock;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.FloatCsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Frame;

/**
 * X normalised from compact counts, made when read, holds the bits of X normalised in float32
 * arrays: with and without log1p, a median target, highly expressed genes left out, any thread
 * count, and a value cache too small to keep more than one block.
 */
class NormalizedCountsTest {

  /** Droplet-like counts in several blocks, an empty cell among them. */
  private static List<FloatCsrBlock> countBlocks(int blocks, int rowsPerBlock, int nCols, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<FloatCsrBlock> out = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      int[] ptr = new int[rowsPerBlock + 1];
      List<Integer> idx = new ArrayList<>();
      List<Float> val = new ArrayList<>();
      for (int r = 0; r < rowsPerBlock; r++) {
        if (b != 1 || r != 2) {
          for (int c = 0; c < nCols; c++) {
            if (rnd.nextInt(3) == 0) {
              idx.add(c);
              val.add((float) (1 + (rnd.nextInt(10) == 0 ? rnd.nextInt(2000) : rnd.nextInt(4))));
            }
          }
        }
        ptr[r + 1] = idx.size();
      }
      float[] v = new float[val.size()];
      for (int k = 0; k < v.length; k++) {
        v[k] = val.get(k);
      }
      out.add(new FloatCsrBlock(nCols, ptr, idx.stream().mapToInt(Integer::intValue).toArray(), v));
    }
    return out;
  }

  private static CellData cells(List<? extends CsrBlock> blocks, int nCols) {
    CsrMatrix x = CsrMatrix.ofBlocks(nCols, false, blocks);
    String[] obs = new String[x.nRows()];
    String[] var = new String[nCols];
    java.util.Arrays.setAll(obs, i -> "c" + i);
    java.util.Arrays.setAll(var, j -> "g" + j);
    return new CellData(x, new Frame(obs), new Frame(var));
  }

  private static float[] values(CsrMatrix m) {
    float[] out = new float[(int) m.nnz()];
    int k = 0;
    for (CsrBlock b : m.blocks()) {
      b.copyValues(0, out, k, b.nnz());
      k += b.nnz();
    }
    return out;
  }

  @Test
  void madeWhenReadEqualsStoredBitForBit() {
    int nCols = 120;
    List<FloatCsrBlock> floats = countBlocks(6, 40, nCols, 5);
    record Case(double target, boolean exclude, double base, boolean log) {}
    for (Case c : List.of(new Case(1e4, false, Double.NaN, true), new Case(Double.NaN, false, Double.NaN, true),
        new Case(1e4, true, 2, true), new Case(1e6, false, Double.NaN, false))) {
      for (int threads : new int[] {1, 3}) {
        CellData stored = cells(countBlocks(6, 40, nCols, 5), nCols);
        CellData lazy = cells(floats.stream().map(CountCsrBlock::encode).toList(), nCols);
        try (Parallel p = new Parallel(threads)) {
          if (c.log()) {
            Normalize.totalThenLog1p(stored, c.target(), c.exclude(), 0.05, true, c.base(), p);
            Normalize.totalThenLog1p(lazy, c.target(), c.exclude(), 0.05, true, c.base(), p);
          } else {
            Normalize.total(stored, c.target(), c.exclude(), 0.05, true, p);
            Normalize.total(lazy, c.target(), c.exclude(), 0.05, true, p);
          }
        }
        lazy.x().blocks().forEach(b -> assertInstanceOf(NormalizedCountsBlock.class, b));
        assertArrayEquals(values(stored.x()), values(lazy.x()), c + ", " + threads + " threads");
        assertArrayEquals(values(stored.layers().get("counts")), values(lazy.layers().get("counts")));
        // Entry by entry as kernels read it: the same numbers.
        CsrBlock s = stored.x().block(4);
        CsrBlock l = lazy.x().block(4);
        for (int k = 0; k < s.nnz(); k++) {
          assertEquals(s.value(k), l.value(k));
          assertEquals(s.index(k), l.index(k));
        }
      }
    }
  }

  @Test
  void aCacheOfOneBlockMakesValuesAgainWithTheSameBits() throws Exception {
    int nCols = 50;
    CountCsrBlock counts = CountCsrBlock.encode(countBlocks(1, 30, nCols, 8).get(0));
    float[] scale = new float[counts.nRows()];
    for (int r = 0; r < scale.length; r++) {
      scale[r] = 1f / (0.37f + r);
    }
    NormalizedCountsBlock.ValueCache cache = new NormalizedCountsBlock.ValueCache(1);
    NormalizedCountsBlock a = new NormalizedCountsBlock(counts, scale, 1, cache);
    NormalizedCountsBlock b = new NormalizedCountsBlock(counts, scale, 1, cache);
    float[] first = new float[a.nnz()];
    a.copyValues(0, first, 0, first.length);
    // Reading b lets a's values go; a makes them again, identical. Two threads read at once.
    Thread t = new Thread(() -> {
      for (int i = 0; i < 200; i++) {
        b.value(i % b.nnz());
      }
    });
    t.start();
    for (int i = 0; i < 200; i++) {
      assertEquals(first[i % first.length], (float) a.value(i % a.nnz()));
    }
    t.join();
    float[] again = new float[a.nnz()];
    a.copyValues(0, again, 0, again.length);
    assertArrayEquals(first, again);
    assertSame(NormalizedCountsBlock.class, a.getClass());
    assertEquals(4L * scale.length, a.storageBytes());
  }
}
