package org.myelin.io.hdf;

import com.intel.gkl.compression.IntelInflater;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * HDF5's deflate filter: a chunk as a zlib stream (RFC 1950). Chunks are compressed by
 * {@code java.util.zip}'s zlib and inflated by ISA-L's inflate (Intel's Intelligent Storage
 * Acceleration Library, through the Genomics Kernel Library that htsjdk and GATK read BAM with) where
 * its native code loads, x86-64 Linux and macOS: 1.5 to 2.5 times zlib's speed on h5ad chunks.
 * ISA-L's result is kept only when it checks out end to end, and zlib inflates every other chunk.
 *
 * <p>ISA-L's deflate (igzip) compresses level 1 five to eight times as fast as zlib for a file 6%
 * larger, but not reproducibly: about one chunk in 3,000 came out in different (equally valid) bytes
 * from run to run, even on one thread, so a file's bytes would change between identical runs.
 */
final class DeflateFilter {

  private static final System.Logger LOG = System.getLogger(DeflateFilter.class.getName());

  /** GKL logs its library's extraction through java.util.logging at INFO; held so the level sticks. */
  private static final java.util.logging.Logger GKL_LOG = java.util.logging.Logger.getLogger("com.intel.gkl");

  /** Whether ISA-L's inflate reads chunks here (decided once, when first needed). */
  static boolean isal() {
    return Isal.LOADED;
  }

  private static final class Isal {
    static final boolean LOADED = load();

    private static boolean load() {
      GKL_LOG.setLevel(java.util.logging.Level.OFF);
      try {
        // Loading caches the class's native field ids: the inflater must be the class that loads.
        boolean loaded = new IntelInflater(true).load(null);
        if (!loaded) {
          LOG.log(System.Logger.Level.DEBUG, "ISA-L (GKL) does not load on {0}/{1}: chunks are inflated by zlib",
              System.getProperty("os.name"), System.getProperty("os.arch"));
        }
        return loaded;
      } catch (LinkageError | RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "ISA-L (GKL) does not load: chunks are inflated by zlib", e);
        return false;
      }
    }
  }

  private DeflateFilter() {}

  /** {@code bytes} deflated at {@code level} (1-9) as a zlib stream. */
  static byte[] compress(byte[] bytes, int level) {
    // One deflater per thread and level, reset between chunks: the same stream as a new one, without
    // setting up zlib's state (a quarter of a megabyte) for every chunk.
    Deflater d = DEFLATERS.get()[level];
    if (d == null) {
      d = new Deflater(level);
      DEFLATERS.get()[level] = d;
    }
    d.reset();
    d.setInput(bytes);
    d.finish();
    // Into a buffer of the thread's: only the compressed bytes are new.
    byte[][] holder = OUT.get();
    if (holder[0].length < bytes.length + bytes.length / 100 + 64) {
      holder[0] = new byte[bytes.length + bytes.length / 100 + 64];
    }
    byte[] out = holder[0];
    int len = 0;
    while (!d.finished()) {
      if (len == out.length) {
        out = holder[0] = Arrays.copyOf(out, out.length * 2);
      }
      len += d.deflate(out, len, out.length - len);
    }
    return Arrays.copyOf(out, len);
  }

  private static final ThreadLocal<Deflater[]> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater[10]);
  private static final ThreadLocal<byte[][]> OUT = ThreadLocal.withInitial(() -> new byte[1][0]);

  /**
   * Inflates the zlib stream {@code in[off, off + len)} into {@code out[0, size)} and returns the
   * number of bytes it holds; a stream of {@code size} bytes or more is read to its end, so its
   * checksum is always checked, and one of more than {@code size} is refused. ISA-L's inflate keeps
   * its result only when the stream checks out end to end: a plain zlib header, exactly {@code size}
   * bytes, the end of the stream reached with no input left, the Adler-32 matching. Any other
   * stream, a corrupt one above all, is inflated again by {@code zlib}, whose result or error stands.
   */
  static int inflate(byte[] in, int off, int len, byte[] out, int size, Inflater zlib) throws DataFormatException {
    if (isalInflated(in, off, len, out, size)) {
      return size;
    }
    zlib.reset();
    zlib.setInput(in, off, len);
    int n = 0;
    while (n < size && !zlib.finished()) {
      int got = zlib.inflate(out, n, size - n);
      if (got == 0 && (zlib.needsInput() || zlib.needsDictionary())) {
        break;
      }
      n += got;
    }
    if (n == size && !zlib.finished()) {
      // zlib stops when the output is full, before the end of the stream and its Adler-32: a corrupt
      // stream would pass unchecked. Go on to its end, which must add nothing.
      if (zlib.inflate(new byte[1]) > 0) {
        throw new DataFormatException("the stream holds more than the chunk's " + size + " bytes");
      }
      if (!zlib.finished()) {
        throw new DataFormatException("the stream stops before its end and checksum");
      }
    }
    return n;
  }

  /** Whether ISA-L inflated the stream into {@code out[0, size)} and it checked out end to end. */
  static boolean isalInflated(byte[] in, int off, int len, byte[] out, int size) {
    if (size <= 0 || len <= 6 || !plainZlibHeader(in[off], in[off + 1]) || !isal()) {
      return false;
    }
    IntelInflater inf = borrowInflater();
    boolean whole;
    try {
      inf.reset();
      inf.setInput(in, off + 2, len - 6);
      whole = inf.inflate(out, 0, size) == size && inf.finished();
    } catch (RuntimeException e) {
      return false; // ISA-L refused the stream: zlib will say why
    } finally {
      giveBack(inf);
    }
    return whole && adler32(out, size) == bigEndianInt(in, off + len - 4);
  }

  /** Deflate, a window of at most 32 KiB, no preset dictionary, check bits right. */
  private static boolean plainZlibHeader(byte cmf, byte flg) {
    return (cmf & 0x0F) == 8 && (cmf & 0xF0) <= 0x70 && (flg & 0x20) == 0 && ((cmf & 0xFF) * 256 + (flg & 0xFF)) % 31 == 0;
  }

  private static int adler32(byte[] b, int n) {
    Adler32 adler = new Adler32();
    adler.update(b, 0, n);
    return (int) adler.getValue();
  }

  private static int bigEndianInt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
  }

  // Inflaters are kept between chunks and shared through a free list rather than held per thread:
  // ISA-L's native state is freed only by end(), so inflaters held by threads that end would be
  // lost, and pools come and go with commands.
  private static final ArrayDeque<IntelInflater> IDLE_INFLATERS = new ArrayDeque<>();

  private static IntelInflater borrowInflater() {
    synchronized (IDLE_INFLATERS) {
      if (!IDLE_INFLATERS.isEmpty()) {
        return IDLE_INFLATERS.pop();
      }
    }
    return new IntelInflater(true);
  }

  private static void giveBack(IntelInflater inf) {
    synchronized (IDLE_INFLATERS) {
      IDLE_INFLATERS.push(inf);
    }
  }
}
