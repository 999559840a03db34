package org.myelin.core.random;

/**
 * Seeds of random streams, from one seed and the coordinates of a draw (a cell, an epoch, a
 * permutation), so that a draw never depends on which thread makes it or in what order. Built on
 * SplitMix64 (Steele, Lea and Flood, OOPSLA 2014) and Stafford's mix13 finaliser.
 */
public final class Seeds {

  /** 2^64 divided by the golden ratio: SplitMix64's increment. */
  public static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** The seed of stream {@code index}, for {@link java.util.SplittableRandom}: {@code seed * GOLDEN + index}. */
  public static long stream(long seed, long index) {
    return seed * GOLDEN + index;
  }

  /** Stafford's mix13, SplitMix64's output function: every input bit reaches every output bit. */
  public static long mix13(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Two rounds of mix13, the increment added between them: {@code mix13(mix13(z) + GOLDEN)}. */
  public static long mix2(long z) {
    return mix13(mix13(z) + GOLDEN);
  }
}
