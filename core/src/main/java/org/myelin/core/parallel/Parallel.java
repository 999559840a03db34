package org.myelin.core.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Runs independent pieces of work (one per block) on a ForkJoinPool of a fixed size. Callers cut
 * work by problem size, never by thread count, and write results to per-piece slots, so the output
 * does not depend on how many threads ran it.
 */
public final class Parallel implements AutoCloseable {

  /** A piece of work that may throw; its exception reaches the caller of {@link #forEach}. */
  @FunctionalInterface
  public interface Body {
    void run(int piece) throws Exception;
  }

  private final ForkJoinPool pool;
  private final int threads;
  /** Guards {@link #inFlight}, {@link #memoryBound} and {@link #lastEnd}. */
  private final Object loops = new Object();
  /** forEach calls running on the pool. */
  private int inFlight;
  /** Stretches marked by {@link #memoryBound} still open. */
  private int memoryBound;
  /** System.nanoTime() when the last forEach on the pool ended. */
  private long lastEnd = System.nanoTime();

  /** A pool of {@code threads} workers; 0 means all available processors. */
  public Parallel(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("Invalid number of threads: " + threads);
    }
    this.threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    this.pool = this.threads == 1 ? null : new ForkJoinPool(this.threads);
  }

  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body} for pieces {@code 0..n-1} and waits for all. The first failure (in piece
   * order) is rethrown unchanged when unchecked, wrapped otherwise.
   */
  public void forEach(int n, Body body) {
    if (pool == null || n <= 1) {
      for (int i = 0; i < n; i++) {
        try {
          body.run(i);
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return;
    }
    synchronized (loops) {
      inFlight++;
    }
    try {
      submitAndWait(n, body);
    } finally {
      synchronized (loops) {
        if (--inFlight == 0) {
          lastEnd = System.nanoTime();
        }
      }
    }
  }

  /** A stretch marked on the pool; closing it ends the stretch. */
  public interface Stretch extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Marks a single-threaded stretch bound by memory latency until the returned handle is closed:
   * background work that gives way by {@link #awaitTurn} then rests as long as its last piece took,
   * so it keeps half its pace and half the cache it would take from the stretch.
   */
  public Stretch memoryBound() {
    synchronized (loops) {
      memoryBound++;
    }
    boolean[] closed = {false};
    return () -> {
      synchronized (loops) {
        if (!closed[0]) {
          closed[0] = true;
          memoryBound--;
        }
      }
    };
  }

  /**
   * For background work between its pieces: {@link #awaitQuiet}, then, in a stretch marked by
   * {@link #memoryBound}, a rest as long as the last piece took ({@code lastPieceNanos}).
   */
  public void awaitTurn(long quietNanos, long lastPieceNanos) throws InterruptedException {
    awaitQuiet(quietNanos);
    boolean rest;
    synchronized (loops) {
      rest = memoryBound > 0;
    }
    if (rest && lastPieceNanos > 0) {
      Thread.sleep(lastPieceNanos / 1_000_000, (int) (lastPieceNanos % 1_000_000));
    }
  }

  /** Work on the indices [from, to). */
  @FunctionalInterface
  public interface Range {
    void run(int from, int to) throws Exception;
  }

  /**
   * Runs {@code body} over [0, n) in consecutive ranges of {@code size} indices. The ranges are the
   * same for any number of threads, so per-range results combined in range order never depend on it.
   */
  public void forRanges(int n, int size, Range body) {
    forEach((n + size - 1) / size, r -> body.run(r * size, Math.min(n, (r + 1) * size)));
  }

  /**
   * Waits until no {@link #forEach} has run on the pool's threads for {@code quietNanos}: the caller
   * is then in a single-threaded stretch, not between two parallel loops. Work on another thread
   * that waits for this between small pieces takes only the cores the pool leaves idle.
   */
  public void awaitQuiet(long quietNanos) throws InterruptedException {
    while (true) {
      long wait;
      synchronized (loops) {
        wait = inFlight > 0 ? quietNanos : quietNanos - (System.nanoTime() - lastEnd);
      }
      if (wait <= 0) {
        return;
      }
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  private void submitAndWait(int n, Body body) {
    // Failures are caught inside each piece: ForkJoinPool would rethrow a copy of the exception,
    // and we want the caller to see the original one, from the lowest failing piece.
    Throwable[] failures = new Throwable[n];
    List<Future<?>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      final int piece = i;
      futures.add(pool.submit(() -> {
        try {
          body.run(piece);
        } catch (Throwable t) {
          failures[piece] = t;
        }
      }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    for (Throwable first : failures) {
      if (first instanceof RuntimeException re) {
        throw re;
      }
      if (first instanceof Error err) {
        throw err;
      }
      if (first != null) {
        throw new IllegalStateException(first);
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
