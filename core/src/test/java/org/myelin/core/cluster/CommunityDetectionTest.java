package org.myelin.core.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrMatrix;

class CommunityDetectionTest {

  /** Cliques of the given sizes, joined in a chain by one weak edge each. */
  private static CsrMatrix cliques(int... sizes) {
    int n = 0;
    for (int s : sizes) {
      n += s;
    }
    List<List<int[]>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new ArrayList<>());
    }
    int start = 0;
    for (int c = 0; c < sizes.length; c++) {
      for (int a = start; a < start + sizes[c]; a++) {
        for (int b = start; b < start + sizes[c]; b++) {
          if (a != b) {
            rows.get(a).add(new int[] {b, 10});
          }
        }
      }
      if (c > 0) {
        rows.get(start).add(new int[] {start - 1, 1});
        rows.get(start - 1).add(new int[] {start, 1});
      }
      start += sizes[c];
    }
    long[] ptr = new long[n + 1];
    List<Integer> cols = new ArrayList<>();
    List<Double> vals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.get(i).sort((p, q) -> Integer.compare(p[0], q[0]));
      for (int[] e : rows.get(i)) {
        cols.add(e[0]);
        vals.add((double) e[1]);
      }
      ptr[i + 1] = cols.size();
    }
    return CsrMatrix.fromCsr(n, ptr, cols.stream().mapToInt(Integer::intValue).toArray(),
        vals.stream().mapToDouble(Double::doubleValue).toArray());
  }

  @Test
  void findsTheCliquesNumberedBySize() {
    CsrMatrix g = cliques(4, 9, 6);
    for (CommunityDetection.Algorithm alg : CommunityDetection.Algorithm.values()) {
      CommunityDetection.Result r = CommunityDetection.cluster(g, alg, 1.0, true, -1, 0);
      assertEquals(3, r.nClusters(), alg.toString());
      int[] expected = new int[19];
      for (int i = 0; i < 19; i++) {
        expected[i] = i < 4 ? 2 : i < 13 ? 0 : 1;
      }
      assertArrayEquals(expected, r.labels(), alg + ": 0 is the largest clique");
      assertTrue(r.modularity() > 0.5, "modularity " + r.modularity());
    }
  }

  @Test
  void modularityByHandAndBadParameters() {
    // Two disconnected edges, each its own cluster: Q = sum over clusters (2/4 - (2/4)^2) = 0.5.
    CsrMatrix g = CsrMatrix.fromCsr(4, new long[] {0, 1, 2, 3, 4}, new int[] {1, 0, 3, 2}, new double[] {1, 1, 1, 1});
    assertEquals(0.5, CommunityDetection.modularity(g, new int[] {0, 0, 1, 1}, 1.0, true), 1e-15);
    assertEquals(0.0, CommunityDetection.modularity(g, new int[] {0, 0, 0, 0}, 1.0, true), 1e-15);
    assertThrows(IllegalArgumentException.class,
        () -> CommunityDetection.cluster(g, CommunityDetection.Algorithm.LEIDEN, 0, true, -1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> CommunityDetection.cluster(g, CommunityDetection.Algorithm.LEIDEN, 1, true, 0, 0));
  }

  @Test
  void aSeedGivesOneClustering() {
    CsrMatrix g = cliques(5, 5, 5, 5, 5, 5, 5, 5);
    CommunityDetection.Result a = CommunityDetection.cluster(g, CommunityDetection.Algorithm.LEIDEN, 1.0, true, -1, 42);
    CommunityDetection.Result b = CommunityDetection.cluster(g, CommunityDetection.Algorithm.LEIDEN, 1.0, true, -1, 42);
    assertArrayEquals(a.labels(), b.labels());
  }
}
