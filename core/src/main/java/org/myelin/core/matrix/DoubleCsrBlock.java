package org.myelin.core.matrix;

/** A CSR block with float64 values, for cell-by-cell graphs whose weights need double precision. */
public final class DoubleCsrBlock extends AbstractCsrBlock {

  private final double[] data;

  /** Wraps the arrays without copying, after checking that they form a valid CSR block. */
  public DoubleCsrBlock(int nCols, int[] indptr, int[] indices, double[] data) {
    super(nCols, indptr, indices, data.length);
    this.data = data;
  }

  @Override
  public double value(int k) {
    return data[k];
  }

  @Override
  public boolean isDouble() {
    return true;
  }

  @Override
  public void copyValues(int from, double[] dst, int dstPos, int len) {
    System.arraycopy(data, from, dst, dstPos, len);
  }

  public double[] data() {
    return data;
  }

  @Override
  public long storageBytes() {
    return 4L * indptr.length + 4L * indices.length + 8L * data.length;
  }
}
