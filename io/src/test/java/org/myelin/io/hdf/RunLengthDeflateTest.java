package org.myelin.io.hdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RunLengthDeflateTest {

  static byte[] inflate(byte[] stream, int size) throws Exception {
    byte[] out = new byte[size];
    Inflater zlib = new Inflater();
    try {
      assertEquals(size, DeflateFilter.inflate(stream, 0, stream.length, out, size, zlib));
    } finally {
      zlib.end();
    }
    return out;
  }

  static List<byte[]> inputs() {
    SplittableRandom r = new SplittableRandom(17);
    List<byte[]> in = new ArrayList<>(DeflateFilterTest.inputs());
    byte[] every = new byte[256 * 3];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) (i % 256);
    }
    in.add(every);
    // Runs of every length around the length codes' edges, between literals.
    byte[] runs = new byte[200_000];
    int at = 0;
    for (int len = 1; at < runs.length; len = len % 300 + 1) {
      byte v = (byte) r.nextInt(4);
      for (int k = 0; k < len && at < runs.length; k++) {
        runs[at++] = v;
      }
    }
    in.add(runs);
    // A skewed alphabet whose optimal Huffman code is deeper than 15 bits (Fibonacci frequencies).
    List<Byte> skewed = new ArrayList<>();
    long a = 1;
    long b = 1;
    for (int sym = 0; sym < 24; sym++) {
      for (long k = 0; k < a; k++) {
        skewed.add((byte) (sym * 7 + 1));
        skewed.add((byte) (sym * 7 + 2));
      }
      long c = a + b;
      a = b;
      b = c;
    }
    byte[] fib = new byte[skewed.size()];
    for (int i = 0; i < fib.length; i++) {
      fib[i] = skewed.get(i);
    }
    in.add(fib);
    return in;
  }

  @Test
  void everyInputInflatesBack() throws Exception {
    for (byte[] in : inputs()) {
      byte[] stream = RunLengthDeflate.compress(in);
      assertEquals(0x78, stream[0] & 0xFF);
      assertEquals(0, ((stream[0] & 0xFF) * 256 + (stream[1] & 0xFF)) % 31, "header check bits");
      if (in.length > 0) {
        assertArrayEquals(in, inflate(stream, in.length), in.length + " bytes");
      }
      assertArrayEquals(stream, RunLengthDeflate.compress(in.clone()), "the bytes depend on the input alone");
    }
  }

  @Test
  void shuffledIndicesAndCountsComeOutAsSmallAsZlibsFastestLevel() throws Exception {
    SplittableRandom r = new SplittableRandom(9);
    int[] ints = new int[H5Writer.CHUNK_ELEMENTS];
    float[] counts = new float[H5Writer.CHUNK_ELEMENTS];
    int gene = 0;
    for (int e = 0; e < ints.length; e++) {
      gene = gene > 19_000 ? r.nextInt(50) : gene + 1 + r.nextInt(40);
      ints[e] = gene;
      counts[e] = 1 + (r.nextInt(8) == 0 ? r.nextInt(30) : r.nextInt(3));
    }
    for (Object array : new Object[] {ints, counts}) {
      H5Writer.Type type = array instanceof int[] ? H5Writer.Type.INT32 : H5Writer.Type.FLOAT32;
      byte[] planes = H5Writer.shuffle(array, 0, type);
      byte[] rle = RunLengthDeflate.compress(planes);
      byte[] zlib = DeflateFilter.compress(planes, 1);
      assertTrue(rle.length <= zlib.length * 1.05, type + ": " + rle.length + " bytes against zlib's " + zlib.length);
      assertArrayEquals(planes, inflate(rle, planes.length));
    }
  }

  @Test
  @Timeout(10) // lengths that never come within the limit would loop for ever
  void codeLengthsKeepTheirLimitAndMakeACompleteCode() {
    int[] freq = new int[40];
    long a = 1;
    long b = 1;
    for (int s = 0; s < freq.length; s++) {
      freq[s] = (int) Math.min(a, 1 << 28);
      long c = a + b;
      a = b;
      b = c;
    }
    for (int limit : new int[] {7, 15}) {
      byte[] lengths = new byte[freq.length];
      RunLengthDeflate.codeLengths(freq, limit, lengths);
      double kraft = 0;
      for (byte l : lengths) {
        assertTrue(l >= 1 && l <= limit, "length " + l + " within " + limit);
        kraft += Math.pow(2, -l);
      }
      assertEquals(1.0, kraft, 1e-12, "a complete prefix code");
    }
    byte[] one = new byte[19];
    int[] single = new int[19];
    single[5] = 9;
    RunLengthDeflate.codeLengths(single, 7, one);
    assertEquals(1, one[5]);
    assertEquals(1, one[0], "a second one-bit code completes a single symbol's code");
  }
}
