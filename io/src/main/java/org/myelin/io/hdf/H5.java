package org.myelin.io.hdf;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.MalformedFileException;
import org.myelin.io.UnsupportedFileException;

/**
 * Reading helpers over jhdf: opening with a clear error, typed attribute and dataset access, and
 * conversion of whatever numeric type a file holds to the array type myelin wants. Every error
 * names the file and the HDF5 path.
 */
public final class H5 {

  private H5() {}

  /** Opens an HDF5 file, turning jhdf's failures on a corrupt or truncated file into one message. */
  public static HdfFile open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new MalformedFileException(file, null, "no such file");
    }
    checkEndOfFile(file);
    // jhdf's HdfFile(Path) leaves its channel open when it refuses a file: open it first on a
    // channel of our own, which is closed whatever happens, and only then by path.
    try (java.nio.channels.FileChannel probe = java.nio.channels.FileChannel.open(file)) {
      new HdfFile(probe).getChildren();
    } catch (java.io.IOException | RuntimeException e) {
      throw new MalformedFileException(
          file, null, "not a readable HDF5 file (truncated or corrupt?): " + message(e), e);
    } catch (OutOfMemoryError e) {
      throw headerTooLarge(file, "/", e);
    }
    HdfFile h = null;
    try {
      h = new HdfFile(file);
      h.getChildren(); // reads the root group: a truncated file fails here, not later
      return h;
    } catch (RuntimeException e) {
      if (h != null) {
        try {
          h.close(); // the refused file's channel must not stay open (a fuzzer found the leak)
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new MalformedFileException(
          file, null, "not a readable HDF5 file (truncated or corrupt?): " + message(e), e);
    }
  }

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /**
   * Compares the superblock's end-of-file address with the file's size, as libhdf5 does on
   * opening: a file shorter than its superblock says was cut short (a copy or download that did not
   * finish), however little is missing. The superblock sits at 0, 512, 1024, 2048, ... bytes.
   */
  static void checkEndOfFile(Path file) {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      long size = ch.size();
      for (long at = 0; at + 64 <= size; at = at == 0 ? 512 : at * 2) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        ch.read(b, at);
        b.flip();
        boolean match = true;
        for (int i = 0; i < 8 && match; i++) {
          match = b.get(i) == SIGNATURE[i];
        }
        if (!match) {
          continue;
        }
        int version = b.get(8);
        int sizeOfOffsets = version <= 1 ? b.get(13) : b.get(9);
        int fixed = version == 0 ? 24 : version == 1 ? 28 : 12;
        if (version < 0 || version > 3 || (sizeOfOffsets != 4 && sizeOfOffsets != 8)) {
          throw new MalformedFileException(file, null, "not a readable HDF5 file: superblock version " + version
              + " with " + sizeOfOffsets + "-byte addresses");
        }
        long base = address(b, fixed, sizeOfOffsets);
        long eof = address(b, fixed + 2 * sizeOfOffsets, sizeOfOffsets);
        if (eof != -1 && base != -1 && base + eof > size) {
          throw new MalformedFileException(file, null, "truncated: its HDF5 superblock says the file ends at byte "
              + (base + eof) + " but it has " + size + " bytes (an incomplete copy or download?)");
        }
        return;
      }
    } catch (java.io.IOException e) {
      throw new MalformedFileException(file, null, "cannot be read: " + message(e), e);
    }
  }

  private static long address(java.nio.ByteBuffer b, int at, int size) {
    long v = size == 8 ? b.getLong(at) : Integer.toUnsignedLong(b.getInt(at));
    return size == 8 ? v : (v == 0xffffffffL ? -1 : v);
  }

  /** A group's members, turning jhdf's failure on a damaged object header into one message. */
  public static Map<String, Node> children(Group group) {
    try {
      return group.getChildren();
    } catch (RuntimeException e) {
      throw new MalformedFileException(
          group.getFileAsPath(), group.getPath(), "cannot list group: " + message(e), e);
    } catch (OutOfMemoryError e) {
      throw headerTooLarge(group.getFileAsPath(), group.getPath(), e);
    }
  }

  /**
   * An object header's stated size made jhdf ask for more than the heap: on a group's headers,
   * which are a few kilobytes when sound, that is damage, and the one allocation failed without
   * touching anything else.
   */
  private static MalformedFileException headerTooLarge(Path file, String path, OutOfMemoryError e) {
    return new MalformedFileException(file, path, "an HDF5 object header claims more memory than the heap holds "
        + "(damaged header)", e);
  }

  /**
   * Runs {@code body}, a read of the HDF5 object at {@code path} of {@code file}: any failure of
   * the HDF5 layer below it (a damaged header, a size that does not fit the file) becomes one
   * bad-input error naming the file and the deepest path jhdf names, else {@code path}.
   */
  public static <T> T guard(Path file, String path, java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (org.myelin.io.MyelinFileException e) {
      throw e;
    } catch (RuntimeException e) {
      java.util.regex.Matcher m = QUOTED_PATH.matcher(String.valueOf(e.getMessage()));
      String where = m.find() ? m.group(1) : path;
      throw new MalformedFileException(file, where, "damaged HDF5 data: " + message(e), e);
    }
  }

  private static final java.util.regex.Pattern QUOTED_PATH = java.util.regex.Pattern.compile("'(/[^']*)'");

  /** jhdf's message, or the exception's class when it has none. */
  public static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** The child at {@code path}, or null when absent. */
  public static Node child(Group group, String name) {
    return children(group).get(name);
  }

  /** A dataset that must exist. */
  public static Dataset dataset(Group group, String name) {
    Node n = child(group, name);
    if (!(n instanceof Dataset d)) {
      throw new MalformedFileException(
          group.getFileAsPath(), join(group.getPath(), name),
          n == null ? "missing dataset" : "expected a dataset but found a group");
    }
    return d;
  }

  /** A group that must exist. */
  public static Group group(Group parent, String name) {
    Node n = child(parent, name);
    if (!(n instanceof Group g)) {
      throw new MalformedFileException(
          parent.getFileAsPath(), join(parent.getPath(), name),
          n == null ? "missing group" : "expected a group but found a dataset");
    }
    return g;
  }

  public static String join(String groupPath, String name) {
    return groupPath.endsWith("/") ? groupPath + name : groupPath + "/" + name;
  }

  /** A string attribute, or null when absent; byte strings are decoded. */
  public static String attrString(Node node, String name) {
    Object v = attr(node, name);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof String[] a && a.length == 1) {
      return a[0];
    }
    return String.valueOf(v);
  }

  /** An attribute's value, or null when absent. */
  public static Object attr(Node node, String name) {
    Attribute a;
    try {
      a = node.getAttributes().get(name);
      return a == null || a.isEmpty() ? (a == null ? null : new String[0]) : a.getData();
    } catch (RuntimeException e) {
      throw new MalformedFileException(
          node.getFileAsPath(), node.getPath() + "@" + name, "unreadable attribute: " + message(e), e);
    }
  }

  /** An attribute's value as text items (a string, a string array, or numbers). */
  public static String[] attrStrings(Node node, String name) {
    Object v = attr(node, name);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s.isEmpty() ? new String[0] : new String[] {s};
    }
    if (v instanceof String[] a) {
      return a;
    }
    if (v.getClass().isArray()) {
      String[] out = new String[Array.getLength(v)];
      for (int i = 0; i < out.length; i++) {
        out[i] = String.valueOf(Array.get(v, i));
      }
      return out;
    }
    return new String[] {String.valueOf(v)};
  }

  /** An attribute holding integers (a shape), as longs. */
  public static long[] attrLongs(Node node, String name) {
    Object v = attr(node, name);
    if (v == null) {
      return null;
    }
    return toLongs(v, node.getFileAsPath(), node.getPath() + "@" + name);
  }

  /**
   * Refuses a dataset whose stated size cannot be real before anything is allocated by it: more
   * bytes than the heap holds, or, stored without compression, more than the file holds.
   */
  static void checkSize(Dataset d) {
    long bytes;
    long stored;
    try {
      bytes = d.getSizeInBytes();
      stored = d.getFilters().isEmpty() ? d.getStorageInBytes() : 0;
    } catch (RuntimeException e) {
      throw new MalformedFileException(d.getFileAsPath(), d.getPath(), "unreadable dataset header: " + message(e), e);
    }
    long fileSize;
    try {
      fileSize = Files.size(d.getFileAsPath());
    } catch (java.io.IOException e) {
      fileSize = Long.MAX_VALUE;
    }
    if (bytes < 0 || bytes > Runtime.getRuntime().maxMemory()) {
      throw new MalformedFileException(d.getFileAsPath(), d.getPath(), "its header claims " + bytes + " bytes, more "
          + "than the heap of " + Runtime.getRuntime().maxMemory() + " bytes (damaged, or give myelin more memory)");
    }
    if (stored > fileSize) {
      throw new MalformedFileException(d.getFileAsPath(), d.getPath(), "its header claims " + stored
          + " bytes of storage, more than the " + fileSize + "-byte file holds (truncated or damaged)");
    }
  }

  /** Reads the whole dataset as a flat array. */
  public static Object readFlat(Dataset d) {
    checkSize(d);
    try {
      if (d.isScalar()) {
        return d.getData();
      }
      if (d.isEmpty() || d.getSize() == 0) {
        return emptyArrayFor(d.getJavaType());
      }
      return d.getDataFlat();
    } catch (RuntimeException e) {
      throw new MalformedFileException(
          d.getFileAsPath(), d.getPath(), "cannot read dataset (truncated or corrupt?): " + message(e), e);
    }
  }

  /** Reads elements {@code [offset, offset+length)} of a one-dimensional dataset. */
  public static Object readSlice(Dataset d, long offset, int length) {
    if (length == 0) {
      return emptyArrayFor(d.getJavaType());
    }
    try {
      return d.getData(new long[] {offset}, new int[] {length});
    } catch (RuntimeException e) {
      throw new MalformedFileException(
          d.getFileAsPath(), d.getPath(),
          "cannot read elements " + offset + ".." + (offset + length) + " (truncated or corrupt?): "
              + message(e), e);
    }
  }

  /** Reads rows {@code [row, row+nRows)} of a two-dimensional dataset as a row-major flat array. */
  public static Object readRows(Dataset d, long row, int nRows, int nCols) {
    try {
      Object slab = d.getData(new long[] {row, 0}, new int[] {nRows, nCols});
      return flatten2d(slab, nRows, nCols);
    } catch (RuntimeException e) {
      throw new MalformedFileException(
          d.getFileAsPath(), d.getPath(), "cannot read rows " + row + ".." + (row + nRows) + ": " + message(e), e);
    }
  }

  private static Object flatten2d(Object slab, int nRows, int nCols) {
    if (!slab.getClass().getComponentType().isArray()) {
      return slab;
    }
    Class<?> type = slab.getClass().getComponentType().getComponentType();
    Object out = Array.newInstance(type, nRows * nCols);
    for (int r = 0; r < nRows; r++) {
      System.arraycopy(Array.get(slab, r), 0, out, r * nCols, nCols);
    }
    return out;
  }

  private static Object emptyArrayFor(Class<?> type) {
    if (type == null) {
      return new double[0];
    }
    if (type == Integer.class || type == int.class) {
      return new int[0];
    }
    if (type == Long.class || type == long.class) {
      return new long[0];
    }
    if (type == Float.class || type == float.class) {
      return new float[0];
    }
    if (type == Double.class || type == double.class) {
      return new double[0];
    }
    if (type == Short.class || type == short.class) {
      return new short[0];
    }
    if (type == Byte.class || type == byte.class) {
      return new byte[0];
    }
    if (type == Boolean.class || type == boolean.class) {
      return new boolean[0];
    }
    return new String[0];
  }

  /** True for the array types that hold integers. */
  public static boolean isIntegral(Object array) {
    return array instanceof int[] || array instanceof long[] || array instanceof short[]
        || array instanceof byte[];
  }

  /** True for float and double arrays. */
  public static boolean isFloating(Object array) {
    return array instanceof float[] || array instanceof double[];
  }

  /** Converts a numeric array to float32 values. */
  public static float[] toFloats(Object a, Path file, String where) {
    if (a instanceof float[] f) {
      return f;
    }
    int n = numericLength(a, file, where);
    float[] out = new float[n];
    switch (a) {
      case double[] d -> { for (int i = 0; i < n; i++) out[i] = (float) d[i]; }
      case int[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      case long[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      case short[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      case byte[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      default -> throw notNumeric(a, file, where);
    }
    return out;
  }

  /** Converts a numeric array to float64 values. */
  public static double[] toDoubles(Object a, Path file, String where) {
    if (a instanceof double[] d) {
      return d;
    }
    int n = numericLength(a, file, where);
    double[] out = new double[n];
    switch (a) {
      case float[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      case int[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      case long[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      case short[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      case byte[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      default -> throw notNumeric(a, file, where);
    }
    return out;
  }

  /** Converts an integer array to int32, failing on values outside the int range. */
  public static int[] toInts(Object a, Path file, String where) {
    if (a instanceof int[] i) {
      return i;
    }
    int n = numericLength(a, file, where);
    int[] out = new int[n];
    switch (a) {
      case long[] d -> {
        for (int i = 0; i < n; i++) {
          if (d[i] < Integer.MIN_VALUE || d[i] > Integer.MAX_VALUE) {
            throw new InconsistentDataException(file, where, "value " + d[i] + " at " + i + " exceeds the int32 range");
          }
          out[i] = (int) d[i];
        }
      }
      case short[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      case byte[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      default -> throw new InconsistentDataException(file, where, "expected integers but found " + typeName(a));
    }
    return out;
  }

  /** Converts an integer array to int64. */
  public static long[] toLongs(Object a, Path file, String where) {
    if (a instanceof long[] l) {
      return l;
    }
    int n = numericLength(a, file, where);
    long[] out = new long[n];
    switch (a) {
      case int[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      case short[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      case byte[] d -> { for (int i = 0; i < n; i++) out[i] = d[i]; }
      default -> throw new InconsistentDataException(file, where, "expected integers but found " + typeName(a));
    }
    return out;
  }

  /** Booleans as h5py writes them (an enum read by jhdf as "TRUE"/"FALSE"), or 0/1 integers. */
  public static boolean[] toBooleans(Object a, Path file, String where) {
    if (a instanceof boolean[] b) {
      return b;
    }
    if (a instanceof String[] s) {
      boolean[] out = new boolean[s.length];
      for (int i = 0; i < s.length; i++) {
        out[i] = "TRUE".equalsIgnoreCase(s[i]) || "1".equals(s[i]);
      }
      return out;
    }
    long[] l = toLongs(a, file, where);
    boolean[] out = new boolean[l.length];
    for (int i = 0; i < l.length; i++) {
      out[i] = l[i] != 0;
    }
    return out;
  }

  /** True when jhdf read the dataset as an enum whose labels are TRUE/FALSE: h5py's bool. */
  public static boolean isBoolEnum(Dataset d) {
    return d.getDataType() instanceof io.jhdf.object.datatype.EnumDataType e
        && e.getEnumMapping().containsValue("TRUE") && e.getEnumMapping().containsValue("FALSE");
  }

  private static int numericLength(Object a, Path file, String where) {
    if (a == null || !a.getClass().isArray() || !a.getClass().getComponentType().isPrimitive()) {
      throw notNumeric(a, file, where);
    }
    return Array.getLength(a);
  }

  private static InconsistentDataException notNumeric(Object a, Path file, String where) {
    return new InconsistentDataException(file, where, "expected numbers but found " + typeName(a));
  }

  public static String typeName(Object a) {
    return a == null ? "nothing" : a.getClass().getSimpleName();
  }

  /** Refuses anything but a supported layout, naming it. */
  public static UnsupportedFileException unsupported(Node node, String what) {
    return new UnsupportedFileException(node.getFileAsPath(), node.getPath(), what);
  }
}
