package org.myelin.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomProjectionTreeTest {

  @Test
  void leavesCoverEveryCellOnceWithinTheLeafSizeAndRepeatForTheSameSeed() {
    int n = 3000;
    int d = 8;
    float[] x = new float[n * d];
    Random rnd = new Random(5);
    for (int i = 0; i < x.length; i++) {
      // Two far clusters, and a block of exact duplicates that no hyperplane can split.
      x[i] = i / d < 200 ? 1f : (float) (rnd.nextGaussian() + ((i / d) % 2 == 0 ? 20 : 0));
    }
    List<int[]> leaves = RandomProjectionTree.leaves(x, n, d, 15, 7, 3);
    int[] seen = new int[n];
    for (int[] leaf : leaves) {
      assertTrue(leaf.length >= 1 && leaf.length <= 15, "leaf of " + leaf.length);
      for (int c : leaf) {
        seen[c]++;
      }
    }
    for (int c = 0; c < n; c++) {
      assertEquals(1, seen[c], "cell " + c);
    }
    // Mostly one cluster per leaf: the splits follow the data.
    int mixed = 0;
    for (int[] leaf : leaves) {
      boolean even = false;
      boolean odd = false;
      for (int c : leaf) {
        if (c >= 200) {
          even |= c % 2 == 0;
          odd |= c % 2 == 1;
        }
      }
      mixed += even && odd ? 1 : 0;
    }
    assertTrue(mixed <= 2, mixed + " leaves mix the two clusters");
    List<int[]> again = RandomProjectionTree.leaves(x, n, d, 15, 7, 3);
    assertEquals(leaves.size(), again.size());
    for (int l = 0; l < leaves.size(); l++) {
      assertArrayEquals(leaves.get(l), again.get(l));
    }
  }
}
