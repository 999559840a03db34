package org.myelin.core.matrix;

/**
 * How raw counts are held in memory once read. The numbers are the same either way; only space
 * and speed differ.
 */
public enum CountEncoding {
  /** float32 values and int32 indices, 8 bytes an entry: fastest to work on. */
  FLOAT,
  /** {@link CountCsrBlock}: about 3 bytes an entry, where the counts fit (whole numbers, at most 65,536 columns). */
  COMPACT,
  /** Compact when the float encoding would take more than a third of the heap, else float. */
  AUTO;

  /** Whether a matrix of {@code nnz} stored counts is held compactly under a heap of {@code maxHeap} bytes. */
  public boolean compact(long nnz, long maxHeap) {
    return switch (this) {
      case FLOAT -> false;
      case COMPACT -> true;
      case AUTO -> 8 * nnz > maxHeap / 3;
    };
  }
}
