package org.myelin.io;

import java.nio.file.Path;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/** Checks on matrices that must hold raw counts: finite, non-negative values. */
public final class Counts {

  private Counts() {}

  /**
   * Fails on the first NaN, infinite or negative value, naming the cell and gene position. Blocks
   * are checked in parallel; the lowest failing block reports, so the message does not depend on
   * the thread count.
   *
   * @param where the HDF5 path or file part the values came from
   */
  public static void requireCounts(CsrMatrix m, Path file, String where, Parallel parallel) {
    parallel.forEach(m.nBlocks(), b -> {
      CsrBlock block = m.block(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          double v = block.value(k);
          if (!(v >= 0) || Double.isInfinite(v)) {
            throw new InconsistentDataException(file, where,
                "count " + v + " at cell " + (m.rowOffset(b) + r) + ", gene " + block.index(k)
                    + " is not a finite non-negative number");
          }
        }
      }
    });
  }

  /** True when every stored value is a whole number (raw counts rather than normalized data). */
  public static boolean isIntegral(CsrMatrix m) {
    return CsrMatrix.isIntegral(m);
  }
}
