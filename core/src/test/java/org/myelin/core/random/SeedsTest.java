package org.myelin.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The seed helpers give the bits the streams were first written with, so no draw moves. */
class SeedsTest {

  /** SplitMix64 written out once, as the streams first spelled it: rounds of mix13, the increment after each. */
  private static long rounds(long z, int n, boolean lastIncrement) {
    for (int r = 0; r < n; r++) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z ^= z >>> 31;
      if (r < n - 1 || lastIncrement) {
        z += 0x9E3779B97F4A7C15L;
      }
    }
    return z;
  }

  @Test
  void helpersEqualTheWrittenOutMixes() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int t = 0; t < 10_000; t++) {
      long seed = rnd.nextLong();
      long key = rnd.nextLong();
      long z = seed * 0x9E3779B97F4A7C15L + key;
      assertEquals(z, Seeds.stream(seed, key));
      assertEquals(rounds(z, 1, false), Seeds.mix13(z));
      assertEquals(rounds(z, 2, false), Seeds.mix2(z));
      assertEquals(rounds(z, 2, true), Seeds.mix2(z) + Seeds.GOLDEN);
    }
    // SplitMix64's first output for seed 0 (Vigna's reference implementation): mix13 of the increment.
    assertEquals(0xE220A8397B1DCDAFL, Seeds.mix13(Seeds.GOLDEN));
  }
}
