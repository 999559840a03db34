package org.myelin.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** numpy's summation order, against totals printed by numpy 1.24's {@code np.sum}. */
class PairwiseSumTest {

  @Test
  void smallRunsAddInTurn() {
    assertEquals(0.6000000000000001, PairwiseSum.sum(new double[] {0.1, 0.2, 0.3}));
  }

  @Test
  void eightRunningSumsKeepWhatSequentialAdditionLoses() {
    double[] a = new double[220];
    double[] pattern = {1e16, 1, 1, 1, 1, 1, 1, 1, 1, 3.0, 1e-3};
    for (int i = 0; i < a.length; i++) {
      a[i] = pattern[i % pattern.length];
    }
    assertEquals(2.0000000000000013e+17, PairwiseSum.sum(a));
  }

  @Test
  void longRunsAreSummedInBuffersOf8192() {
    double[] b = new double[20000];
    for (int i = 0; i < b.length; i++) {
      b[i] = i * 0.1 + 1e-7;
    }
    assertEquals(19999000.002000004, PairwiseSum.sum(b));
  }
}
