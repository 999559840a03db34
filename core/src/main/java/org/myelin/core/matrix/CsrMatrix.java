package org.myelin.core.matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A sparse matrix in compressed sparse row form, held as a list of row blocks.
 *
 * <p>Block {@code b} holds rows {@code [rowOffset(b), rowOffset(b+1))}. Blocks are the unit of
 * parallel work and of streaming; since each block indexes its own entries with ints, the whole
 * matrix may hold more than 2^31 non-zeros. Where the blocks fall depends only on the data (see
 * {@link #planBlocks}), never on the thread count.
 */
public final class CsrMatrix {

  /** Target stored entries per block when a reader cuts a matrix into blocks (16 MiB of values). */
  public static final int DEFAULT_BLOCK_NNZ = 1 << 22;

  /** Upper bound on rows per block, so that very sparse matrices still split into parallel work. */
  public static final int MAX_BLOCK_ROWS = 1 << 15;

  private final int nRows;
  private final int nCols;
  private final List<CsrBlock> blocks;
  private final int[] rowOffsets;
  private final long nnz;
  private final boolean isDouble;

  private CsrMatrix(int nCols, List<CsrBlock> blocks, boolean isDouble) {
    this.nCols = nCols;
    this.blocks = List.copyOf(blocks);
    this.isDouble = isDouble;
    this.rowOffsets = new int[blocks.size() + 1];
    long rows = 0;
    long entries = 0;
    for (int b = 0; b < blocks.size(); b++) {
      CsrBlock block = blocks.get(b);
      if (block.nCols() != nCols) {
        throw new IllegalArgumentException(
            "block " + b + " has " + block.nCols() + " columns, the matrix " + nCols);
      }
      if (block.isDouble() != isDouble) {
        throw new IllegalArgumentException("block " + b + " differs in value precision");
      }
      rowOffsets[b] = (int) rows;
      rows += block.nRows();
      entries += block.nnz();
      if (rows > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("more than 2^31-1 rows");
      }
    }
    rowOffsets[blocks.size()] = (int) rows;
    this.nRows = (int) rows;
    this.nnz = entries;
  }

  /** A matrix made of the given blocks, stacked top to bottom. */
  public static CsrMatrix ofBlocks(int nCols, boolean isDouble, List<? extends CsrBlock> blocks) {
    return new CsrMatrix(nCols, new ArrayList<>(blocks), isDouble);
  }

  /** True when every stored value is a whole number (raw counts rather than normalised data). */
  public static boolean isIntegral(CsrMatrix m) {
    for (CsrBlock block : m.blocks()) {
      for (int k = 0; k < block.nnz(); k++) {
        double v = block.value(k);
        if (v != Math.rint(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /** An all-zero float32 matrix, in blocks of at most {@link #MAX_BLOCK_ROWS} rows. */
  public static CsrMatrix zeros(int nRows, int nCols) {
    List<CsrBlock> blocks = new ArrayList<>();
    for (int start = 0; start < nRows; start += MAX_BLOCK_ROWS) {
      int rows = Math.min(MAX_BLOCK_ROWS, nRows - start);
      blocks.add(new FloatCsrBlock(nCols, new int[rows + 1], new int[0], new float[0]));
    }
    return new CsrMatrix(nCols, blocks, false);
  }

  /**
   * Splits one CSR matrix given as whole arrays into blocks (copying), cutting where
   * {@link #planBlocks} says.
   */
  public static CsrMatrix fromCsr(int nCols, long[] indptr, int[] indices, float[] data) {
    return fromCsr(nCols, indptr, indices, false,
        (from, len) -> new FloatCsrBlockParts(java.util.Arrays.copyOfRange(data, from, from + len)));
  }

  /** As {@link #fromCsr(int, long[], int[], float[])} for float64 values. */
  public static CsrMatrix fromCsr(int nCols, long[] indptr, int[] indices, double[] data) {
    return fromCsr(nCols, indptr, indices, true,
        (from, len) -> new DoubleCsrBlockParts(java.util.Arrays.copyOfRange(data, from, from + len)));
  }

  /** The values of one block, copied out of whole-matrix arrays. */
  private sealed interface BlockValues permits FloatCsrBlockParts, DoubleCsrBlockParts {
    CsrBlock block(int nCols, int[] indptr, int[] indices);
  }

  private record FloatCsrBlockParts(float[] values) implements BlockValues {
    public CsrBlock block(int nCols, int[] indptr, int[] indices) {
      return new FloatCsrBlock(nCols, indptr, indices, values);
    }
  }

  private record DoubleCsrBlockParts(double[] values) implements BlockValues {
    public CsrBlock block(int nCols, int[] indptr, int[] indices) {
      return new DoubleCsrBlock(nCols, indptr, indices, values);
    }
  }

  @FunctionalInterface
  private interface ValueSlicer {
    BlockValues slice(int from, int len);
  }

  private static CsrMatrix fromCsr(int nCols, long[] indptr, int[] indices, boolean isDouble, ValueSlicer values) {
    int[] cuts = planBlocks(indptr, DEFAULT_BLOCK_NNZ, MAX_BLOCK_ROWS);
    List<CsrBlock> blocks = new ArrayList<>(cuts.length - 1);
    for (int b = 0; b + 1 < cuts.length; b++) {
      int r0 = cuts[b];
      int r1 = cuts[b + 1];
      int base = (int) indptr[r0];
      int len = (int) (indptr[r1] - base);
      int[] idx = java.util.Arrays.copyOfRange(indices, base, base + len);
      blocks.add(values.slice(base, len).block(nCols, localOffsets(indptr, r0, r1), idx));
    }
    return new CsrMatrix(nCols, blocks, isDouble);
  }

  /**
   * Offsets of rows {@code [r0, r1]} relative to row {@code r0}'s first entry, as one block holds
   * them.
   */
  public static int[] localOffsets(long[] indptr, int r0, int r1) {
    long base = indptr[r0];
    int[] ptr = new int[r1 - r0 + 1];
    for (int r = r0; r <= r1; r++) {
      ptr[r - r0] = (int) (indptr[r] - base);
    }
    return ptr;
  }

  /**
   * Row boundaries for cutting a CSR matrix into blocks of about {@code targetNnz} entries and at
   * most {@code maxRows} rows. Returns {@code [0, c1, ..., nRows]}; a function of the offsets
   * alone. A single row with more than {@code targetNnz} entries gets a block of its own.
   *
   * @throws IllegalArgumentException if offsets decrease or one row exceeds 2^31-1 entries
   */
  public static int[] planBlocks(long[] indptr, int targetNnz, int maxRows) {
    int nRows = indptr.length - 1;
    List<Integer> cuts = new ArrayList<>();
    cuts.add(0);
    int start = 0;
    for (int r = 0; r < nRows; r++) {
      if (indptr[r + 1] < indptr[r]) {
        throw new IllegalArgumentException(
            "indptr decreases at row " + r + ": " + indptr[r] + " > " + indptr[r + 1]);
      }
      long blockNnz = indptr[r + 1] - indptr[start];
      if (r > start && (blockNnz > targetNnz || r - start >= maxRows)) {
        cuts.add(r);
        start = r;
        blockNnz = indptr[r + 1] - indptr[start];
      }
      if (blockNnz > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("row " + r + " holds more than 2^31 entries");
      }
    }
    if (nRows > 0) {
      cuts.add(nRows);
    }
    int[] out = new int[cuts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = cuts.get(i);
    }
    return out;
  }

  public int nRows() {
    return nRows;
  }

  public int nCols() {
    return nCols;
  }

  /** Stored entries (explicit zeros included), summed over blocks. */
  public long nnz() {
    return nnz;
  }

  public boolean isDouble() {
    return isDouble;
  }

  public int nBlocks() {
    return blocks.size();
  }

  public CsrBlock block(int b) {
    return blocks.get(b);
  }

  public List<CsrBlock> blocks() {
    return Collections.unmodifiableList(blocks);
  }

  /**
   * Whether {@code other} stores its entries at the same places (shape, row offsets and column
   * indices), so that only the values differ, as a counts layer beside its normalised X. Answered
   * block by block, at once when the blocks share their index arrays; matrices cut into different
   * blocks answer false (a writer then stores both structures, as it would anyway).
   */
  public boolean sameStructure(CsrMatrix other) {
    if (other == this) {
      return true;
    }
    if (nRows != other.nRows || nCols != other.nCols || !Arrays.equals(rowOffsets, other.rowOffsets)) {
      return false;
    }
    for (int b = 0; b < blocks.size(); b++) {
      CsrBlock x = blocks.get(b);
      CsrBlock y = other.blocks.get(b);
      if (x.nnz() != y.nnz()) {
        return false;
      }
      if (x instanceof AbstractCsrBlock ax && y instanceof AbstractCsrBlock ay && ax.indptr() == ay.indptr()
          && ax.indices() == ay.indices()) {
        continue;
      }
      if (x instanceof CountCsrBlock cx && cx.sharesStructureWith(y)
          || y instanceof CountCsrBlock cy && cy.sharesStructureWith(x)) {
        continue;
      }
      for (int r = 0; r <= x.nRows(); r++) {
        if (x.rowStart(r) != y.rowStart(r)) {
          return false;
        }
      }
      int[] xi = new int[x.nnz()];
      int[] yi = new int[y.nnz()];
      x.copyIndices(0, xi, 0, xi.length);
      y.copyIndices(0, yi, 0, yi.length);
      if (!Arrays.equals(xi, yi)) {
        return false;
      }
    }
    return true;
  }

  /** First row of block {@code b}; {@code rowOffset(nBlocks()) == nRows()}. */
  public int rowOffset(int b) {
    return rowOffsets[b];
  }

  /** The block holding row {@code row}. */
  public int blockOfRow(int row) {
    if (row < 0 || row >= nRows) {
      throw new IndexOutOfBoundsException("row " + row + " outside [0, " + nRows + ")");
    }
    int lo = 0;
    int hi = blocks.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (rowOffsets[mid] <= row) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    while (blocks.get(lo).nRows() == 0 || rowOffsets[lo + 1] <= row) {
      lo++;
    }
    return lo;
  }

  /**
   * Row {@code row} wherever its block is: its block and the range of its entries there. The one
   * way to reach a single row, instead of finding the block by hand.
   */
  public Row row(int row) {
    int b = blockOfRow(row);
    CsrBlock block = blocks.get(b);
    int r = row - rowOffsets[b];
    return new Row(block, block.rowStart(r), block.rowStart(r + 1));
  }

  /** One row's stored entries: {@code index(k)} and {@code value(k)} for k in [start, end). */
  public record Row(CsrBlock block, int start, int end) {
    public int nnz() {
      return end - start;
    }

    public int index(int k) {
      return block.index(k);
    }

    public double value(int k) {
      return block.value(k);
    }
  }

  /** Column {@code col} as a dense vector over the rows (duplicates summed); one pass over the entries. */
  public double[] column(int col) {
    double[] v = new double[nRows];
    for (int b = 0; b < blocks.size(); b++) {
      CsrBlock block = blocks.get(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          if (block.index(e) == col) {
            v[rowOffsets[b] + r] += block.value(e);
          }
        }
      }
    }
    return v;
  }

  /**
   * Columns {@code cols} as dense vectors over the rows ({@code out[k]} is column {@code cols[k]};
   * duplicates summed), all in one pass over the entries.
   */
  public double[][] columns(int[] cols) {
    int[] slot = new int[nCols];
    java.util.Arrays.fill(slot, -1);
    double[][] out = new double[cols.length][];
    for (int k = 0; k < cols.length; k++) {
      if (slot[cols[k]] >= 0) {
        out[k] = out[slot[cols[k]]];
      } else {
        slot[cols[k]] = k;
        out[k] = new double[nRows];
      }
    }
    for (int b = 0; b < blocks.size(); b++) {
      CsrBlock block = blocks.get(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          int k = slot[block.index(e)];
          if (k >= 0) {
            out[k][rowOffsets[b] + r] += block.value(e);
          }
        }
      }
    }
    return out;
  }

  /** The value at (row, col), summing duplicate entries; for tests and spot checks, not loops. */
  public double get(int row, int col) {
    int b = blockOfRow(row);
    CsrBlock block = blocks.get(b);
    int r = row - rowOffsets[b];
    double sum = 0;
    for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
      if (block.index(k) == col) {
        sum += block.value(k);
      }
    }
    return sum;
  }

  /** Heap bytes of all blocks' arrays. */
  public long storageBytes() {
    long bytes = 0;
    for (CsrBlock block : blocks) {
      bytes += block.storageBytes();
    }
    return bytes;
  }

  /** Global row offsets as longs, {@code nRows + 1} of them. */
  public long[] indptr() {
    long[] out = new long[nRows + 1];
    for (int b = 0; b < blocks.size(); b++) {
      CsrBlock block = blocks.get(b);
      long base = out[rowOffsets[b]];
      for (int r = 1; r <= block.nRows(); r++) {
        out[rowOffsets[b] + r] = base + block.rowStart(r);
      }
    }
    return out;
  }

  /**
   * The transpose, as CSR (equivalently: this matrix in CSC). Entries within each output row come
   * in increasing order of the input row.
   */
  public CsrMatrix transpose() {
    return transposeColumns(0, nCols, null);
  }

  /** As {@link #transpose()}, on {@code parallel}'s threads: the same matrix. */
  public CsrMatrix transpose(org.myelin.core.parallel.Parallel parallel) {
    return transposeColumns(0, nCols, parallel);
  }

  /**
   * Columns {@code [c0, c1)} transposed: a matrix of {@code c1 - c0} rows, row i holding column
   * {@code c0 + i}, entries in increasing order of the input row. Taken slice by slice, a matrix
   * too large to transpose whole can still be read gene by gene.
   */
  public CsrMatrix transposeColumns(int c0, int c1) {
    return transposeColumns(c0, c1, null);
  }

  /**
   * As {@link #transposeColumns(int, int)}, input blocks read on {@code parallel}'s threads (null:
   * this one). Each input block counts its entries per column first; from those counts every block
   * knows where its entries of each column start, so the blocks fill their places independently
   * and the result is the same entry for entry.
   */
  public CsrMatrix transposeColumns(int c0, int c1, org.myelin.core.parallel.Parallel parallel) {
    if (c0 < 0 || c1 > nCols || c0 > c1) {
      throw new IndexOutOfBoundsException("columns [" + c0 + ", " + c1 + ") of " + nCols);
    }
    int width = c1 - c0;
    int nIn = blocks.size();
    // Counts per input block and column (at most 2^31 per block, as a block's entries).
    int[][] place = new int[nIn][];
    forBlocks(parallel, nIn, b -> {
      CsrBlock block = blocks.get(b);
      int[] count = new int[width];
      for (int k = 0; k < block.nnz(); k++) {
        int c = block.index(k) - c0;
        if (c >= 0 && c < width) {
          count[c]++;
        }
      }
      place[b] = count;
    });
    long[] counts = new long[width + 1];
    for (int[] count : place) {
      for (int c = 0; c < width; c++) {
        counts[c + 1] += count[c];
      }
    }
    for (int c = 0; c < width; c++) {
      counts[c + 1] += counts[c];
    }
    int[] cuts = planBlocks(counts, DEFAULT_BLOCK_NNZ, MAX_BLOCK_ROWS);
    int nOut = cuts.length - 1;
    int[][] ptr = new int[nOut][];
    int[][] idx = new int[nOut][];
    float[][] fval = new float[nOut][];
    double[][] dval = new double[nOut][];
    int[] blockOfCol = new int[width];
    int[] next = new int[width]; // the next free place of each column in its output block
    for (int ob = 0; ob < nOut; ob++) {
      int from = cuts[ob];
      int to = cuts[ob + 1];
      long base = counts[from];
      int len = (int) (counts[to] - base);
      ptr[ob] = new int[to - from + 1];
      for (int c = from; c <= to; c++) {
        ptr[ob][c - from] = (int) (counts[c] - base);
      }
      for (int c = from; c < to; c++) {
        blockOfCol[c] = ob;
        next[c] = ptr[ob][c - from];
      }
      idx[ob] = new int[len];
      if (isDouble) {
        dval[ob] = new double[len];
      } else {
        fval[ob] = new float[len];
      }
    }
    // Each input block's first place in every column: the places the blocks before it take.
    for (int b = 0; b < nIn; b++) {
      int[] count = place[b];
      for (int c = 0; c < width; c++) {
        int n = count[c];
        count[c] = next[c];
        next[c] += n;
      }
    }
    forBlocks(parallel, nIn, b -> {
      CsrBlock block = blocks.get(b);
      int[] fill = place[b];
      for (int r = 0; r < block.nRows(); r++) {
        int row = rowOffsets[b] + r;
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          int c = block.index(k) - c0;
          if (c < 0 || c >= width) {
            continue;
          }
          int ob = blockOfCol[c];
          int pos = fill[c]++;
          idx[ob][pos] = row;
          if (isDouble) {
            dval[ob][pos] = block.value(k);
          } else {
            fval[ob][pos] = (float) block.value(k);
          }
        }
      }
      place[b] = null;
    });
    if (width == 0) {
      return new CsrMatrix(nRows, List.of(), isDouble);
    }
    List<CsrBlock> out = new ArrayList<>();
    for (int ob = 0; ob < nOut; ob++) {
      out.add(isDouble ? new DoubleCsrBlock(nRows, ptr[ob], idx[ob], dval[ob])
          : new FloatCsrBlock(nRows, ptr[ob], idx[ob], fval[ob]));
    }
    return new CsrMatrix(nRows, out, isDouble);
  }

  /** Runs {@code body} for blocks 0 to n - 1, on {@code parallel} or, when it is null, in order here. */
  private static void forBlocks(org.myelin.core.parallel.Parallel parallel, int n, java.util.function.IntConsumer body) {
    if (parallel == null) {
      for (int b = 0; b < n; b++) {
        body.accept(b);
      }
    } else {
      parallel.forEach(n, body::accept);
    }
  }

  /**
   * The columns given, in that order, as a new matrix; {@code keep} must not repeat a column.
   * Blocks keep their row ranges, and compact counts stay compact.
   */
  public CsrMatrix selectColumns(int[] keep) {
    return selectColumns(keep, null);
  }

  /** As {@link #selectColumns(int[])}, the blocks made on {@code parallel}'s threads (null: this one). */
  public CsrMatrix selectColumns(int[] keep, org.myelin.core.parallel.Parallel parallel) {
    int[] map = new int[nCols];
    java.util.Arrays.fill(map, -1);
    for (int j = 0; j < keep.length; j++) {
      if (map[keep[j]] >= 0) {
        throw new IllegalArgumentException("column " + keep[j] + " selected twice");
      }
      map[keep[j]] = j;
    }
    CsrBlock[] out = new CsrBlock[blocks.size()];
    java.util.function.IntConsumer select = ob -> {
      CsrBlock b = blocks.get(ob);
      int count = 0;
      for (int k = 0; k < b.nnz(); k++) {
        if (map[b.index(k)] >= 0) {
          count++;
        }
      }
      int[] ptr = new int[b.nRows() + 1];
      int[] idx = new int[count];
      float[] fv = isDouble ? null : new float[count];
      double[] dv = isDouble ? new double[count] : null;
      int pos = 0;
      for (int r = 0; r < b.nRows(); r++) {
        for (int k = b.rowStart(r); k < b.rowStart(r + 1); k++) {
          int c = map[b.index(k)];
          if (c >= 0) {
            idx[pos] = c;
            if (isDouble) {
              dv[pos] = b.value(k);
            } else {
              fv[pos] = (float) b.value(k);
            }
            pos++;
          }
        }
        ptr[r + 1] = pos;
      }
      CsrBlock made = isDouble ? new DoubleCsrBlock(keep.length, ptr, idx, dv)
          : new FloatCsrBlock(keep.length, ptr, idx, fv);
      out[ob] = b instanceof CountCsrBlock ? CountCsrBlock.encodeIfFits(made) : made;
    };
    forBlocks(parallel, out.length, select);
    return new CsrMatrix(keep.length, Arrays.asList(out), isDouble);
  }

  /**
   * The rows given, in that order, as a new matrix cut into fresh blocks; compact counts stay
   * compact when every block holds them.
   */
  public CsrMatrix selectRows(int[] rows) {
    return selectRows(rows, null);
  }

  /** As {@link #selectRows(int[])}, the new blocks made on {@code parallel}'s threads (null: this one). */
  public CsrMatrix selectRows(int[] rows, org.myelin.core.parallel.Parallel parallel) {
    boolean counts = !blocks.isEmpty() && blocks.stream().allMatch(b -> b instanceof CountCsrBlock);
    long[] ptr = new long[rows.length + 1];
    for (int i = 0; i < rows.length; i++) {
      int b = blockOfRow(rows[i]);
      CsrBlock block = blocks.get(b);
      int r = rows[i] - rowOffsets[b];
      ptr[i + 1] = ptr[i] + block.rowStart(r + 1) - block.rowStart(r);
    }
    int[] cuts = planBlocks(ptr, DEFAULT_BLOCK_NNZ, MAX_BLOCK_ROWS);
    CsrBlock[] out = new CsrBlock[cuts.length - 1];
    forBlocks(parallel, out.length, ob -> out[ob] = copyRows(rows, cuts[ob], cuts[ob + 1], counts));
    return new CsrMatrix(nCols, Arrays.asList(out), isDouble);
  }

  /**
   * The rows given, which must be in increasing order, as {@link #selectRows(int[], org.myelin.core.parallel.Parallel)}
   * makes them, except that a block whose rows all stay is shared with this matrix, not copied:
   * filtering a few cells out of a large matrix copies only the blocks they were in. Writing to the
   * values of one matrix may then write to the other's.
   */
  public CsrMatrix keepRows(int[] rows, org.myelin.core.parallel.Parallel parallel) {
    int[] first = new int[blocks.size() + 1];
    int i = 0;
    for (int b = 0; b < blocks.size(); b++) {
      first[b] = i;
      while (i < rows.length && rows[i] < rowOffsets[b + 1]) {
        if (rows[i] < rowOffsets[b] || (i > 0 && rows[i] <= rows[i - 1])) {
          throw new IllegalArgumentException("Rows to keep must be distinct and in increasing order: row " + rows[i]);
        }
        i++;
      }
    }
    first[blocks.size()] = i;
    if (i != rows.length) {
      throw new IllegalArgumentException("Invalid row " + rows[i] + " (" + nRows + " rows)");
    }
    CsrBlock[] out = new CsrBlock[blocks.size()];
    forBlocks(parallel, out.length, b -> {
      CsrBlock block = blocks.get(b);
      int kept = first[b + 1] - first[b];
      out[b] = kept == block.nRows() ? block
          : kept == 0 ? null : copyRows(rows, first[b], first[b + 1], block instanceof CountCsrBlock);
    });
    return new CsrMatrix(nCols, Arrays.stream(out).filter(java.util.Objects::nonNull).toList(), isDouble);
  }

  /** Rows rows[i0..i1) of this matrix in one new block, of compact counts when {@code counts}. */
  private CsrBlock copyRows(int[] rows, int i0, int i1, boolean counts) {
    int[] optr = new int[i1 - i0 + 1];
    for (int i = i0; i < i1; i++) {
      int b = blockOfRow(rows[i]);
      CsrBlock block = blocks.get(b);
      int r = rows[i] - rowOffsets[b];
      optr[i - i0 + 1] = optr[i - i0] + block.rowStart(r + 1) - block.rowStart(r);
    }
    int len = optr[i1 - i0];
    int[] idx = new int[len];
    float[] fv = isDouble ? null : new float[len];
    double[] dv = isDouble ? new double[len] : null;
    for (int i = i0; i < i1; i++) {
      int b = blockOfRow(rows[i]);
      CsrBlock block = blocks.get(b);
      int r = rows[i] - rowOffsets[b];
      int from = block.rowStart(r);
      int n = block.rowStart(r + 1) - from;
      int pos = optr[i - i0];
      block.copyIndices(from, idx, pos, n);
      if (isDouble) {
        block.copyValues(from, dv, pos, n);
      } else {
        block.copyValues(from, fv, pos, n);
      }
    }
    CsrBlock made = isDouble ? new DoubleCsrBlock(nCols, optr, idx, dv) : new FloatCsrBlock(nCols, optr, idx, fv);
    return counts ? CountCsrBlock.encodeIfFits(made) : made;
  }

  @Override
  public String toString() {
    return "CsrMatrix[" + nRows + " x " + nCols + ", nnz=" + nnz + ", blocks=" + blocks.size() + "]";
  }
}
