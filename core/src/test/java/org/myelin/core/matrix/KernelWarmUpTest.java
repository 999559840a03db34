package org.myelin.core.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelWarmUpTest {

  @Test
  void theWarmUpCallsEveryKernelTheSameWayEachTimeAndStartsOncePerJvm() {
    double first = KernelWarmUp.run();
    assertTrue(Double.isFinite(first) && first != 0, "a checksum of every call: " + first);
    assertEquals(first, KernelWarmUp.run(), "the kernels are pure: the same calls give the same sums");
    assertTrue(KernelWarmUp.start(), "the tests run with jdk.incubator.vector: the first start starts it");
    assertFalse(KernelWarmUp.start(), "a second start in the same JVM does nothing");
  }
}
