package org.myelin.core.matrix;

import java.util.Random;

/**
 * Test rows for the float32 kernels: values of mixed magnitudes, so that any change in the order of
 * additions shows in the bits.
 */
final class MixedMagnitudes {

  private MixedMagnitudes() {}

  /** Two rows of n values, drawn alternately from one seeded stream. */
  static float[][] pair(long seed, int n) {
    Random rnd = new Random(seed);
    float[] a = new float[n];
    float[] b = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
      b[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
    }
    return new float[][] {a, b};
  }
}
