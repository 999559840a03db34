package org.myelin.core.random;

/**
 * igraph 0.10's MT19937 generator as leidenalg seeds and draws from it: {@code igraph_rng_seed}
 * (seed 0 stands for 4357, then {@code init_genrand}) and {@code igraph_rng_get_integer}, which
 * maps 32-bit outputs onto a range by Lemire's debiased multiplication (Lemire, ACM TOMACS 2019).
 * With it, leidenalg's node orders and random choices are drawn as leidenalg draws them.
 */
public final class IgraphRandom {

  private final MersenneTwister mt;

  /** The generator after {@code igraph_rng_seed(rng, seed)}; seeds are taken modulo 2^32. */
  public IgraphRandom(long seed) {
    long s = seed & 0xffffffffL;
    mt = MersenneTwister.initGenrand((int) (s == 0 ? 4357 : s));
  }

  /**
   * {@code igraph_rng_get_integer(rng, low, high)}: uniform on [low, high], both inclusive; no
   * output is consumed when the range holds one value.
   */
  public long integer(long low, long high) {
    if (high < low) {
      throw new IllegalArgumentException("empty range [" + low + ", " + high + "]");
    }
    if (high == low) {
      return low;
    }
    long range = high - low + 1;
    if (range > 0xffffffffL) {
      throw new IllegalArgumentException("range wider than 2^32: [" + low + ", " + high + "]");
    }
    return low + bounded32(range);
  }

  private long bounded32(long range) {
    long threshold = ((1L << 32) - range) % range;
    while (true) {
      long m = mt.nextUint32() * range;
      if ((m & 0xffffffffL) >= threshold) {
        return m >>> 32;
      }
    }
  }
}
