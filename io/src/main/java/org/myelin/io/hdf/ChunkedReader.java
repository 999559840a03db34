package org.myelin.io.hdf;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkOffset;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.MalformedFileException;

/**
 * Reads a slice of a one-dimensional chunked dataset straight into a primitive array: each raw
 * chunk is inflated into a buffer of its known size and its values are decoded in place.
 *
 * <p>Why not jhdf's own {@code getData(offset, shape)}: its deflate filter grows a
 * ByteArrayOutputStream and copies every chunk three times before the values are decoded, which
 * halves read throughput on large matrices. Datasets with other filters, types or byte orders go
 * through jhdf ({@link #supports} says which).
 */
public final class ChunkedReader {

  private static final int DEFLATE = 1;
  private static final int SHUFFLE = 2;

  /** Per-thread scratch buffers, reused across chunks. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    final Inflater inflater = new Inflater();
    /** A chunk's deflated bytes when its buffer is not on the heap (ISA-L inflates from arrays). */
    byte[] compressed = new byte[0];
    byte[] inflated = new byte[0];
    byte[] unshuffled = new byte[0];
  }

  private ChunkedReader() {}

  /*
   * jhdf's public getRawChunkBuffer addresses a chunk by int offsets, so the chunks of a matrix's
   * data past 2^31 entries (a few million cells) cannot be named through it; its own lookup behind
   * it takes longs. Both private methods are reached once, here.
   */
  private static final MethodHandle GET_CHUNK;
  private static final MethodHandle GET_DATA_BUFFER;

  static {
    try {
      MethodHandles.Lookup jhdf = MethodHandles.privateLookupIn(ChunkedDatasetBase.class, MethodHandles.lookup());
      GET_CHUNK = jhdf.findVirtual(ChunkedDatasetBase.class, "getChunk",
          MethodType.methodType(Chunk.class, ChunkOffset.class));
      GET_DATA_BUFFER = jhdf.findVirtual(ChunkedDatasetBase.class, "getDataBuffer",
          MethodType.methodType(ByteBuffer.class, Chunk.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError("this jhdf has no chunk lookup by long offsets: " + e);
    }
  }

  /** The stored (still filtered) bytes of the chunk that starts at element {@code start}. */
  private static ByteBuffer rawChunk(ChunkedDataset d, long start) {
    if (!(d instanceof ChunkedDatasetBase base)) {
      return d.getRawChunkBuffer(new int[] {Math.toIntExact(start)});
    }
    try {
      Chunk c = (Chunk) GET_CHUNK.invoke(base, new ChunkOffset(new long[] {start}));
      if (c == null) {
        throw new HdfException("no chunk at element " + start);
      }
      return (ByteBuffer) GET_DATA_BUFFER.invoke(base, c);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new HdfException("reading the chunk at element " + start, e);
    }
  }

  /** The value type of a dataset this reader decodes. */
  private enum Kind { F32, F64, I8, I16, I32, I64 }

  /**
   * True for 1-D chunked little-endian integer or float datasets whose filters are deflate and
   * shuffle only.
   */
  public static boolean supports(Dataset d) {
    // Dimensions as longs: a matrix's data and indices may hold more than 2^31 entries.
    if (!(d instanceof ChunkedDataset) || d.getDimensionsAsLong().length != 1 || kind(d) == null) {
      return false;
    }
    for (PipelineFilterWithData f : d.getFilters()) {
      if (f.getId() != DEFLATE && f.getId() != SHUFFLE) {
        return false;
      }
    }
    return true;
  }

  private static Kind kind(Dataset d) {
    DataType t = d.getDataType();
    if (t instanceof FloatingPoint fp && fp.getByteOrder() == ByteOrder.LITTLE_ENDIAN) {
      return fp.getSize() == 4 ? Kind.F32 : fp.getSize() == 8 ? Kind.F64 : null;
    }
    if (t instanceof FixedPoint fx && fx.getByteOrder() == ByteOrder.LITTLE_ENDIAN && fx.isSigned()) {
      return switch (fx.getSize()) {
        case 1 -> Kind.I8;
        case 2 -> Kind.I16;
        case 4 -> Kind.I32;
        case 8 -> Kind.I64;
        default -> null;
      };
    }
    return null;
  }

  /** Elements [offset, offset+length) as float32. */
  public static float[] readFloats(Dataset d, long offset, int length) {
    float[] out = new float[length];
    Kind kind = kind(d);
    PlaneSink planes = switch (kind) {
      case F32 -> (p, e, from, to, pos) -> {
        for (int i = from; i < to; i++) {
          out[pos + i - from] = Float.intBitsToFloat(int32(p, e, i));
        }
      };
      case I32 -> (p, e, from, to, pos) -> {
        for (int i = from; i < to; i++) {
          out[pos + i - from] = int32(p, e, i);
        }
      };
      default -> null;
    };
    forEachSlice(d, offset, length, (bb, n, pos) -> {
      switch (kind) {
        case F32 -> bb.asFloatBuffer().get(out, pos, n);
        case F64 -> { for (int i = 0; i < n; i++) out[pos + i] = (float) bb.getDouble(bb.position() + 8 * i); }
        case I8 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.get(bb.position() + i); }
        case I16 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.getShort(bb.position() + 2 * i); }
        case I32 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.getInt(bb.position() + 4 * i); }
        case I64 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.getLong(bb.position() + 8 * i); }
      }
    }, planes);
    return out;
  }

  /** The 32-bit value at element {@code i} of shuffled planes of {@code e} elements. */
  private static int int32(byte[] p, int e, int i) {
    return (p[i] & 0xff) | (p[e + i] & 0xff) << 8 | (p[2 * e + i] & 0xff) << 16 | (p[3 * e + i] & 0xff) << 24;
  }

  /** Elements [offset, offset+length) as float64. */
  public static double[] readDoubles(Dataset d, long offset, int length) {
    double[] out = new double[length];
    Kind kind = kind(d);
    forEachSlice(d, offset, length, (bb, n, pos) -> {
      switch (kind) {
        case F64 -> bb.asDoubleBuffer().get(out, pos, n);
        case F32 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.getFloat(bb.position() + 4 * i); }
        case I8 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.get(bb.position() + i); }
        case I16 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.getShort(bb.position() + 2 * i); }
        case I32 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.getInt(bb.position() + 4 * i); }
        case I64 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.getLong(bb.position() + 8 * i); }
      }
    });
    return out;
  }

  /** Elements [offset, offset+length) of an integer dataset as int32, refusing values beyond it. */
  public static int[] readInts(Dataset d, long offset, int length) {
    int[] out = new int[length];
    Kind kind = kind(d);
    if (kind == Kind.F32 || kind == Kind.F64) {
      throw new InconsistentDataException(d.getFileAsPath(), d.getPath(), "expected integers but found floating point");
    }
    PlaneSink planes = switch (kind) {
      case I32 -> (p, e, from, to, pos) -> {
        for (int i = from; i < to; i++) {
          out[pos + i - from] = int32(p, e, i);
        }
      };
      case I64 -> (p, e, from, to, pos) -> {
        // Indices below 2^31 have zero upper planes and a clear sign bit: one vectorized check each.
        if (isZero(p, 4 * e + from, to - from) && isZero(p, 5 * e + from, to - from)
            && isZero(p, 6 * e + from, to - from) && isZero(p, 7 * e + from, to - from)) {
          for (int i = from; i < to; i++) {
            int v = int32(p, e, i);
            if (v < 0) {
              throw new InconsistentDataException(d.getFileAsPath(), d.getPath(), "value " + (v & 0xffffffffL) + " exceeds the int32 range");
            }
            out[pos + i - from] = v;
          }
        } else {
          for (int i = from; i < to; i++) {
            long v = (int32(p, e, i) & 0xffffffffL) | ((long) ((p[4 * e + i] & 0xff) | (p[5 * e + i] & 0xff) << 8
                | (p[6 * e + i] & 0xff) << 16 | (p[7 * e + i] & 0xff) << 24)) << 32;
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
              throw new InconsistentDataException(d.getFileAsPath(), d.getPath(), "value " + v + " exceeds the int32 range");
            }
            out[pos + i - from] = (int) v;
          }
        }
      };
      default -> null;
    };
    forEachSlice(d, offset, length, (bb, n, pos) -> {
      switch (kind) {
        case I32 -> bb.asIntBuffer().get(out, pos, n);
        case I8 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.get(bb.position() + i); }
        case I16 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.getShort(bb.position() + 2 * i); }
        case I64 -> {
          for (int i = 0; i < n; i++) {
            long v = bb.getLong(bb.position() + 8 * i);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
              throw new InconsistentDataException(d.getFileAsPath(), d.getPath(), "value " + v + " exceeds the int32 range");
            }
            out[pos + i] = (int) v;
          }
        }
        default -> throw new IllegalStateException(kind.toString());
      }
    }, planes);
    return out;
  }

  /** Receives {@code n} values at the buffer's position, destined for {@code pos} onwards. */
  @FunctionalInterface
  private interface SliceSink {
    void accept(ByteBuffer values, int n, int pos);
  }

  /**
   * Receives values still split in shuffle's byte planes: value e of the chunk has byte b at
   * {@code planes[b * elements + e]}; elements {@code [from, to)} go to {@code pos} onwards.
   * Assembling values straight from the planes saves unshuffling into a buffer and decoding it again.
   */
  @FunctionalInterface
  private interface PlaneSink {
    void accept(byte[] planes, int elements, int from, int to, int pos);
  }

  private static void forEachSlice(Dataset d, long offset, int length, SliceSink sink) {
    forEachSlice(d, offset, length, sink, null);
  }

  private static void forEachSlice(Dataset d, long offset, int length, SliceSink sink, PlaneSink planeSink) {
    if (length == 0) {
      return;
    }
    ChunkedDataset cd = (ChunkedDataset) d;
    int chunk = cd.getChunkDimensions()[0];
    int size = d.getDataType().getSize();
    long claimed = (long) chunk * size;
    // A chunk's size comes from the file: check it before a buffer is made for it.
    if (chunk <= 0 || size <= 0 || claimed > Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4)) {
      throw new MalformedFileException(d.getFileAsPath(), d.getPath(), "its chunks claim " + claimed
          + " bytes each, more than myelin believes of a chunk (1 GiB, or a quarter of the heap)");
    }
    int chunkBytes = (int) claimed;
    List<PipelineFilterWithData> filters = d.getFilters();
    // Shuffle runs first when writing, so it is the last step when reading: leave it to the sink.
    boolean fused = planeSink != null && !filters.isEmpty() && filters.get(0).getId() == SHUFFLE;
    List<PipelineFilterWithData> steps = fused ? filters.subList(1, filters.size()) : filters;
    Scratch s = SCRATCH.get();
    if (s.inflated.length < chunkBytes) {
      s.inflated = new byte[chunkBytes];
      s.unshuffled = new byte[chunkBytes];
    }
    long end = offset + length;
    long datasetSize = d.getSize();
    if (offset < 0 || end > datasetSize) {
      throw new InconsistentDataException(d.getFileAsPath(), d.getPath(),
          "elements " + offset + ".." + end + " lie outside its " + datasetSize + " elements");
    }
    int pos = 0;
    for (long c = offset / chunk; c * chunk < end; c++) {
      long chunkStart = c * chunk;
      ByteBuffer raw;
      try {
        raw = rawChunk(cd, chunkStart);
      } catch (RuntimeException e) {
        throw new MalformedFileException(d.getFileAsPath(), d.getPath(),
            "cannot read chunk at element " + chunkStart + " (truncated or corrupt?): " + H5.message(e), e);
      }
      byte[] bytes = decode(raw, steps, size, chunkBytes, s, d);
      int from = (int) (Math.max(offset, chunkStart) - chunkStart);
      int to = (int) (Math.min(end, chunkStart + chunk) - chunkStart);
      if (fused) {
        planeSink.accept(bytes, chunk, from, to, pos);
        pos += to - from;
        continue;
      }
      ByteBuffer bb = ByteBuffer.wrap(bytes, from * size, (to - from) * size).slice().order(ByteOrder.LITTLE_ENDIAN);
      sink.accept(bb, to - from, pos);
      pos += to - from;
    }
  }

  private static byte[] decode(ByteBuffer raw, List<PipelineFilterWithData> filters, int size, int chunkBytes,
      Scratch s, Dataset d) {
    byte[] current = null;
    ByteBuffer input = raw;
    for (int f = filters.size() - 1; f >= 0; f--) {
      int id = filters.get(f).getId();
      if (id == DEFLATE) {
        byte[] in;
        int off;
        int len = input.remaining();
        if (input.hasArray()) {
          in = input.array();
          off = input.arrayOffset() + input.position();
        } else {
          if (s.compressed.length < len) {
            s.compressed = new byte[Math.max(len, s.compressed.length * 2)];
          }
          input.duplicate().get(s.compressed, 0, len);
          in = s.compressed;
          off = 0;
        }
        int n;
        try {
          n = DeflateFilter.inflate(in, off, len, s.inflated, chunkBytes, s.inflater);
        } catch (DataFormatException e) {
          throw new MalformedFileException(d.getFileAsPath(), d.getPath(), "corrupt deflate chunk: " + e.getMessage(), e);
        }
        if (n != chunkBytes) {
          throw new MalformedFileException(d.getFileAsPath(), d.getPath(),
              "a chunk inflated to " + n + " bytes instead of " + chunkBytes + " (truncated or corrupt?)");
        }
        current = s.inflated;
      } else {
        byte[] src = current != null ? current : bytesOf(input, chunkBytes);
        unshuffle(src, s.unshuffled, size, chunkBytes);
        current = s.unshuffled;
        // The unshuffled bytes now live in s.unshuffled; a later filter would read them from there.
      }
      input = ByteBuffer.wrap(current, 0, chunkBytes);
    }
    if (current == null) {
      current = bytesOf(raw, chunkBytes);
    }
    return current;
  }

  private static byte[] bytesOf(ByteBuffer b, int n) {
    byte[] out = new byte[n];
    b.duplicate().get(out, 0, Math.min(n, b.remaining()));
    return out;
  }

  private static final java.lang.invoke.VarHandle INT_LE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final java.lang.invoke.VarHandle LONG_LE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * HDF5's shuffle filter stored byte k of every element together; put them back. Four- and
   * eight-byte elements are assembled whole from their byte planes (one store per element, not one
   * per byte), which keeps unshuffling well below the cost of inflating.
   */
  private static final byte[] ZEROS = new byte[1 << 16];

  private static boolean isZero(byte[] a, int from, int len) {
    for (int off = 0; off < len; off += ZEROS.length) {
      int n = Math.min(ZEROS.length, len - off);
      if (java.util.Arrays.mismatch(a, from + off, from + off + n, ZEROS, 0, n) >= 0) {
        return false;
      }
    }
    return true;
  }

  static void unshuffle(byte[] src, byte[] dst, int size, int n) {
    int elements = n / size;
    if (size == 4) {
      int p1 = elements;
      int p2 = 2 * elements;
      int p3 = 3 * elements;
      for (int e = 0; e < elements; e++) {
        int v = (src[e] & 0xff) | (src[p1 + e] & 0xff) << 8 | (src[p2 + e] & 0xff) << 16 | (src[p3 + e] & 0xff) << 24;
        INT_LE.set(dst, 4 * e, v);
      }
    } else if (size == 8) {
      int p1 = elements;
      int p2 = 2 * elements;
      int p3 = 3 * elements;
      int p4 = 4 * elements;
      int p5 = 5 * elements;
      int p6 = 6 * elements;
      int p7 = 7 * elements;
      // int64 indices below 2^32 (all of them, in practice) leave the upper four planes zero: check
      // that with one vectorized comparison and assemble only the low halves.
      if (elements > 0 && isZero(src, p4, 4 * elements)) {
        for (int e = 0; e < elements; e++) {
          long lo = (src[e] & 0xffL) | (src[p1 + e] & 0xffL) << 8 | (src[p2 + e] & 0xffL) << 16 | (src[p3 + e] & 0xffL) << 24;
          LONG_LE.set(dst, 8 * e, lo);
        }
        System.arraycopy(src, elements * size, dst, elements * size, n - elements * size);
        return;
      }
      for (int e = 0; e < elements; e++) {
        long lo = (src[e] & 0xffL) | (src[p1 + e] & 0xffL) << 8 | (src[p2 + e] & 0xffL) << 16 | (src[p3 + e] & 0xffL) << 24;
        long hi = (src[p4 + e] & 0xffL) | (src[p5 + e] & 0xffL) << 8 | (src[p6 + e] & 0xffL) << 16 | (src[p7 + e] & 0xffL) << 24;
        LONG_LE.set(dst, 8 * e, lo | hi << 32);
      }
    } else {
      for (int b = 0; b < size; b++) {
        int base = b * elements;
        for (int e = 0; e < elements; e++) {
          dst[e * size + b] = src[base + e];
        }
      }
    }
    System.arraycopy(src, elements * size, dst, elements * size, n - elements * size);
  }
}
