package org.myelin.io.hdf;

import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * Deflate (RFC 1951) in a zlib stream (RFC 1950) whose only matches are runs of one byte (distance
 * 1), in one block with Huffman codes made for it: zlib's {@code Z_RLE} strategy, which
 * {@code java.util.zip} does not offer. Shuffled HDF5 chunks of sorted indices and of counts are long
 * runs (their high byte planes barely change) and bytes that LZ77's search seldom matches: on those
 * it compresses 2.5 to 3 times as fast as zlib's level 1, for about the same size. Any inflater reads
 * the stream; the bytes depend on the input alone.
 */
final class RunLengthDeflate {

  private RunLengthDeflate() {}

  private static final int MIN_RUN = 3;
  private static final int MAX_RUN = 258;
  private static final int END = 256;
  /** Literal/length symbols (0-285), distance symbols used (only code 0: distance 1). */
  private static final int LITLEN = 286;
  private static final int MAX_BITS = 15;
  private static final int MAX_CODE_LENGTH_BITS = 7;
  /** The order in which code length code lengths are sent (RFC 1951, 3.2.7). */
  private static final int[] CL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

  /** For a run length 3..258: its symbol (257..285), extra bits and their value. */
  private static final short[] LENGTH_SYMBOL = new short[MAX_RUN + 1];
  private static final byte[] LENGTH_EXTRA_BITS = new byte[MAX_RUN + 1];
  private static final short[] LENGTH_EXTRA = new short[MAX_RUN + 1];

  static {
    int[] base = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
        163, 195, 227, 258};
    int[] extra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    for (int s = 0; s < base.length; s++) {
      int top = s + 1 < base.length ? base[s + 1] - 1 : MAX_RUN;
      if (s == base.length - 2) {
        top = 257; // 227 + 31 would reach 258, which has a symbol of its own
      }
      for (int len = base[s]; len <= top; len++) {
        LENGTH_SYMBOL[len] = (short) (257 + s);
        LENGTH_EXTRA_BITS[len] = (byte) extra[s];
        LENGTH_EXTRA[len] = (short) (len - base[s]);
      }
    }
  }

  /**
   * Token buffers reused by a thread's chunks: a chunk's tokens are as many as its bytes at most.
   * Shorts (a token is at most 514) keep the buffer half the size, and out of the caches' way of the
   * steps a background write runs beside.
   */
  private static final ThreadLocal<short[][]> TOKENS = ThreadLocal.withInitial(() -> new short[1][0]);
  /** The stream is made in a buffer of the thread's; only its final copy is new. */
  private static final ThreadLocal<byte[][]> OUT = ThreadLocal.withInitial(() -> new byte[1][0]);

  /** {@code in} as a zlib stream: one dynamic-Huffman block, or stored blocks where that is smaller. */
  static byte[] compress(byte[] in) {
    int n = in.length;
    short[][] holder = TOKENS.get();
    if (holder[0].length < n) {
      holder[0] = new short[n];
    }
    // Tokens: a byte value (0-255) for a literal, 256 + length for a run of the previous byte.
    short[] tokens = holder[0];
    int count = 0;
    int[] litFreq = new int[LITLEN];
    long extraBits = 0;
    int i = 0;
    while (i < n) {
      if (i > 0) {
        byte prev = in[i - 1];
        int len = 0;
        int limit = Math.min(MAX_RUN, n - i);
        while (len < limit && in[i + len] == prev) {
          len++;
        }
        if (len >= MIN_RUN) {
          tokens[count++] = (short) (256 + len);
          litFreq[LENGTH_SYMBOL[len]]++;
          // The length's extra bits and the distance's one-bit code.
          extraBits += LENGTH_EXTRA_BITS[len] + 1;
          i += len;
          continue;
        }
      }
      int b = in[i] & 0xFF;
      tokens[count++] = (short) b;
      litFreq[b]++;
      i++;
    }
    litFreq[END] = 1;
    byte[] litLen = new byte[LITLEN];
    codeLengths(litFreq, MAX_BITS, litLen);
    int hlit = LITLEN;
    while (hlit > 257 && litLen[hlit - 1] == 0) {
      hlit--;
    }
    // The lengths of both codes in one sequence, run-length coded with symbols 16, 17 and 18.
    byte[] all = Arrays.copyOf(litLen, hlit + 1);
    // The one distance code: distance 1 is code 0, of one bit (even when no run was found, as zlib writes).
    all[hlit] = 1;
    int[] clSymbols = new int[all.length];
    int[] clExtra = new int[all.length];
    int clCount = 0;
    int[] clFreq = new int[19];
    for (int k = 0; k < all.length;) {
      int len = all[k];
      int run = 1;
      while (k + run < all.length && all[k + run] == len) {
        run++;
      }
      int left = run;
      if (len == 0) {
        while (left >= 3) {
          int r = Math.min(left, 138);
          if (r >= 11) {
            clSymbols[clCount] = 18;
            clExtra[clCount++] = r - 11;
            clFreq[18]++;
          } else {
            clSymbols[clCount] = 17;
            clExtra[clCount++] = r - 3;
            clFreq[17]++;
          }
          left -= r;
        }
      } else {
        clSymbols[clCount++] = len;
        clFreq[len]++;
        left--;
        while (left >= 3) {
          int r = Math.min(left, 6);
          clSymbols[clCount] = 16;
          clExtra[clCount++] = r - 3;
          clFreq[16]++;
          left -= r;
        }
      }
      while (left-- > 0) {
        clSymbols[clCount++] = len;
        clFreq[len]++;
      }
      k += run;
    }
    byte[] clLen = new byte[19];
    codeLengths(clFreq, MAX_CODE_LENGTH_BITS, clLen);
    int hclen = 19;
    while (hclen > 4 && clLen[CL_ORDER[hclen - 1]] == 0) {
      hclen--;
    }
    int[] litCode = canonical(litLen);
    int[] clCode = canonical(clLen);

    // Size in bits, to choose between this block and stored blocks.
    long bits = 3 + 5 + 5 + 4 + 3L * hclen;
    for (int k = 0; k < clCount; k++) {
      int s = clSymbols[k];
      bits += clLen[s] + (s == 16 ? 2 : s == 17 ? 3 : s == 18 ? 7 : 0);
    }
    for (int s = 0; s < LITLEN; s++) {
      if (litFreq[s] > 0) {
        bits += (long) litFreq[s] * litLen[s];
      }
    }
    bits += extraBits;
    long storedBytes = n + 5L * Math.max(1, (n + 65_534) / 65_535);
    BitWriter w = new BitWriter((int) Math.min(Integer.MAX_VALUE - 64, Math.min((bits + 7) / 8, storedBytes) + 16));
    w.out[0] = 0x78;
    w.out[1] = 0x01;
    w.pos = 2;
    if ((bits + 7) / 8 >= storedBytes) {
      writeStored(w, in);
    } else {
      w.put(1, 1); // final block
      w.put(2, 2); // dynamic Huffman codes
      w.put(hlit - 257, 5);
      w.put(0, 5); // one distance code
      w.put(hclen - 4, 4);
      for (int k = 0; k < hclen; k++) {
        w.put(clLen[CL_ORDER[k]], 3);
      }
      for (int k = 0; k < clCount; k++) {
        int s = clSymbols[k];
        w.put(clCode[s], clLen[s]);
        if (s == 16) {
          w.put(clExtra[k], 2);
        } else if (s == 17) {
          w.put(clExtra[k], 3);
        } else if (s == 18) {
          w.put(clExtra[k], 7);
        }
      }
      for (int k = 0; k < count; k++) {
        int t = tokens[k];
        if (t < 256) {
          w.put(litCode[t], litLen[t]);
        } else {
          int len = t - 256;
          int s = LENGTH_SYMBOL[len];
          w.put(litCode[s], litLen[s]);
          w.put(LENGTH_EXTRA[len], LENGTH_EXTRA_BITS[len]);
          w.put(0, 1); // distance code 0 (distance 1), its one-bit code
        }
      }
      w.put(litCode[END], litLen[END]);
      w.alignToByte();
    }
    Adler32 adler = new Adler32();
    adler.update(in);
    int sum = (int) adler.getValue();
    w.ensure(4);
    w.out[w.pos++] = (byte) (sum >>> 24);
    w.out[w.pos++] = (byte) (sum >>> 16);
    w.out[w.pos++] = (byte) (sum >>> 8);
    w.out[w.pos++] = (byte) sum;
    OUT.get()[0] = w.out;
    return Arrays.copyOf(w.out, w.pos);
  }

  private static void writeStored(BitWriter w, byte[] in) {
    int n = in.length;
    int at = 0;
    do {
      int len = Math.min(65_535, n - at);
      boolean last = at + len == n;
      w.put(last ? 1 : 0, 1);
      w.put(0, 2);
      w.alignToByte();
      w.ensure(4 + len);
      w.out[w.pos++] = (byte) len;
      w.out[w.pos++] = (byte) (len >>> 8);
      w.out[w.pos++] = (byte) ~len;
      w.out[w.pos++] = (byte) (~len >>> 8);
      System.arraycopy(in, at, w.out, w.pos, len);
      w.pos += len;
      at += len;
    } while (at < n);
  }

  /**
   * Huffman code lengths of at most {@code limit} bits for the symbols with non-zero frequencies
   * (ties broken by symbol, so the lengths depend on the frequencies alone). Where the optimal code
   * is deeper than the limit, the frequencies are halved (none below 1) until it is not.
   */
  static void codeLengths(int[] freq, int limit, byte[] lengths) {
    int m = freq.length;
    Arrays.fill(lengths, (byte) 0);
    int[] f = freq.clone();
    int used = 0;
    for (int s = 0; s < m; s++) {
      if (f[s] > 0) {
        used++;
      }
    }
    if (used == 0) {
      return;
    }
    if (used == 1) {
      // One bit for the symbol and one for another, unused: a complete code, which every inflater
      // takes (zlib refuses an incomplete code-length code).
      int only = 0;
      while (f[only] == 0) {
        only++;
      }
      lengths[only] = 1;
      lengths[only == 0 ? 1 : 0] = 1;
      return;
    }
    while (true) {
      // Leaves sorted by (frequency, symbol); the two-queue method then builds the tree in O(n).
      long[] leaves = new long[used];
      int u = 0;
      for (int s = 0; s < m; s++) {
        if (f[s] > 0) {
          leaves[u++] = (long) f[s] << 32 | s;
        }
      }
      Arrays.sort(leaves);
      int nodes = 2 * used - 1;
      long[] weight = new long[nodes];
      int[] parent = new int[nodes];
      for (int k = 0; k < used; k++) {
        weight[k] = leaves[k] >>> 32;
      }
      int leaf = 0;
      int inner = used;
      int made = used;
      for (int k = 0; k < used - 1; k++) {
        int a = pick(weight, leaf, used, inner, made);
        if (a < used) {
          leaf++;
        } else {
          inner++;
        }
        int b = pick(weight, leaf, used, inner, made);
        if (b < used) {
          leaf++;
        } else {
          inner++;
        }
        weight[made] = weight[a] + weight[b];
        parent[a] = made;
        parent[b] = made;
        made++;
      }
      int[] depth = new int[nodes];
      int root = nodes - 1;
      int deepest = 0;
      for (int k = root - 1; k >= 0; k--) {
        depth[k] = depth[parent[k]] + 1;
        if (k < used) {
          deepest = Math.max(deepest, depth[k]);
        }
      }
      if (deepest <= limit) {
        for (int k = 0; k < used; k++) {
          lengths[(int) leaves[k]] = (byte) depth[k];
        }
        return;
      }
      for (int s = 0; s < m; s++) {
        if (f[s] > 0) {
          f[s] = Math.max(1, f[s] >>> 1);
        }
      }
    }
  }

  /** The lighter of the next leaf and the next inner node (leaves first on ties). */
  private static int pick(long[] weight, int leaf, int leaves, int inner, int made) {
    if (leaf < leaves && (inner >= made || weight[leaf] <= weight[inner])) {
      return leaf;
    }
    return inner;
  }

  /** Canonical codes for {@code lengths} (RFC 1951, 3.2.2), bit-reversed to be sent first bit first. */
  static int[] canonical(byte[] lengths) {
    int[] count = new int[MAX_BITS + 1];
    for (byte l : lengths) {
      count[l]++;
    }
    count[0] = 0;
    int[] next = new int[MAX_BITS + 2];
    int code = 0;
    for (int bits = 1; bits <= MAX_BITS; bits++) {
      code = (code + count[bits - 1]) << 1;
      next[bits] = code;
    }
    int[] codes = new int[lengths.length];
    for (int s = 0; s < lengths.length; s++) {
      int l = lengths[s];
      if (l != 0) {
        codes[s] = Integer.reverse(next[l]++) >>> (32 - l);
      }
    }
    return codes;
  }

  /** Bits into bytes, first bit first, as deflate sends them. */
  private static final class BitWriter {
    byte[] out;
    int pos;
    private long buffer;
    private int filled;

    BitWriter(int capacity) {
      byte[] reused = OUT.get()[0];
      out = reused.length >= Math.max(capacity, 16) ? reused : new byte[Math.max(capacity, 16)];
    }

    void put(int value, int bits) {
      buffer |= (long) value << filled;
      filled += bits;
      if (filled >= 32) {
        ensure(4);
        out[pos] = (byte) buffer;
        out[pos + 1] = (byte) (buffer >>> 8);
        out[pos + 2] = (byte) (buffer >>> 16);
        out[pos + 3] = (byte) (buffer >>> 24);
        pos += 4;
        buffer >>>= 32;
        filled -= 32;
      }
    }

    void alignToByte() {
      while (filled > 0) {
        ensure(1);
        out[pos++] = (byte) buffer;
        buffer >>>= 8;
        filled = Math.max(0, filled - 8);
      }
      buffer = 0;
    }

    void ensure(int more) {
      if (pos + more > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, pos + more));
      }
    }
  }
}
