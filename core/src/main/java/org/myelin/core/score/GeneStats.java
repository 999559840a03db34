package org.myelin.core.score;

import java.util.function.Consumer;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;

/**
 * Each gene's sum and sum of squares over the cells seen so far. Cells are summed in the data's
 * order within fixed chunks of {@value #CHUNK_CELLS} cells counted from the first cell of the file,
 * and the chunks' sums are added in order. The order of additions is therefore fixed by the cells
 * alone, never by how they were read: a matrix in memory, the same matrix streamed block by block,
 * and row ranges summed on different machines ({@link #forRange}) whose chunks are then folded in
 * order ({@link #fold}) all give the same bits. Serializable, to be sent to where rows are scored. Up to {@value #CHUNK_CELLS} cells this is the plain
 * sequential sum (as R's rowMeans and a sequential numpy sum add). Unstored values count as zeros.
 */
public final class GeneStats implements java.io.Serializable {

  /** Cells per chunk; a row range summed on its own must start at a multiple of it. */
  public static final int CHUNK_CELLS = 4096;

  /**
   * The sums of one chunk of cells.
   *
   * @param index the chunk's number from the file's first cell
   * @param cells cells in it ({@link #CHUNK_CELLS}, fewer for the file's last chunk)
   */
  public record Chunk(long index, int cells, double[] sum, double[] sumSq) implements java.io.Serializable {}

  private final double[] sum;
  private final double[] sumSq;
  private final double[] partSum;
  private final double[] partSq;
  private final transient Consumer<Chunk> finished;
  private int partCells;
  private long cells;

  public GeneStats(int nGenes) {
    this(nGenes, 0, null);
  }

  private GeneStats(int nGenes, long firstCell, Consumer<Chunk> finished) {
    sum = new double[nGenes];
    sumSq = new double[nGenes];
    partSum = new double[nGenes];
    partSq = new double[nGenes];
    this.finished = finished;
    this.cells = firstCell;
  }

  public static GeneStats of(CsrMatrix x) {
    GeneStats s = new GeneStats(x.nCols());
    for (CsrBlock b : x.blocks()) {
      s.add(b);
    }
    return s;
  }

  /**
   * The statistics of every cell of {@code x}, its chunks summed on the threads a few at a time and
   * folded in order: the same bits as {@link #of(CsrMatrix)}.
   */
  public static GeneStats of(CsrMatrix x, org.myelin.core.parallel.Parallel parallel) {
    GeneStats total = new GeneStats(x.nCols());
    int chunks = (x.nRows() + CHUNK_CELLS - 1) / CHUNK_CELLS;
    int wave = 2 * parallel.threads();
    for (int first = 0; first < chunks; first += wave) {
      Chunk[] sums = new Chunk[Math.min(wave, chunks - first)];
      int base = first;
      parallel.forEach(sums.length, k -> sums[k] = chunk(x, base + k));
      for (Chunk c : sums) {
        total.fold(c);
      }
    }
    return total;
  }

  /** The sums of chunk {@code c} of x, its cells added in order. */
  private static Chunk chunk(CsrMatrix x, int c) {
    int from = c * CHUNK_CELLS;
    int to = Math.min(x.nRows(), from + CHUNK_CELLS);
    double[] sum = new double[x.nCols()];
    double[] sumSq = new double[x.nCols()];
    for (int b = 0; b < x.nBlocks(); b++) {
      CsrBlock block = x.block(b);
      int off = x.rowOffset(b);
      int r0 = Math.max(from, off) - off;
      int r1 = Math.min(to, off + block.nRows()) - off;
      if (r0 >= r1) {
        continue;
      }
      for (int e = block.rowStart(r0), end = block.rowStart(r1); e < end; e++) {
        double v = block.value(e);
        sum[block.index(e)] += v;
        sumSq[block.index(e)] += v * v;
      }
    }
    return new Chunk(c, to - from, sum, sumSq);
  }

  /**
   * Statistics of a row range that starts at cell {@code firstCell} of the file: each chunk, once
   * complete (the last at {@link #finish}), goes to {@code chunks} instead of into the sums, to be
   * folded in order with the other ranges' chunks.
   *
   * @throws IllegalArgumentException when {@code firstCell} is not a multiple of {@link #CHUNK_CELLS}
   */
  public static GeneStats forRange(int nGenes, long firstCell, Consumer<Chunk> chunks) {
    if (firstCell % CHUNK_CELLS != 0) {
      throw new IllegalArgumentException("a row range's statistics start at a multiple of " + CHUNK_CELLS
          + " cells, not at " + firstCell);
    }
    return new GeneStats(nGenes, firstCell, chunks);
  }

  /** Adds the cells of the next block. */
  public void add(CsrBlock block) {
    if (block.nCols() != sum.length) {
      throw new IllegalArgumentException("block has " + block.nCols() + " genes, not " + sum.length);
    }
    int r = 0;
    while (r < block.nRows()) {
      if (partCells == CHUNK_CELLS) {
        endChunk();
      }
      int take = Math.min(block.nRows() - r, CHUNK_CELLS - partCells);
      for (int e = block.rowStart(r), end = block.rowStart(r + take); e < end; e++) {
        double v = block.value(e);
        partSum[block.index(e)] += v;
        partSq[block.index(e)] += v * v;
      }
      r += take;
      partCells += take;
      cells += take;
    }
  }

  /** Hands a range's last chunk on; for {@link #forRange} statistics, after the range's last block. */
  public void finish() {
    if (partCells > 0) {
      endChunk();
    }
  }

  /**
   * Adds a chunk summed elsewhere; chunks must come in order, each after every cell before it.
   *
   * @throws IllegalArgumentException when the chunk is not the next one
   */
  public void fold(Chunk chunk) {
    if (partCells > 0 || chunk.index() * CHUNK_CELLS != cells || chunk.sum().length != sum.length) {
      throw new IllegalArgumentException("chunk " + chunk.index() + " does not follow " + cells + " cells");
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] += chunk.sum()[j];
      sumSq[j] += chunk.sumSq()[j];
    }
    cells += chunk.cells();
  }

  private void endChunk() {
    if (finished != null) {
      finished.accept(new Chunk((cells - partCells) / CHUNK_CELLS, partCells, partSum.clone(), partSq.clone()));
    } else {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += partSum[j];
        sumSq[j] += partSq[j];
      }
    }
    java.util.Arrays.fill(partSum, 0);
    java.util.Arrays.fill(partSq, 0);
    partCells = 0;
  }

  public long cells() {
    return cells;
  }

  public double[] means() {
    double[] m = new double[sum.length];
    for (int j = 0; j < m.length; j++) {
      m[j] = total(sum, partSum, j) / cells;
    }
    return m;
  }

  /** Standard deviations with n - 1 in the denominator (0 for one cell). */
  public double[] sds() {
    double[] sd = new double[sum.length];
    for (int j = 0; j < sd.length; j++) {
      double mu = total(sum, partSum, j) / cells;
      double var = cells > 1 ? (total(sumSq, partSq, j) / cells - mu * mu) * cells / (cells - 1.0) : 0;
      sd[j] = var > 0 ? Math.sqrt(var) : 0;
    }
    return sd;
  }

  /** The folded chunks plus the open one, added as folding it would add it. */
  private double total(double[] folded, double[] open, int j) {
    return partCells > 0 ? folded[j] + open[j] : folded[j];
  }
}
