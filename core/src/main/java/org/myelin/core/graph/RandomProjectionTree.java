package org.myelin.core.graph;

import java.util.ArrayList;
import java.util.List;
import org.myelin.core.matrix.DotProduct;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.random.Seeds;

/**
 * A random-projection tree (Dasgupta &amp; Freund, STOC 2008), as pynndescent builds its forest to
 * start NN-descent: a node's cells are split by the hyperplane halfway between two of them drawn at
 * random (a cell goes to the side of the one it is nearer), until at most {@code leafSize} remain.
 * As in pynndescent, the side is the sign of one float32 dot product with the plane's normal (the
 * difference of the two cells) plus its offset, half the work of comparing two distances. Every
 * draw comes from a stream keyed by the seed, the tree and the node, so a tree is the same
 * whichever thread builds it.
 */
final class RandomProjectionTree {

  private RandomProjectionTree() {}

  /** The leaves of tree {@code tree}: cell indices, each leaf at most {@code leafSize} cells. */
  static List<int[]> leaves(float[] data, int n, int d, int leafSize, long seed, int tree) {
    return leaves(data, n, d, leafSize, seed, tree, null);
  }

  /**
   * As above, the root's two halves grown on two threads when {@code parallel} is given: the same
   * leaves in the same order, since a node's split depends only on its range and its cells.
   */
  static List<int[]> leaves(float[] data, int n, int d, int leafSize, long seed, int tree, Parallel parallel) {
    int[] cells = new int[n];
    for (int i = 0; i < n; i++) {
      cells[i] = i;
    }
    long treeKey = Seeds.mix2(Seeds.stream(seed, 0x5250L << 32 | tree));
    if (parallel == null || n <= leafSize) {
      return grow(data, d, leafSize, treeKey, cells, 0, n);
    }
    int split = split(data, d, treeKey, cells, 0, n, new float[d]);
    // Depth first, the second half's leaves come before the first's, as grow lists them.
    List<List<int[]>> halves = new ArrayList<>(List.of(List.of(), List.of()));
    parallel.forEach(2, h -> halves.set(h, h == 0 ? grow(data, d, leafSize, treeKey, cells, split, n)
        : grow(data, d, leafSize, treeKey, cells, 0, split)));
    List<int[]> leaves = new ArrayList<>(halves.get(0));
    leaves.addAll(halves.get(1));
    return leaves;
  }

  /** The leaves under the node of cells[lo, hi), depth first, the second half of each split first. */
  private static List<int[]> grow(float[] data, int d, int leafSize, long treeKey, int[] cells, int lo0, int hi0) {
    List<int[]> leaves = new ArrayList<>();
    float[] normal = new float[d];
    // Ranges still to split, as (lo, hi) pairs.
    int[] stack = new int[128];
    int top = 0;
    stack[top++] = lo0;
    stack[top++] = hi0;
    while (top > 0) {
      int hi = stack[--top];
      int lo = stack[--top];
      if (hi - lo <= leafSize) {
        leaves.add(java.util.Arrays.copyOfRange(cells, lo, hi));
        continue;
      }
      int split = split(data, d, treeKey, cells, lo, hi, normal);
      if (top + 4 > stack.length) {
        stack = java.util.Arrays.copyOf(stack, stack.length * 2);
      }
      stack[top++] = lo;
      stack[top++] = split;
      stack[top++] = split;
      stack[top++] = hi;
    }
    return leaves;
  }

  /**
   * Splits the node of cells[lo, hi) in place, its front half first; returns where the second
   * begins. {@code normal} is scratch space of d values.
   */
  private static int split(float[] data, int d, long treeKey, int[] cells, int lo, int hi, float[] normal) {
    int size = hi - lo;
    long node = Seeds.mix2(treeKey ^ Seeds.mix2(((long) lo << 32) | hi));
    int a = lo + (int) Long.remainderUnsigned(node, size);
    int b = lo + (int) Long.remainderUnsigned(Seeds.mix2(node + 1), size - 1);
    if (b >= a) {
      b++;
    }
    // The hyperplane halfway between the two is the set of points as far from one as from the
    // other: a cell goes to the front when it is nearer the first, where normal . x + offset > 0.
    int left = cells[a] * d;
    int right = cells[b] * d;
    float offset = 0;
    for (int c = 0; c < d; c++) {
      normal[c] = data[left + c] - data[right + c];
      offset -= normal[c] * ((data[left + c] + data[right + c]) / 2);
    }
    int split = lo;
    for (int s = lo; s < hi; s++) {
      int cell = cells[s];
      float margin = DotProduct.dot(normal, 0, data, cell * d, d) + offset;
      boolean front = margin > 0 || (margin == 0 && (Seeds.mix2(node + 2 + cell) & 1) == 0);
      if (front) {
        cells[s] = cells[split];
        cells[split++] = cell;
      }
    }
    if (split == lo || split == hi) {
      // All on one side (duplicates, or a plane that misses): halve the range as it stands.
      split = lo + size / 2;
    }
    return split;
  }
}
