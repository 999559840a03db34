package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapPeakTest {

  @Test
  void thePeakCoversWhatWasHeldAndStaysWithinTheHeap() throws Exception {
    HeapPeak.watch();
    long held = 256L << 20;
    byte[] big = new byte[(int) held];
    big[big.length - 1] = 1;
    System.gc(); // a collection that finds the array in use
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (HeapPeak.bytes() < held && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(big[big.length - 1] == 1);
    big = null;
    System.gc();
    long peak = HeapPeak.bytes();
    assertTrue(peak >= held, "peak " + peak + " below the " + held + " bytes held");
    assertTrue(peak <= Runtime.getRuntime().maxMemory(), "peak " + peak + " above the heap's maximum");
  }
}
