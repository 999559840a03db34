package org.myelin.core.random;

import org.myelin.core.random.MersenneTwister;

/**
 * numpy's legacy {@code RandomState} as far as {@code np.random.seed(s)} followed by
 * {@code np.random.shuffle} goes: the Mersenne Twister seeded by {@code init_genrand}, and
 * Fisher-Yates from the end with numpy's bounded draws (a 32-bit output masked to the smallest
 * covering power of two, redrawn until within range), {@code randint} and {@code random_sample}. With it, scanpy's
 * {@code score_genes} picks the very control genes scanpy picks for the same seed, and k-means++ the
 * very seeds scikit-learn picks.
 */
public final class NumpyRandomState {

  private final MersenneTwister mt;

  public NumpyRandomState(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new IllegalArgumentException("numpy seeds run from 0 to 2^32 - 1, not " + seed);
    }
    mt = MersenneTwister.initGenrand((int) seed);
  }

  public long nextUint32() {
    return mt.nextUint32();
  }

  /** numpy's random_interval: uniform on [0, max] by masked rejection (max below 2^32). */
  public long interval(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long value;
    do {
      value = nextUint32() & mask;
    } while (value > max);
    return value;
  }

  /** randint(n): uniform on [0, n), as numpy's legacy bounded draw (n below 2^32). */
  public long randint(long n) {
    if (n < 1 || n > 0x100000000L) {
      throw new IllegalArgumentException("randint draws below a bound from 1 to 2^32, not " + n);
    }
    return n - 1 == 0xffffffffL ? nextUint32() : interval(n - 1);
  }

  /** random_sample(): uniform on [0, 1) with 53 random bits, from two 32-bit outputs (27 and 26 bits). */
  public double randomSample() {
    long a = nextUint32() >>> 5;
    long b = nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** np.random.shuffle of a one-dimensional array, in place. */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i >= 1; i--) {
      int j = (int) interval(i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
