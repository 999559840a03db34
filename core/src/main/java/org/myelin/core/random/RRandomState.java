package org.myelin.core.random;

import org.myelin.core.random.MersenneTwister;
import org.myelin.core.stats.NormalQuantile;

/**
 * R's default random numbers (R 3.6 and later): {@code set.seed} (the seed scrambled by 50 steps of
 * the LCG 69069 x + 1, which then fills the Mersenne Twister's state), {@code unif_rand},
 * {@code norm_rand} by inversion (two uniforms for 27 + 32 bits, then {@code qnorm}), and
 * {@code sample.int} without replacement with rejection-sampled indices. With it, Seurat's
 * AddModuleScore draws the control genes Seurat draws for the same seed.
 */
public final class RRandomState {

  private static final double TWO_POW_27 = 134217728;
  private static final double I2_32M1 = 2.328306437080797e-10;

  private final MersenneTwister mt;

  /** {@code set.seed(seed)}. */
  public RRandomState(int seed) {
    int s = seed;
    for (int j = 0; j < 50; j++) {
      s = 69069 * s + 1;
    }
    // The first of R's 625 seed words is the twister's position, overwritten to 624 ("refill").
    s = 69069 * s + 1;
    int[] state = new int[MersenneTwister.N];
    for (int j = 0; j < state.length; j++) {
      s = 69069 * s + 1;
      state[j] = s;
    }
    mt = new MersenneTwister(state);
  }

  private RRandomState(MersenneTwister mt) {
    this.mt = mt;
  }

  /** An independent generator in this one's current state. */
  public RRandomState copy() {
    return new RRandomState(mt.copy());
  }

  /** {@code unif_rand()}: in (0, 1). */
  public double unifRand() {
    double x = mt.nextUint32() * 2.3283064365386963e-10;
    if (x <= 0) {
      return 0.5 * I2_32M1;
    }
    if (1 - x <= 0) {
      return 1 - 0.5 * I2_32M1;
    }
    return x;
  }

  /** {@code norm_rand()} with R's default INVERSION. */
  public double normRand() {
    double u = unifRand();
    u = (int) (TWO_POW_27 * u) + unifRand();
    return NormalQuantile.of(u / TWO_POW_27);
  }

  /** {@code R_unif_index(dn)}: uniform on 0..dn-1 from whole 16-bit pieces, redrawn above dn. */
  public long unifIndex(long dn) {
    if (dn <= 0) {
      return 0;
    }
    int bits = 64 - Long.numberOfLeadingZeros(dn - 1); // ceil(log2(dn))
    long v;
    do {
      v = 0;
      for (int n = 0; n <= bits; n += 16) {
        v = 65536 * v + (int) Math.floor(unifRand() * 65536);
      }
      v &= (1L << bits) - 1;
    } while (dn <= v);
    return v;
  }

  /** {@code sample.int(n, k)} without replacement, as 0-based indices in draw order. */
  public int[] sample(int n, int k) {
    if (k > n) {
      throw new IllegalArgumentException("cannot take a sample of " + k + " from " + n + " without replacement");
    }
    int[] x = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    int[] y = new int[k];
    int left = n;
    for (int i = 0; i < k; i++) {
      int j = (int) unifIndex(left);
      y[i] = x[j];
      x[j] = x[--left];
    }
    return y;
  }
}
