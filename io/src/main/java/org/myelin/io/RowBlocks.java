package org.myelin.io;

import java.util.function.IntFunction;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;

/**
 * The row blocks of a sparse matrix, made on demand: from a matrix in memory, or by a producer
 * (the simulator) so that a writer can stream a matrix that never exists whole.
 */
public interface RowBlocks {

  int nCols();

  boolean isDouble();

  int nBlocks();

  /** Block {@code b}; may be called from several threads at once. */
  CsrBlock block(int b);

  static RowBlocks of(CsrMatrix m) {
    return of(m.nCols(), m.isDouble(), m.nBlocks(), m::block);
  }

  /** float32 blocks made by {@code make}. */
  static RowBlocks of(int nCols, int nBlocks, IntFunction<CsrBlock> make) {
    return of(nCols, false, nBlocks, make);
  }

  /** The same blocks, each one fetched stepping {@code task} by its rows (progress of a writer). */
  static RowBlocks reporting(RowBlocks m, org.myelin.core.tool.Progress.Task task) {
    return of(m.nCols(), m.isDouble(), m.nBlocks(), b -> {
      CsrBlock block = m.block(b);
      task.step(block.nRows());
      return block;
    });
  }

  private static RowBlocks of(int nCols, boolean isDouble, int nBlocks, IntFunction<CsrBlock> make) {
    return new RowBlocks() {
      public int nCols() {
        return nCols;
      }

      public boolean isDouble() {
        return isDouble;
      }

      public int nBlocks() {
        return nBlocks;
      }

      public CsrBlock block(int b) {
        return make.apply(b);
      }
    };
  }
}
