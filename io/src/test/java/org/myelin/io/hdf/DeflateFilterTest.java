package org.myelin.io.hdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.myelin.core.parallel.Parallel;

class DeflateFilterTest {

  /** Inputs a chunk can be: empty, tiny, runs, incompressible (stored blocks), and h5ad-like values. */
  static List<byte[]> inputs() {
    SplittableRandom r = new SplittableRandom(7);
    List<byte[]> in = new ArrayList<>();
    in.add(new byte[0]);
    in.add(new byte[] {42});
    in.add(new byte[256 * 1024]);
    byte[] noise = new byte[3 * 65_535 + 17];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (byte) r.nextInt();
    }
    in.add(noise);
    // A row of log1p-normalised values repeats whole floats; sorted gene indices barely move.
    ByteBuffer values = ByteBuffer.allocate(4 * 65_536).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer indices = ByteBuffer.allocate(4 * 65_536).order(ByteOrder.LITTLE_ENDIAN);
    int gene = 0;
    for (int e = 0; e < 65_536; e++) {
      values.putFloat((float) Math.log1p(1 + r.nextInt(4) * 0.37));
      gene = gene > 19_000 ? r.nextInt(50) : gene + 1 + r.nextInt(40);
      indices.putInt(gene);
    }
    in.add(values.array());
    in.add(indices.array());
    in.add(H5Writer.shuffle(indices.array(), 4));
    return in;
  }

  static byte[] inflate(byte[] stream, int size) throws DataFormatException {
    Inflater inf = new Inflater();
    inf.setInput(stream);
    byte[] out = new byte[size];
    int n = 0;
    while (!inf.finished()) {
      int got = inf.inflate(out, n, out.length - n);
      if (got == 0 && (inf.needsInput() || n == out.length)) {
        break;
      }
      n += got;
    }
    assertTrue(inf.finished(), "the stream ends");
    assertEquals(0, inf.getRemaining(), "nothing after the Adler-32");
    inf.end();
    return Arrays.copyOf(out, n);
  }

  @Test
  void everyLevelGivesAZlibStreamOfTheInput() throws Exception {
    for (byte[] in : inputs()) {
      for (int level = 1; level <= 9; level++) {
        byte[] stream = DeflateFilter.compress(in, level);
        assertEquals(0x78, stream[0] & 0xFF, "deflate with a 32 KiB window");
        assertEquals(0, ((stream[0] & 0xFF) * 256 + (stream[1] & 0xFF)) % 31, "header check bits");
        assertArrayEquals(in, inflate(stream, in.length), in.length + " bytes at level " + level);
      }
    }
  }

  @Test
  void incompressibleChunksFitTheBufferAsStoredBlocks() throws Exception {
    byte[] noise = inputs().get(3);
    byte[] stream = DeflateFilter.compress(noise, 1);
    assertTrue(stream.length <= noise.length + noise.length / 100 + 64 + 6, stream.length + " bytes");
    assertArrayEquals(noise, inflate(stream, noise.length));
  }

  @Test
  void isalLoadsOnX86Linux() {
    Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
        && System.getProperty("os.arch").equals("amd64"), "GKL ships ISA-L for x86-64");
    assertTrue(DeflateFilter.isal(), "GKL's native library loads here");
  }

  @Test
  void aChunkGivesTheSameBytesOnAnyThread() throws Exception {
    List<byte[]> in = inputs();
    for (int level : new int[] {1, 4}) {
      byte[][] alone = new byte[in.size()][];
      for (int i = 0; i < alone.length; i++) {
        alone[i] = DeflateFilter.compress(in.get(i), level);
      }
      byte[][] together = new byte[4 * in.size()][];
      try (Parallel p = new Parallel(4)) {
        p.forEach(together.length, k -> together[k] = DeflateFilter.compress(in.get(k % in.size()), level));
      }
      for (int k = 0; k < together.length; k++) {
        assertArrayEquals(alone[k % in.size()], together[k], "chunk " + k + " at level " + level);
      }
    }
  }

  @Test
  void streamsInflateBackAtAnOffset() throws Exception {
    Inflater zlib = new Inflater();
    for (byte[] in : inputs()) {
      for (int level : new int[] {1, 6}) {
        for (byte[] stream : new byte[][] {DeflateFilter.compress(in, level)}) {
          // Inside a larger buffer, as a chunk read from a file may be.
          byte[] padded = new byte[stream.length + 20];
          System.arraycopy(stream, 0, padded, 11, stream.length);
          byte[] out = new byte[in.length + 8];
          assertEquals(in.length, DeflateFilter.inflate(padded, 11, stream.length, out, in.length, zlib));
          assertArrayEquals(in, Arrays.copyOf(out, in.length), in.length + " bytes at level " + level);
        }
      }
    }
    zlib.end();
  }

  @Test
  void isalInflatesWholeStreamsAndLeavesTheRestToZlib() throws Exception {
    Assumptions.assumeTrue(DeflateFilter.isal(), "ISA-L loads here");
    byte[] values = inputs().get(4);
    byte[] out = new byte[values.length];
    for (byte[] stream : new byte[][] {DeflateFilter.compress(values, 1), DeflateFilter.compress(values, 9)}) {
      assertTrue(DeflateFilter.isalInflated(stream, 0, stream.length, out, values.length));
      assertArrayEquals(values, out);
      // A chunk that holds more or fewer bytes than asked for is not ISA-L's to judge.
      assertFalse(DeflateFilter.isalInflated(stream, 0, stream.length, new byte[values.length], values.length - 1));
      assertFalse(DeflateFilter.isalInflated(stream, 0, stream.length, new byte[values.length + 1], values.length + 1));
      byte[] wrongSum = stream.clone();
      wrongSum[wrongSum.length - 1] ^= 1;
      assertFalse(DeflateFilter.isalInflated(wrongSum, 0, wrongSum.length, out, values.length));
    }
  }

  @Test
  void aCorruptStreamNeverInflatesToAWholeChunkOfWrongBytes() {
    SplittableRandom r = new SplittableRandom(11);
    Inflater zlib = new Inflater();
    byte[] values = inputs().get(4);
    byte[] stream = DeflateFilter.compress(values, 1);
    byte[] out = new byte[values.length];
    int refused = 0;
    for (int trial = 0; trial < 400; trial++) {
      byte[] bad = stream.clone();
      int len = bad.length;
      if (trial % 4 == 0) {
        len = r.nextInt(1, bad.length); // truncated
      } else {
        bad[r.nextInt(bad.length)] ^= (byte) r.nextInt(1, 256);
      }
      try {
        int n = DeflateFilter.inflate(bad, 0, len, out, values.length, zlib);
        if (n == values.length) {
          assertArrayEquals(values, out, "trial " + trial + ": a whole chunk is the right one");
        } else {
          refused++;
        }
      } catch (DataFormatException e) {
        refused++;
      }
    }
    assertTrue(refused > 350, refused + " of 400 corrupt streams refused");
    zlib.end();
  }

  @Test
  void aStreamOfMoreBytesThanTheChunkIsRefusedAndOneOfFewerSaysHowMany() throws Exception {
    byte[] values = inputs().get(4);
    byte[] stream = DeflateFilter.compress(values, 1);
    Inflater zlib = new Inflater();
    assertThrows(DataFormatException.class,
        () -> DeflateFilter.inflate(stream, 0, stream.length, new byte[values.length], values.length - 1, zlib));
    assertEquals(values.length,
        DeflateFilter.inflate(stream, 0, stream.length, new byte[values.length + 1], values.length + 1, zlib));
    zlib.end();
  }
}
