package org.myelin.io.hdf;

import io.jhdf.WritableDatasetImpl;
import io.jhdf.api.Attribute;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableAttributeImpl;
import io.jhdf.api.WritableNode;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.object.datatype.BitField;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writing helpers over jhdf: chunked, compressed datasets, and booleans in h5py's own encoding.
 *
 * <p>jhdf writes {@code boolean[]} as an HDF5 bitfield, which h5py (and so anndata) reads as
 * uint8. h5py writes bool as an enum {FALSE=0, TRUE=1} over int8; the stored bytes are the same,
 * only the type message differs, so we give the dataset that type message instead.
 */
public final class H5Writing {

  /** Elements per chunk of a one-dimensional dataset: 256 KiB of float32, ample for deflate. */
  public static final int CHUNK_ELEMENTS = 1 << 16;

  /** zlib level: anndata and h5py default to 4 for gzip. */
  public static final int DEFLATE_LEVEL = 4;

  private static final Field DATA_TYPE_FIELD;
  private static final Field ATTRIBUTE_TYPE_FIELD;

  static {
    try {
      DATA_TYPE_FIELD = WritableDatasetImpl.class.getDeclaredField("dataType");
      DATA_TYPE_FIELD.setAccessible(true);
      ATTRIBUTE_TYPE_FIELD = WritableAttributeImpl.class.getDeclaredField("dataType");
      ATTRIBUTE_TYPE_FIELD.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private H5Writing() {}

  /**
   * Chunked, shuffled and deflated storage for a one-dimensional array of {@code length} elements.
   * The shuffle filter (which h5py and every HDF5 reader understand) groups the bytes of each
   * element by significance, which shrinks count matrices by about a third.
   */
  public static DatasetCreationOptions compressed1d(int length) {
    return DatasetCreationOptions.builder()
        .chunkDimensions(Math.max(1, Math.min(length, CHUNK_ELEMENTS)))
        .shuffle()
        .deflate(DEFLATE_LEVEL)
        .build();
  }

  /** Chunked and deflated storage for a row-major two-dimensional array. */
  public static DatasetCreationOptions compressed2d(int rows, int cols) {
    int chunkRows = Math.max(1, Math.min(rows, CHUNK_ELEMENTS / Math.max(1, cols)));
    return DatasetCreationOptions.builder()
        .chunkDimensions(chunkRows, Math.max(1, cols))
        .deflate(DEFLATE_LEVEL)
        .build();
  }

  /** Writes a one-dimensional array compressed; small arrays are stored contiguously. */
  public static WritableDataset putArray(WritableGroup g, String name, Object array, int length) {
    if (length < 64) {
      return g.putDataset(name, array);
    }
    return g.putDataset(name, array, compressed1d(length));
  }

  /** Writes booleans as h5py's bool enum. */
  public static WritableDataset putBooleans(WritableGroup g, String name, boolean[] values) {
    WritableDataset d = putArray(g, name, values, values.length);
    setBoolType(d);
    return d;
  }

  /** Writes a scalar boolean as h5py's bool enum. */
  public static WritableDataset putBoolean(WritableGroup g, String name, boolean value) {
    WritableDataset d = g.putDataset(name, Boolean.valueOf(value));
    setBoolType(d);
    return d;
  }

  /** Writes a boolean attribute as h5py's bool enum (anndata's categorical {@code ordered}). */
  public static void putBooleanAttribute(WritableNode node, String name, boolean value) {
    node.putAttribute(name, Boolean.valueOf(value));
    Attribute a = node.getAttribute(name); // putAttribute returns the previous attribute, not the new one
    try {
      ATTRIBUTE_TYPE_FIELD.set(a, new H5pyBool());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot set the bool type on " + name, e);
    }
  }

  private static void setBoolType(WritableDataset d) {
    try {
      DATA_TYPE_FIELD.set(d, new H5pyBool());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot set the bool type on " + d.getPath(), e);
    }
  }

  /** A bitfield that describes itself as h5py's bool enum; the data bytes (0/1) are unchanged. */
  private static final class H5pyBool extends BitField {

    H5pyBool() {
      super(BitField.INSTANCE.toBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public ByteBuffer toBuffer() {
      ByteBuffer b = ByteBuffer.allocate(38).order(ByteOrder.LITTLE_ENDIAN);
      // Enum, version 1, two members, one byte per element.
      b.put((byte) 0x18).put((byte) 2).put((byte) 0).put((byte) 0).putInt(1);
      // Base type: signed 8-bit little-endian integer, offset 0, precision 8.
      b.put((byte) 0x10).put((byte) 0x08).put((byte) 0).put((byte) 0).putInt(1);
      b.putShort((short) 0).putShort((short) 8);
      // Member names, NUL-terminated and padded to 8 bytes (version 1), then their values.
      b.put("FALSE\0\0\0".getBytes(StandardCharsets.US_ASCII));
      b.put("TRUE\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
      b.put((byte) 0).put((byte) 1);
      return b.flip();
    }
  }
}
