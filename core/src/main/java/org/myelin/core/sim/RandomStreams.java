package org.myelin.core.sim;

import org.myelin.core.random.Seeds;
import java.util.SplittableRandom;

/**
 * Reproducible random streams: one per row block, derived from the seed and the block's index, so
 * a simulation is the same for any thread count and any block can be made on its own.
 */
public final class RandomStreams {

  /** Cells per generated block: fixed, so block contents never depend on the thread count. */
  public static final int ROWS_PER_BLOCK = 4096;

  private RandomStreams() {}

  /** The stream of block {@code block} (negative indices name streams used outside the blocks). */
  static SplittableRandom of(long seed, long block) {
    return new SplittableRandom(mix(seed, block));
  }

  /** Stafford's mix13 of seed and index: independent, reproducible streams. */
  static long mix(long seed, long block) {
    return Seeds.mix13(seed + Seeds.GOLDEN * (block + 1));
  }

  /** A standard normal draw (Box-Muller; one of the pair is used, to keep the stream simple). */
  static double gaussian(SplittableRandom rnd) {
    double u1 = 1.0 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
