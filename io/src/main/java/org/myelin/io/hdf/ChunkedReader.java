package org.myelin.io.hdf;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
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
    byte[] inflated = new byte[0];
    byte[] unshuffled = new byte[0];
  }

  private ChunkedReader() {}

  /** The value type of a dataset this reader decodes. */
  private enum Kind { F32, F64, I8, I16, I32, I64 }

  /**
   * True for 1-D chunked little-endian integer or float datasets whose filters are deflate and
   * shuffle only.
   */
  public static boolean supports(Dataset d) {
    if (!(d instanceof ChunkedDataset) || d.getDimensions().length != 1 || kind(d) == null) {
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
    forEachSlice(d, offset, length, (bb, n, pos) -> {
      switch (kind) {
        case F32 -> bb.asFloatBuffer().get(out, pos, n);
        case F64 -> { for (int i = 0; i < n; i++) out[pos + i] = (float) bb.getDouble(bb.position() + 8 * i); }
        case I8 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.get(bb.position() + i); }
        case I16 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.getShort(bb.position() + 2 * i); }
        case I32 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.getInt(bb.position() + 4 * i); }
        case I64 -> { for (int i = 0; i < n; i++) out[pos + i] = bb.getLong(bb.position() + 8 * i); }
      }
    });
    return out;
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
    });
    return out;
  }

  /** Receives {@code n} values at the buffer's position, destined for {@code pos} onwards. */
  @FunctionalInterface
  private interface SliceSink {
    void accept(ByteBuffer values, int n, int pos);
  }

  private static void forEachSlice(Dataset d, long offset, int length, SliceSink sink) {
    if (length == 0) {
      return;
    }
    ChunkedDataset cd = (ChunkedDataset) d;
    int chunk = cd.getChunkDimensions()[0];
    int size = d.getDataType().getSize();
    int chunkBytes = chunk * size;
    List<PipelineFilterWithData> filters = d.getFilters();
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
        raw = cd.getRawChunkBuffer(new int[] {(int) chunkStart});
      } catch (RuntimeException e) {
        throw new MalformedFileException(d.getFileAsPath(), d.getPath(),
            "cannot read chunk at element " + chunkStart + " (truncated or corrupt?): " + H5.message(e), e);
      }
      byte[] bytes = decode(raw, filters, size, chunkBytes, s, d);
      int from = (int) (Math.max(offset, chunkStart) - chunkStart);
      int to = (int) (Math.min(end, chunkStart + chunk) - chunkStart);
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
        Inflater inf = s.inflater;
        inf.reset();
        inf.setInput(input);
        int n = 0;
        try {
          while (n < chunkBytes && !inf.finished()) {
            int got = inf.inflate(s.inflated, n, chunkBytes - n);
            if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
              break;
            }
            n += got;
          }
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

  /** HDF5's shuffle filter: byte k of every element was stored together; put them back. */
  private static void unshuffle(byte[] src, byte[] dst, int size, int n) {
    int elements = n / size;
    for (int b = 0; b < size; b++) {
      int base = b * elements;
      for (int e = 0; e < elements; e++) {
        dst[e * size + b] = src[base + e];
      }
    }
    System.arraycopy(src, elements * size, dst, elements * size, n - elements * size);
  }
}
