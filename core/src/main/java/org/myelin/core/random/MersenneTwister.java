package org.myelin.core.random;

/**
 * The Mersenne Twister MT19937 (Matsumoto &amp; Nishimura, ACM TOMACS 1998): the generator behind
 * numpy's legacy {@code RandomState}, R's default RNG and igraph's (leidenalg's), which differ only
 * in how they seed its state and turn its 32-bit outputs into draws.
 */
public final class MersenneTwister {

  /** Words of state. */
  public static final int N = 624;
  private static final int M = 397;

  private final int[] mt;
  private int pos;

  /** A generator whose next output twists {@code state} (624 words) first. */
  public MersenneTwister(int[] state) {
    if (state.length != N) {
      throw new IllegalArgumentException("MT19937 state has " + N + " words, not " + state.length);
    }
    mt = state.clone();
    pos = N;
  }

  private MersenneTwister(MersenneTwister other) {
    mt = other.mt.clone();
    pos = other.pos;
  }

  /** The reference {@code init_genrand(seed)}, as numpy seeds it. */
  public static MersenneTwister initGenrand(int seed) {
    int[] s = new int[N];
    s[0] = seed;
    for (int i = 1; i < N; i++) {
      s[i] = 1812433253 * (s[i - 1] ^ (s[i - 1] >>> 30)) + i;
    }
    return new MersenneTwister(s);
  }

  /** An independent generator in this one's current state. */
  public MersenneTwister copy() {
    return new MersenneTwister(this);
  }

  /** genrand_int32, as an unsigned value in a long. */
  public long nextUint32() {
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
}
