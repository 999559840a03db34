package org.myelin.io.hdf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.zip.Inflater;

/**
 * Coverage-guided fuzzing (Jazzer) of the h5ad writer's run-length deflate: any bytes must come back
 * whole through both inflaters (ISA-L's where it loads, and zlib's), and the stream must be the same
 * for the same bytes. Plain {@code mvn test} replays the kept inputs; {@code scripts/fuzz} fuzzes.
 */
class DeflateFuzzTest {

  @FuzzTest(maxDuration = "25s")
  void runLengthRoundTrip(byte[] data) throws Exception {
    byte[] stream = RunLengthDeflate.compress(data);
    if (!Arrays.equals(stream, RunLengthDeflate.compress(data.clone()))) {
      throw new AssertionError("two streams for the same " + data.length + " bytes");
    }
    if (data.length == 0) {
      return;
    }
    byte[] out = new byte[data.length];
    Inflater zlib = new Inflater();
    try {
      // Through zlib alone, then as a chunk is read (ISA-L first where it loads).
      zlib.setInput(stream);
      int n = 0;
      while (!zlib.finished() && n < out.length) {
        n += zlib.inflate(out, n, out.length - n);
      }
      if (n != data.length || !Arrays.equals(out, data)) {
        throw new AssertionError("zlib inflated " + n + " of " + data.length + " bytes, or other bytes");
      }
      Arrays.fill(out, (byte) 0);
      if (DeflateFilter.inflate(stream, 0, stream.length, out, data.length, zlib) != data.length
          || !Arrays.equals(out, data)) {
        throw new AssertionError("a chunk's inflate gave other bytes");
      }
    } finally {
      zlib.end();
    }
  }
}
