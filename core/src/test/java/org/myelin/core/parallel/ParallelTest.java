package org.myelin.core.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParallelTest {

  private static double[] run(int threads) {
    double[] out = new double[64];
    try (Parallel p = new Parallel(threads)) {
      p.forEach(out.length, i -> {
        double s = 0;
        for (int k = 1; k <= 1000; k++) {
          s += Math.sin(i * k) / k;
        }
        out[i] = s;
      });
    }
    return out;
  }

  @Test
  void resultsDoNotDependOnThreads() {
    assertArrayEquals(run(1), run(2));
    assertArrayEquals(run(1), run(4));
  }

  @Test
  void theFirstFailureReachesTheCaller() {
    try (Parallel p = new Parallel(2)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.forEach(10, i -> {
        if (i == 3) {
          throw new IllegalStateException("piece 3");
        }
      }));
      assertEquals("piece 3", e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new Parallel(-1));
  }
}
