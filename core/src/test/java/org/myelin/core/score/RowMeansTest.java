package org.myelin.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.FloatCsrBlock;
import org.myelin.core.parallel.Parallel;

class RowMeansTest {

  private static final int GENES = 40;

  /** Rows in several blocks, genes stored in shuffled order, some rows empty. */
  private static CsrMatrix matrix(SplittableRandom rnd) {
    List<CsrBlock> blocks = new ArrayList<>();
    for (int b = 0; b < 4; b++) {
      int rows = 20 + rnd.nextInt(30);
      int[] ptr = new int[rows + 1];
      List<Integer> idx = new ArrayList<>();
      List<Float> val = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        List<Integer> genes = new ArrayList<>();
        for (int j = 0; j < GENES; j++) {
          if (rnd.nextInt(3) == 0) {
            genes.add(j);
          }
        }
        java.util.Collections.shuffle(genes, new java.util.Random(rnd.nextLong()));
        for (int j : genes) {
          idx.add(j);
          val.add((float) (rnd.nextDouble() * 10 - 1));
        }
        ptr[r + 1] = idx.size();
      }
      float[] v = new float[val.size()];
      for (int e = 0; e < v.length; e++) {
        v[e] = val.get(e);
      }
      blocks.add(new FloatCsrBlock(GENES, ptr, idx.stream().mapToInt(Integer::intValue).toArray(), v));
    }
    return CsrMatrix.ofBlocks(GENES, false, blocks);
  }

  /** Each list's sum in each row's stored order, as the plain loop adds it. */
  private static double[][] byHand(CsrMatrix x, int[][] lists, double[] weight) {
    double[][] out = new double[lists.length][x.nRows()];
    for (int l = 0; l < lists.length; l++) {
      boolean[] in = new boolean[GENES];
      for (int j : lists[l]) {
        in[j] = true;
      }
      for (int b = 0; b < x.nBlocks(); b++) {
        CsrBlock block = x.block(b);
        for (int r = 0; r < block.nRows(); r++) {
          double sum = 0;
          for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
            int j = block.index(e);
            if (in[j]) {
              sum += weight == null ? block.value(e) : block.value(e) * weight[j];
            }
          }
          out[l][x.rowOffset(b) + r] = lists[l].length == 0 ? Double.NaN : sum / lists[l].length;
        }
      }
    }
    return out;
  }

  @Test
  void everyListSumsItsGenesInStoredOrderHoweverManyListsHoldAGene() {
    SplittableRandom rnd = new SplittableRandom(17);
    CsrMatrix x = matrix(rnd);
    // Genes 0-4 in no list, 5-9 in one, 10-14 in two, 15-19 in three, 20-24 in six; the rest at random.
    int[][] lists = new int[9][];
    for (int l = 0; l < lists.length; l++) {
      List<Integer> genes = new ArrayList<>();
      for (int j = 5; j < GENES; j++) {
        int held = j < 10 ? 1 : j < 15 ? 2 : j < 20 ? 3 : j < 25 ? 6 : -1;
        if (held >= 0 ? l < held : rnd.nextBoolean()) {
          genes.add(j);
        }
      }
      lists[l] = l == 7 ? new int[0] : genes.stream().mapToInt(Integer::intValue).toArray();
    }
    double[] weight = new double[GENES];
    for (int j = 0; j < GENES; j++) {
      weight[j] = rnd.nextDouble() * 3;
    }
    for (double[] w : new double[][] {null, weight}) {
      double[][] expected = byHand(x, lists, w);
      assertTrue(Double.isNaN(expected[7][0]));
      for (int threads : new int[] {1, 3}) {
        try (Parallel p = new Parallel(threads)) {
          double[][] got = RowMeans.of(x, lists, w, p);
          for (int l = 0; l < lists.length; l++) {
            assertArrayEquals(expected[l], got[l], 0.0, "list " + l + ", " + threads + " threads, weighted " + (w != null));
          }
        }
      }
    }
  }
}
