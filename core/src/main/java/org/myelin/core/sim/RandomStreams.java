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

  /** Poisson: multiplication method below 30, a continuity-corrected normal above. */
  public static int poisson(double lambda, SplittableRandom rnd) {
    if (lambda < 30) {
      double l = Math.exp(-lambda);
      int k = 0;
      double p = rnd.nextDouble();
      while (p > l) {
        k++;
        p *= rnd.nextDouble();
      }
      return k;
    }
    double v = lambda + Math.sqrt(lambda) * gaussian(rnd) + 0.5;
    return v < 0 ? 0 : (int) v;
  }
}
