package org.myelin.io;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.Frame;
import org.myelin.io.hdf.H5Matrix;
import org.myelin.io.h5ad.H5adFile;
import org.myelin.io.hdf.H5;
import org.myelin.io.tenx.TenxH5Reader;

/**
 * The cells of an h5ad (X, CSR or dense) or a 10x HDF5 file read block by block, never whole, so a
 * pass over a file of any size holds one block per thread: anndata's backed mode for the streaming
 * commands. Opening reads the names of cells and genes and the matrix's offsets only.
 */
public final class BackedCells implements AutoCloseable {

  private final Path file;
  private final AutoCloseable closer;
  private final H5Matrix matrix;
  private final int[] keep;
  private final String[] obsNames;
  private final Frame var;
  private final int[] cuts;

  private BackedCells(Path file, AutoCloseable closer, H5Matrix matrix, int[] keep, String[] obsNames, Frame var) {
    this.file = file;
    this.closer = closer;
    this.matrix = matrix;
    this.keep = keep;
    this.obsNames = obsNames;
    this.var = var;
    this.cuts = matrix.blockCuts();
  }

  /** Opens an h5ad or 10x HDF5 file; other formats are refused (they have no row blocks on disk). */
  public static BackedCells open(Path file, CellDataIO.ReadOptions options) {
    CellDataIO.Format format = options.format() != null ? options.format() : CellDataIO.detect(file);
    switch (format) {
      case H5AD -> {
        H5adFile f = H5adFile.open(file);
        try {
          return new BackedCells(file, f, f.x(), null, f.obs().index(), f.var());
        } catch (RuntimeException e) {
          f.close();
          throw e;
        }
      }
      case TENX_H5 -> {
        HdfFile h = H5.open(file);
        try {
          TenxH5Reader.Parts p = TenxH5Reader.parts(file, h, options.tenx());
          return new BackedCells(file, h, p.matrix(), p.keep(), p.obs().index(), p.var());
        } catch (RuntimeException e) {
          h.close();
          throw e;
        }
      }
      default -> throw new UnsupportedFileException(file, "/",
          "is " + format.name().toLowerCase(java.util.Locale.ROOT) + ": backed reading takes an h5ad or a 10x HDF5 file");
    }
  }

  public Path file() {
    return file;
  }

  public int nObs() {
    return obsNames.length;
  }

  public int nVars() {
    return var.nRows();
  }

  public String[] obsNames() {
    return obsNames;
  }

  public Frame var() {
    return var;
  }

  public int nBlocks() {
    return cuts.length - 1;
  }

  /** The first cell of block {@code b}. */
  public int firstRow(int b) {
    return cuts[b];
  }

  /** Block {@code b} as a one-block matrix over var's genes; safe to call from several threads at once. */
  public CsrMatrix block(int b) {
    CsrBlock block = matrix.readRows(cuts[b], cuts[b + 1]);
    CsrMatrix m = CsrMatrix.ofBlocks(matrix.nCols(), false, java.util.List.of(block));
    return keep == null ? m : m.selectColumns(keep);
  }

  /**
   * Cells {@code [from, to)} cut where the stored blocks are cut: {from, to} of each piece, in order.
   * Reading a range piece by piece holds one stored block at a time, whatever the range's size.
   */
  public java.util.List<int[]> pieces(int from, int to) {
    if (from < 0 || to > nObs() || from > to) {
      throw new IndexOutOfBoundsException("rows " + from + ".." + to + " of " + nObs());
    }
    java.util.List<int[]> out = new java.util.ArrayList<>();
    for (int b = 0; b < nBlocks(); b++) {
      int a = Math.max(from, cuts[b]);
      int z = Math.min(to, cuts[b + 1]);
      if (a < z) {
        out.add(new int[] {a, z});
      }
    }
    return out;
  }

  /** Cells {@code [from, to)} as a one-block matrix over var's genes; safe to call from several threads at once. */
  public CsrMatrix rows(int from, int to) {
    CsrMatrix m = CsrMatrix.ofBlocks(matrix.nCols(), false, java.util.List.of(matrix.readRows(from, to)));
    return keep == null ? m : m.selectColumns(keep);
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing " + file, e);
    }
  }
}
