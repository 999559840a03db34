package org.myelin.core.tool;

/**
 * Where a long tool reports how far it is (UMAP's epochs, the kNN search's blocks). The command
 * line draws a bar on a terminal and writes a line every few seconds to a log; the Java API
 * reports nothing unless given a Progress.
 */
public interface Progress {

  /** A task under way: {@link #step} may be called from any thread. */
  interface Task extends AutoCloseable {
    void step(long n);

    @Override
    void close();
  }

  /** Starts a task of {@code total} units named {@code name}. */
  Task start(String name, long total);

  /** Reports nothing. */
  Progress NONE = (name, total) -> new Task() {
    @Override
    public void step(long n) {
    }

    @Override
    public void close() {
    }
  };
}
