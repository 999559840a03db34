package org.myelin.core.score;

/**
 * numpy's legacy {@code RandomState} as far as {@code np.random.seed(s)} followed by
 * {@code np.random.shuffle} goes: the Mersenne Twister MT19937 (Matsumoto &amp; Nishimura, ACM TOMACS
 * 1998) seeded by {@code init_genrand}, and Fisher-Yates from the end with numpy's bounded draws
 * (a 32-bit output masked to the smallest covering power of two, redrawn until within range). With
 * it, scanpy's {@code score_genes} picks the very control genes scanpy picks for the same seed.
 */
final class NumpyRandomState {

  private static final int N = 624;
  private static final int M = 397;

  private final int[] mt = new int[N];
  private int pos;

  NumpyRandomState(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new IllegalArgumentException("numpy seeds run from 0 to 2^32 - 1, not " + seed);
    }
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    pos = N;
  }

  /** genrand_int32, as an unsigned value in a long. */
  long nextUint32() {
    if (pos >= N) {
      for (int k = 0; k < N; k++) {
        int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
        mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      }
      pos = 0;
    }
    int y = mt[pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xffffffffL;
  }

  /** numpy's random_interval: uniform on [0, max] by masked rejection (max below 2^32). */
  long interval(long max) {
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

  /** np.random.shuffle of a one-dimensional array, in place. */
  void shuffle(int[] a) {
    for (int i = a.length - 1; i >= 1; i--) {
      int j = (int) interval(i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
