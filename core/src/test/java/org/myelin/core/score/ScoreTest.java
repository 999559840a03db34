package org.myelin.core.score;

import org.myelin.core.random.NumpyRandomState;
import org.myelin.core.random.RRandomState;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

class ScoreTest {

  /** One cell, six genes: values 5, 3, 3, 0, 0, 1 (genes 3 and 4 unstored). */
  private static CsrMatrix cell() {
    return CsrMatrix.fromCsr(6, new long[] {0, 4}, new int[] {0, 1, 2, 5}, new float[] {5, 3, 3, 1});
  }

  @Test
  void ucellByHandWithTiesAndTruncation() {
    // Decreasing ranks: gene0 1, genes 1 and 2 tie at 2.5, gene5 4, genes 3 and 4 (zeros) tie at 5.5.
    // Set {1, 3}, maxRank 6: ranks 2.5 + 5.5 = 8; U = 8 - 3 = 5; score 1 - 5 / (2 * 6).
    double[][] s = UCell.score(cell(), new int[][] {{1, 3}, {3, 4}, {0}}, 6, new Parallel(1));
    assertEquals(1 - 5.0 / 12, s[0][0], 1e-15);
    // maxRank 4: the zeros' 5.5 becomes 5: {1, 3} -> 2.5 + 5 - 3 = 4.5; 1 - 4.5 / 8.
    assertEquals(1 - 4.5 / 8, UCell.score(cell(), new int[][] {{1, 3}}, 4, new Parallel(1))[0][0], 1e-15);
    // Every gene beyond maxRank: 0, as UCell returns.
    assertEquals(0, UCell.score(cell(), new int[][] {{3, 4}}, 4, new Parallel(1))[0][0]);
    // The top gene alone: rank 1, U = 0, score 1.
    assertEquals(1.0, s[2][0], 1e-15);
  }

  @Test
  void aucellByHand() {
    // Ten genes, expression 10, 9, ..., 1 (no ties): gene j has rank j + 1. aucMaxRank 5.
    float[] v = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    CsrMatrix x = CsrMatrix.fromCsr(10, new long[] {0, 10}, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, v);
    // Set {1, 3} has ranks 2 and 4: area (4 - 2) * 1 + (5 - 4) * 2 = 4; the best, ranks 1 and 2:
    // (2 - 1) * 1 + (5 - 2) * 2 = 7. A set beyond the threshold scores 0; the top genes score 1.
    double[][] s = AUCell.score(x, new int[][] {{1, 3}, {7, 8}, {0, 1}}, 5, 0, new Parallel(1));
    assertEquals(4.0 / 7, s[0][0], 1e-15);
    assertEquals(0, s[1][0]);
    assertEquals(1, s[2][0], 1e-15);
  }

  @Test
  void numpyShuffleIsNumpys() {
    // np.random.seed(0); a = np.arange(10); np.random.shuffle(a) gives [2 8 4 9 1 6 7 3 0 5].
    NumpyRandomState r = new NumpyRandomState(0);
    int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    r.shuffle(a);
    assertArrayEquals(new int[] {2, 8, 4, 9, 1, 6, 7, 3, 0, 5}, a);
    // The first 32-bit output of MT19937 seeded with 5489 (the reference implementation's default).
    assertEquals(3499211612L, new NumpyRandomState(5489).nextUint32());
  }

  @Test
  void genesMatchBySymbolCaseAndRenamedSymbol() {
    GeneSet set = new GeneSet("S", "", List.of("CD3E", "Gapdh", "WARS1", "NOPE"));
    GeneMatch m = GeneMatch.match(List.of(set), new String[] {"GAPDH", "CD3E", "WARS"}).get(0);
    assertArrayEquals(new int[] {1, 0, 2}, m.found());
    assertEquals(List.of("NOPE"), m.missing());
    assertEquals(List.of("WARS1 -> WARS"), m.renamed());
  }

  @Test
  void rRandomStateGivesRsDraws() {
    // R 4.x: set.seed(1); runif(3) / sample(10) / rnorm(3), printed to 7 digits.
    RRandomState r = new RRandomState(1);
    assertEquals(0.2655087, r.unifRand(), 5e-8);
    assertEquals(0.3721239, r.unifRand(), 5e-8);
    assertEquals(0.5728534, r.unifRand(), 5e-8);
    int[] s = new RRandomState(1).sample(10, 10);
    for (int i = 0; i < s.length; i++) {
      s[i]++;
    }
    assertArrayEquals(new int[] {9, 4, 7, 1, 2, 5, 3, 10, 6, 8}, s);
    RRandomState n = new RRandomState(1);
    assertEquals(-0.6264538, n.normRand(), 5e-8);
    assertEquals(0.1836433, n.normRand(), 5e-8);
    assertEquals(-0.8356286, n.normRand(), 5e-8);
  }

  @Test
  void seuratBinsAreEqualCountQuantileBins() {
    // Ten genes with distinct means 1..10 in shuffled order, 5 bins: two genes per bin, the bins
    // by rank; quantile breaks 1, 2.8, 4.6, 6.4, 8.2, 10 (type 7), intervals closed on the left.
    double[] means = {7, 2, 9, 1, 10, 4, 3, 8, 6, 5};
    assertArrayEquals(new double[] {1, 2.8, 4.6, 6.4, 8.2, 10},
        SeuratModuleScore.quantileBreaks(means, 5), 1e-12);
    int[] bins = new SeuratModuleScore(means, 5, 1).bins();
    assertArrayEquals(new int[] {4, 1, 5, 1, 5, 2, 2, 4, 3, 3}, bins);
    // A value on a break goes to the bin above it; the top break closes the last bin.
    assertEquals(1, SeuratModuleScore.binCode(2.8, new double[] {1, 2.8, 4.6}));
    assertEquals(1, SeuratModuleScore.binCode(4.6, new double[] {1, 2.8, 4.6}));
    // Controls come from the gene's own bin, distinct, and may include the set's genes.
    int[] ctrl = new SeuratModuleScore(means, 5, 1).controls(new int[] {3}, 2);
    java.util.Arrays.sort(ctrl);
    assertArrayEquals(new int[] {1, 3}, ctrl);
  }

  @Test
  void stableOrderKeepsTiesInIndexOrder() {
    assertArrayEquals(new int[] {3, 1, 4, 0, 2, 5},
        org.myelin.core.stats.SortedArrays.order(new double[] {2, 1, 2, 0, 1, Double.NaN}));
  }

  @Test
  void summaryTestsEachGroupAgainstTheRest() {
    // scipy.stats.mannwhitneyu(a, b, use_continuity=False, method="asymptotic"): p 0.049534613435626706
    // for [1,2,3] vs [4,5,6], 0.463071015014588 for [1,2,2,7] vs [2,5,6] (ties); NaN cells left out.
    org.myelin.core.table.Groups g = new org.myelin.core.table.Groups(new int[] {0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1},
        new String[] {"a", "b"});
    double[][] scores = {{1, 2, 3, 4, 5, 6, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN},
        {1, 2, 2, 2, 5, 6, Double.NaN, 7, Double.NaN, Double.NaN, Double.NaN}};
    List<ScoreSummary.Row> rows = ScoreSummary.of(new String[] {"s", "t"}, scores, g, 2.5);
    ScoreSummary.Row a = rows.get(0);
    assertEquals(3, a.n());
    assertEquals(2, a.mean(), 1e-15);
    assertEquals(2, a.median(), 1e-15);
    assertEquals(1 / 3.0, a.fractionAbove(), 1e-15);
    assertEquals(5, a.meanRest(), 1e-15);
    assertEquals(0, a.auc(), 1e-15);
    assertEquals(0.049534613435626706, a.pValue(), 1e-12);
    assertEquals(-a.z(), rows.get(1).z(), 1e-15);
    ScoreSummary.Row t = rows.get(2);
    assertEquals(4, t.n());
    assertEquals(1.5 * 1 + 0.5, t.median(), 1e-15);
    assertEquals(4 / 12.0, t.auc(), 1e-15);
    assertEquals(0.463071015014588, t.pValue(), 1e-12);
    // BH over the four tests: the smallest p times 4 / its rank.
    assertEquals(Math.min(1, 0.049534613435626706 * 4 / 2), a.fdr(), 1e-12);
  }

  @Test
  void summarySumsAndMediansAreThoseOfEachGroupTakenAlone() {
    // Ties, signed zeros, NaN and an empty group: each row against a pass over the group's own
    // cells in cell order and a sort of its own values, bit for bit.
    java.util.SplittableRandom random = new java.util.SplittableRandom(9);
    int n = 3001;
    int[] codes = new int[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      codes[i] = random.nextInt(5) == 0 ? 3 : random.nextInt(3); // group 4 stays empty
      int r = random.nextInt(20);
      v[i] = r == 0 ? Double.NaN : r == 1 ? -0.0 : r == 2 ? 0.0 : Math.round(random.nextGaussian() * 8) / 4.0;
    }
    org.myelin.core.table.Groups g = new org.myelin.core.table.Groups(codes, new String[] {"a", "b", "c", "d", "e"});
    List<ScoreSummary.Row> rows = ScoreSummary.of(new String[] {"s"}, new double[][] {v}, g, 0.5);
    for (int grp = 0; grp < 5; grp++) {
      double[] mine = new double[n];
      int n1 = 0;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        if (codes[i] == grp && !Double.isNaN(v[i])) {
          mine[n1++] = v[i];
          sum += v[i];
        }
      }
      mine = java.util.Arrays.copyOf(mine, n1);
      java.util.Arrays.sort(mine);
      double median = n1 == 0 ? Double.NaN : n1 % 2 == 1 ? mine[n1 / 2] : (mine[n1 / 2 - 1] + mine[n1 / 2]) / 2;
      ScoreSummary.Row row = rows.get(grp);
      assertEquals(n1, row.n());
      assertEquals(Double.doubleToRawLongBits(median), Double.doubleToRawLongBits(row.median()), "group " + grp);
      assertEquals(Double.doubleToRawLongBits(n1 == 0 ? Double.NaN : sum / n1), Double.doubleToRawLongBits(row.mean()),
          "group " + grp);
    }
  }

  @Test
  void ensemblIdsMatchWithoutVersionsAndThroughSymbolColumns() {
    String[] ids = {"ENSG00000141510.17", "ENSG00000105329", "ENSG00000111640"};
    String[] symbols = {"TP53", "TGFB1", "GAPDH"};
    GeneSet bySymbol = new GeneSet("S", "", List.of("GAPDH", "TP53", "NOPE"));
    GeneSet byId = new GeneSet("I", "", List.of("ENSG00000105329.3", "ENSG00000141510"));
    List<GeneMatch> m = GeneMatch.match(List.of(bySymbol, byId), ids, List.<String[]>of(symbols));
    assertArrayEquals(new int[] {2, 0}, m.get(0).found());
    assertEquals(List.of("NOPE"), m.get(0).missing());
    assertArrayEquals(new int[] {1, 0}, m.get(1).found());
    assertEquals("ENSMUSG00000000001", GeneMatch.withoutVersion("ENSMUSG00000000001.4"));
    assertEquals("HLA-A.1", GeneMatch.withoutVersion("HLA-A.1"));
  }

  @Test
  void aucellPermutationIsABijection() {
    for (int g : new int[] {1, 2, 3, 17, 1000, 20000}) {
      int half = Math.max(1, (32 - Integer.numberOfLeadingZeros(Math.max(1, g - 1)) + 1) / 2);
      boolean[] seen = new boolean[g];
      for (int j = 0; j < g; j++) {
        int p = AUCell.permute(j, g, 12345L, half);
        assertEquals(false, seen[p], "g " + g + ": " + p + " twice");
        seen[p] = true;
      }
    }
  }
}
