package org.myelin.core.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void awaitQuietReturnsOnlyOnceNoLoopHasRunForThePeriod() throws Exception {
    try (Parallel p = new Parallel(2)) {
      java.util.concurrent.atomic.AtomicLong loopEnded = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicLong quietAt = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.CountDownLatch inLoop = new java.util.concurrent.CountDownLatch(2);
      Thread waiter = Thread.ofPlatform().start(() -> {
        try {
          inLoop.await();
          p.awaitQuiet(20_000_000);
          quietAt.set(System.nanoTime());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      p.forEach(2, i -> {
        inLoop.countDown();
        Thread.sleep(200);
        loopEnded.accumulateAndGet(System.nanoTime(), Math::max);
      });
      waiter.join();
      assertTrue(quietAt.get() - loopEnded.get() >= 20_000_000L, "returned "
          + (quietAt.get() - loopEnded.get()) / 1e6 + " ms after the loop's last piece");
    }
  }

  @Test
  void backgroundWorkRestsAsLongAsItsLastPieceOnlyInAMemoryBoundStretch() throws Exception {
    try (Parallel p = new Parallel(2)) {
      long piece = 150_000_000L;
      long t0 = System.nanoTime();
      Parallel.Stretch stretch = p.memoryBound();
      p.awaitTurn(1_000_000, piece);
      assertTrue(System.nanoTime() - t0 >= piece, "rested as long as the last piece in the stretch");
      stretch.close();
      stretch.close(); // a second close must not end another stretch
      try (Parallel.Stretch again = p.memoryBound()) {
        long t1 = System.nanoTime();
        p.awaitTurn(1_000_000, piece);
        assertTrue(System.nanoTime() - t1 >= piece, "the second stretch is open: the first closed once");
      }
      long t2 = System.nanoTime();
      p.awaitTurn(1_000_000, 20_000_000_000L);
      assertTrue(System.nanoTime() - t2 < 20_000_000_000L, "no rest once every stretch is closed");
    }
  }
}
