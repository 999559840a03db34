package org.myelin.core.matrix;

/** A CSR block with float32 values and int32 column indices: 8 bytes per stored entry. */
public final class FloatCsrBlock extends AbstractCsrBlock {

  private final float[] data;

  /**
   * Wraps the arrays without copying, after checking that they form a valid CSR block.
   *
   * @throws IllegalArgumentException naming the first inconsistency found
   */
  public FloatCsrBlock(int nCols, int[] indptr, int[] indices, float[] data) {
    super(nCols, indptr, indices, data.length);
    this.data = data;
  }

  private FloatCsrBlock(FloatCsrBlock shape, float[] data) {
    super(shape, data.length);
    this.data = data;
  }

  /**
   * This block's rows and columns (shared, not copied, not checked again) with other values, one
   * per stored entry: a copy of X for a layer costs the values only.
   */
  public FloatCsrBlock withData(float[] newData) {
    return new FloatCsrBlock(this, newData);
  }

  @Override
  public double value(int k) {
    return data[k];
  }

  @Override
  public boolean isDouble() {
    return false;
  }

  @Override
  public void copyValues(int from, float[] dst, int dstPos, int len) {
    System.arraycopy(data, from, dst, dstPos, len);
  }

  /** The raw values; kernels that transform X in place (normalize, log1p) write through this. */
  public float[] data() {
    return data;
  }

  @Override
  public long storageBytes() {
    return 4L * indptr.length + 4L * indices.length + 4L * data.length;
  }
}
