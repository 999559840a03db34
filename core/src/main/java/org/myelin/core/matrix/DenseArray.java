package org.myelin.core.matrix;

import java.util.Arrays;

/**
 * An n-dimensional float32 array in row-major order, for what is neither a matrix nor a table: the
 * tissue images of a Visium section ({@code uns["spatial"][library]["images"]}, height x width x 3,
 * values in [0, 1] as scanpy reads them).
 */
public record DenseArray(int[] shape, float[] data) {

  public DenseArray {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, not "
          + data.length);
    }
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DenseArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "DenseArray" + Arrays.toString(shape);
  }
}
