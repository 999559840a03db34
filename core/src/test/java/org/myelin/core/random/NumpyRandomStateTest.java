package org.myelin.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** numpy's legacy draws, the values printed by numpy 1.24 after {@code np.random.seed(0)}. */
class NumpyRandomStateTest {

  @Test
  void randomSampleIsNumpys() {
    NumpyRandomState r = new NumpyRandomState(0);
    assertEquals(0.5488135039273248, r.randomSample());
    assertEquals(0.7151893663724195, r.randomSample());
  }

  @Test
  void randintIsNumpys() {
    NumpyRandomState r = new NumpyRandomState(0);
    assertEquals(5, r.randint(10));
    assertEquals(835, r.randint(2700));
    assertEquals(152315, r.randint(1000000));
  }
}
