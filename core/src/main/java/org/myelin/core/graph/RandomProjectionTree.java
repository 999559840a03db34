package org.myelin.core.graph;

import java.util.ArrayList;
import java.util.List;
import org.myelin.core.matrix.SquaredDistance;
import org.myelin.core.random.Seeds;

/**
 * A random-projection tree (Dasgupta &amp; Freund, STOC 2008), as pynndescent builds its forest to
 * start NN-descent: a node's cells are split by the hyperplane halfway between two of them drawn at
 * random (a cell goes to the side of the one it is nearer), until at most {@code leafSize} remain. Every draw comes from a stream keyed by the seed,
 * the tree and the node, so a tree is the same whichever thread builds it.
 */
final class RandomProjectionTree {

  private RandomProjectionTree() {}

  /** The leaves of tree {@code tree}: cell indices, each leaf at most {@code leafSize} cells. */
  static List<int[]> leaves(float[] data, int n, int d, int leafSize, long seed, int tree) {
    int[] cells = new int[n];
    for (int i = 0; i < n; i++) {
      cells[i] = i;
    }
    long treeKey = Seeds.mix2(Seeds.stream(seed, 0x5250L << 32 | tree));
    List<int[]> leaves = new ArrayList<>();
    // Ranges still to split, as (lo, hi) pairs.
    int[] stack = new int[128];
    int top = 0;
    stack[top++] = 0;
    stack[top++] = n;
    while (top > 0) {
      int hi = stack[--top];
      int lo = stack[--top];
      int size = hi - lo;
      if (size <= leafSize) {
        leaves.add(java.util.Arrays.copyOfRange(cells, lo, hi));
        continue;
      }
      long node = Seeds.mix2(treeKey ^ Seeds.mix2(((long) lo << 32) | hi));
      int a = lo + (int) Long.remainderUnsigned(node, size);
      int b = lo + (int) Long.remainderUnsigned(Seeds.mix2(node + 1), size - 1);
      if (b >= a) {
        b++;
      }
      // The hyperplane halfway between the two is the set of points as far from one as from the
      // other: a cell goes to the front when it is nearer the first.
      int left = cells[a] * d;
      int right = cells[b] * d;
      int split = lo;
      for (int s = lo; s < hi; s++) {
        int cell = cells[s];
        float toLeft = SquaredDistance.of(data, cell * d, data, left, d);
        float toRight = SquaredDistance.of(data, cell * d, data, right, d);
        boolean front = toLeft < toRight || (toLeft == toRight && (Seeds.mix2(node + 2 + cell) & 1) == 0);
        if (front) {
          cells[s] = cells[split];
          cells[split++] = cell;
        }
      }
      if (split == lo || split == hi) {
        // All on one side (duplicates, or a plane that misses): halve the range as it stands.
        split = lo + size / 2;
      }
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
}
