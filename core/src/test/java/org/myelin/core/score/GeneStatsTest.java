package org.myelin.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;

/** Gene statistics give the same bits however the cells are cut: blocks, row ranges, one pass. */
class GeneStatsTest {

  /** Cells x genes with float values of mixed magnitude, so the order of additions shows in the bits. */
  private static CsrMatrix matrix(int cells, int genes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] indptr = new long[cells + 1];
    List<Integer> idx = new ArrayList<>();
    List<Float> val = new ArrayList<>();
    for (int i = 0; i < cells; i++) {
      for (int j = 0; j < genes; j++) {
        if (r.nextDouble() < 0.3) {
          idx.add(j);
          val.add((float) (Math.log1p(r.nextDouble() * 1e3) * (r.nextBoolean() ? 1e-3 : 1)));
        }
      }
      indptr[i + 1] = idx.size();
    }
    float[] data = new float[val.size()];
    for (int k = 0; k < data.length; k++) {
      data[k] = val.get(k);
    }
    return CsrMatrix.fromCsr(genes, indptr, idx.stream().mapToInt(Integer::intValue).toArray(), data);
  }

  private static CsrMatrix rows(CsrMatrix x, int from, int to) {
    return x.selectRows(IntStream.range(from, to).toArray());
  }

  @Test
  void upToOneChunkItIsThePlainSequentialSum() {
    CsrMatrix x = matrix(GeneStats.CHUNK_CELLS, 7, 1);
    double[] sum = new double[7];
    for (CsrBlock b : x.blocks()) {
      for (int e = 0; e < b.nnz(); e++) {
        sum[b.index(e)] += b.value(e);
      }
    }
    double[] mean = new double[7];
    for (int j = 0; j < 7; j++) {
      mean[j] = sum[j] / GeneStats.CHUNK_CELLS;
    }
    assertArrayEquals(mean, GeneStats.of(x).means());
  }

  @Test
  void rangesFoldedInOrderEqualOnePass() {
    int n = 3 * GeneStats.CHUNK_CELLS + 1234;
    CsrMatrix x = matrix(n, 5, 2);
    GeneStats whole = GeneStats.of(x);
    // Streamed in uneven blocks.
    GeneStats streamed = new GeneStats(5);
    int[] cuts = {0, 1000, 1001, 5000, 9000, n};
    for (int k = 0; k + 1 < cuts.length; k++) {
      for (CsrBlock b : rows(x, cuts[k], cuts[k + 1]).blocks()) {
        streamed.add(b);
      }
    }
    // Two ranges cut at a chunk boundary, summed on their own and folded.
    List<GeneStats.Chunk> chunks = new ArrayList<>();
    int mid = 2 * GeneStats.CHUNK_CELLS;
    for (int[] range : new int[][] {{0, mid}, {mid, n}}) {
      GeneStats part = GeneStats.forRange(5, range[0], chunks::add);
      for (CsrBlock b : rows(x, range[0], range[1]).blocks()) {
        part.add(b);
      }
      part.finish();
    }
    GeneStats folded = new GeneStats(5);
    chunks.forEach(folded::fold);
    GeneStats threaded;
    try (org.myelin.core.parallel.Parallel three = new org.myelin.core.parallel.Parallel(3)) {
      threaded = GeneStats.of(x, three);
    }
    for (GeneStats s : new GeneStats[] {streamed, folded, threaded}) {
      assertArrayEquals(whole.means(), s.means());
      assertArrayEquals(whole.sds(), s.sds());
    }
  }

  @Test
  void rangesMustStartOnAChunkAndFoldInOrder() {
    assertThrows(IllegalArgumentException.class, () -> GeneStats.forRange(3, 100, c -> { }));
    GeneStats s = new GeneStats(3);
    GeneStats.Chunk second = new GeneStats.Chunk(1, 10, new double[3], new double[3]);
    assertThrows(IllegalArgumentException.class, () -> s.fold(second));
  }
}
