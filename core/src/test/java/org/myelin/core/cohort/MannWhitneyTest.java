package org.myelin.core.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MannWhitneyTest {

  /** x = {1, 2, 4} against y = {0, 3}: four of six pairs favour x; DeLong's variance worked by hand. */
  @Test
  void aucAndDeLongIntervalByHand() {
    MannWhitney m = MannWhitney.of(new double[] {1, 2, 4}, new double[] {0, 3});
    assertEquals(4, m.w(), 0);
    assertEquals(2.0 / 3, m.auc(), 1e-15);
    // structural components: V10 = (1/2, 1/2, 1), V01 = (1, 1/3): var = (1/12)/3 + (2/9)/2 = 5/36
    double half = 1.959963984540054 * Math.sqrt(5.0 / 36);
    assertEquals(Math.max(0, 2.0 / 3 - half), m.aucLower(), 1e-12);
    assertEquals(Math.min(1, 2.0 / 3 + half), m.aucUpper(), 1e-12);
    MannWhitney reversed = MannWhitney.of(new double[] {0, 3}, new double[] {1, 2, 4});
    assertEquals(1 - m.auc(), reversed.auc(), 1e-15);
    assertEquals(m.pValue(), reversed.pValue(), 1e-15);
  }

  @Test
  void exactNullDistributionSumsToOne() {
    assertEquals(1, MannWhitney.cdf(12, 3, 4), 0);
    assertEquals(1.0 / 35, MannWhitney.cdf(0, 3, 4), 1e-15); // one arrangement in C(7,3) has W = 0
    assertEquals(2.0 / 35, MannWhitney.cdf(1, 3, 4), 1e-15);
  }
}
