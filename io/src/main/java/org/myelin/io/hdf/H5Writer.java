package org.myelin.io.hdf;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.myelin.core.parallel.Parallel;

/**
 * A small HDF5 writer of our own, for the files we write (h5ad, 10x HDF5): groups, attributes,
 * contiguous datasets, and chunked datasets filtered by deflate (shuffled first where that is
 * smaller) that can be written piece by piece, so a matrix larger than memory streams to disk, with
 * chunks compressed in parallel. It writes the oldest layout every HDF5 reader understands
 * (superblock version 0, version-1 object headers, symbol-table groups, version-1 B-tree chunk
 * indexes), following the HDF5 File Format Specification.
 *
 * <p>Objects are written as they are finished: a dataset when its data is complete, a group (with
 * its B-tree, symbol nodes and name heap) when the file is closed, children first. The superblock
 * is written last, over the space kept for it at the start.
 */
public final class H5Writer implements Closeable {

  static final long UNDEFINED = -1L;
  private static final int SUPERBLOCK_SIZE = 96;
  private static final int GROUP_LEAF_K = 4;
  private static final int GROUP_INTERNAL_K = 16;
  private static final int CHUNK_K = 32;

  private final FileChannel channel;
  private final Path file;
  private final Compression compression;
  /** Reference counts above one, by object header address, for datasets with several names. */
  private final Map<Long, Integer> linkCounts = new java.util.HashMap<>();
  private long eof = SUPERBLOCK_SIZE;
  private final Group root = new Group("/");

  /** The value types the writer stores. */
  public enum Type {
    INT8(1), INT16(2), INT32(4), INT64(8), FLOAT32(4), FLOAT64(8), BOOL(1), STRING(0);

    final int size;

    Type(int size) {
      this.size = size;
    }
  }

  /** A writer that stores chunked datasets with the default compression. */
  public H5Writer(Path file) {
    this(file, Compression.DEFAULT);
  }

  /** A writer that stores chunked datasets as {@code compression} says. */
  public H5Writer(Path file, Compression compression) {
    this.file = file;
    this.compression = compression;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  public Group root() {
    return root;
  }

  public Compression compression() {
    return compression;
  }

  // ------------------------------------------------------------------ groups and attributes

  /** A second name for a dataset of another group, resolved when the file is closed. */
  private record Link(Group group, String name) {}

  /** A group; its children and attributes are written when the file is closed. */
  public final class Group {
    private final String path;
    // Group, Long (object header), ChunkedDataset or Link
    private final Map<String, Object> children = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    private Group(String path) {
      this.path = path;
    }

    public String path() {
      return path;
    }

    public Group group(String name) {
      checkName(name);
      Group g = new Group(path.equals("/") ? "/" + name : path + "/" + name);
      children.put(name, g);
      return g;
    }

    /** The writer this group belongs to. */
    public H5Writer writer() {
      return H5Writer.this;
    }

    /** Sets an attribute: a String, Boolean, Number, or a primitive or String array (empty allowed). */
    public Group attribute(String name, Object value) {
      attributes.put(name, value);
      return this;
    }

    /**
     * Writes a dataset now from a whole array: a primitive or String array (one-dimensional) or a
     * scalar String, Boolean or Number. Arrays of at least {@code minChunked} elements are chunked
     * and compressed.
     */
    public void dataset(String name, Object data, Map<String, Object> attrs) {
      checkName(name);
      children.put(name, writeDataset(data, null, attrs));
    }

    /** Writes a dataset made ahead by {@link H5Writer#prepare} of this writer. */
    public void dataset(String name, Prepared data, Map<String, Object> attrs) {
      checkName(name);
      children.put(name, writeDataset(data, attrs));
    }

    /** Writes a row-major dataset of any rank from a flat array (contiguous, uncompressed above rank 2). */
    public void datasetNd(String name, Object flat, int[] shape, Map<String, Object> attrs) {
      checkName(name);
      long[] dims = java.util.Arrays.stream(shape).asLongStream().toArray();
      children.put(name, writeDataset(flat, dims, attrs));
    }

    /** Writes a row-major two-dimensional dataset from a flat array. */
    public void dataset2d(String name, Object flat, int rows, int cols, Map<String, Object> attrs) {
      dataset2d(name, flat, rows, cols, attrs, null);
    }

    /** As above, its chunks compressed on {@code parallel}'s threads (null: on this one); the same bytes. */
    public void dataset2d(String name, Object flat, int rows, int cols, Map<String, Object> attrs, Parallel parallel) {
      checkName(name);
      children.put(name, writeDataset(prepare(flat, new long[] {rows, cols}, parallel), attrs));
    }

    /**
     * Writes a one-dimensional compound dataset (a numpy record array): one member per field, each a
     * primitive or String array (fixed-length UTF-8) of the same length, in field order.
     */
    public void compound(String name, String[] fields, Object[] columns, Map<String, Object> attrs) {
      checkName(name);
      children.put(name, writeCompound(fields, columns, attrs));
    }

    /**
     * Names here a dataset already written in {@code source} (an HDF5 hard link: one object, two
     * names), so identical data is stored once; readers see two ordinary datasets.
     */
    public void link(String name, Group source, String sourceName) {
      checkName(name);
      Object target = source.children.get(sourceName);
      if (!(target instanceof Long || target instanceof ChunkedDataset)) {
        throw new IllegalArgumentException("no dataset '" + sourceName + "' in " + source.path + " to link to");
      }
      children.put(name, new Link(source, sourceName));
    }

    /** Starts a one-dimensional chunked, compressed dataset filled by {@link ChunkedDataset#append}. */
    public ChunkedDataset chunked(String name, Type type, Map<String, Object> attrs) {
      checkName(name);
      ChunkedDataset d = new ChunkedDataset(this, name, type, attrs);
      children.put(name, d);
      return d;
    }

    private void checkName(String name) {
      if (name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".")) {
        throw new IllegalArgumentException("invalid HDF5 name '" + name + "' in " + path);
      }
      if (children.containsKey(name)) {
        throw new IllegalArgumentException("'" + name + "' written twice in " + path);
      }
    }
  }

  // ------------------------------------------------------------------ chunked datasets

  /** Elements per chunk of a one-dimensional dataset: 256 KiB of float32. */
  public static final int CHUNK_ELEMENTS = 1 << 16;

  /**
   * A one-dimensional chunked dataset written in pieces. Whole chunks are compressed (in parallel
   * when a {@link Parallel} is given) and written as soon as they are full; the last, partial chunk
   * is padded with zeros as HDF5 requires, and the chunk index is written by {@link #finish}.
   */
  public final class ChunkedDataset {
    private final Group parent;
    private final String name;
    private final Type type;
    private final Map<String, Object> attrs;
    private final ByteBuffer pending;
    private long length;
    private final List<long[]> chunks = new ArrayList<>(); // address, stored size
    private Long header;
    /** Whether chunks are shuffled before deflate: decided on the first chunk, shuffled until then. */
    private Boolean shuffle;

    private ChunkedDataset(Group parent, String name, Type type, Map<String, Object> attrs) {
      if (type == Type.STRING) {
        throw new IllegalArgumentException("chunked string datasets are not supported");
      }
      this.parent = parent;
      this.name = name;
      this.type = type;
      this.attrs = attrs;
      this.pending = ByteBuffer.allocate(CHUNK_ELEMENTS * type.size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Appends {@code len} elements of a primitive array of this dataset's type, from {@code from}. */
    public void append(Object array, int from, int len, Parallel parallel) {
      // Fill the pending chunk first, then take whole chunks straight from the array: each is laid
      // out (shuffled) and compressed on a thread of its own, all of them together, so that appends
      // that do not fall on chunk boundaries still keep every thread busy and the calling thread
      // copies nothing but the remainder.
      int done = 0;
      byte[] filled = null;
      if (pending.position() > 0) {
        done = Math.min(pending.remaining() / type.size, len);
        pending.put(encode(array, from, done, type));
        if (!pending.hasRemaining()) {
          filled = pending.array().clone();
          pending.clear();
        }
      }
      int whole = (len - done) / CHUNK_ELEMENTS;
      int first = from + done;
      int tasks = whole + (filled != null ? 1 : 0);
      byte[] full = filled;
      byte[][] packed = new byte[tasks][];
      // The dataset's first chunk decides whether it is shuffled; it is packed here, before the rest.
      int decided = tasks > 0 && shuffle == null && !compression.none() ? 1 : 0;
      if (decided == 1) {
        packed[0] = packFirst(full != null ? full : encode(array, first, CHUNK_ELEMENTS, type).array());
      }
      boolean shuffled = shuffles();
      java.util.function.IntConsumer chunk = k -> {
        if (full != null && k == 0) {
          packed[k] = compress(full, type.size, compression, shuffled);
        } else {
          int start = first + (k - (full != null ? 1 : 0)) * CHUNK_ELEMENTS;
          packed[k] = compress(array, start, type, compression, shuffled);
        }
      };
      if (parallel != null && tasks - decided > 1) {
        parallel.forEach(tasks - decided, k -> chunk.accept(decided + k));
      } else {
        for (int k = decided; k < tasks; k++) {
          chunk.accept(k);
        }
      }
      store(packed);
      int rest = len - done - whole * CHUNK_ELEMENTS;
      if (rest > 0) {
        pending.put(encode(array, first + whole * CHUNK_ELEMENTS, rest, type));
      }
      length += len;
    }

    private byte[] packFirst(byte[] raw) {
      FirstChunk f = FirstChunk.pack(raw, type.size, compression);
      shuffle = f.shuffled();
      return f.bytes();
    }

    private boolean shuffles() {
      return shuffle == null || shuffle;
    }

    private void store(byte[][] packed) {
      for (byte[] p : packed) {
        long address = allocate(p.length);
        write(address, ByteBuffer.wrap(p));
        chunks.add(new long[] {address, p.length});
      }
    }

    /** Writes the last chunk, the chunk index and the object header. */
    public void finish() {
      if (header != null) {
        return;
      }
      if (pending.position() > 0) {
        // The last chunk is stored whole: zeros past the data, not what an earlier chunk left there.
        java.util.Arrays.fill(pending.array(), pending.position(), pending.capacity(), (byte) 0);
        byte[] last = shuffle == null && !compression.none() ? packFirst(pending.array())
            : compress(pending.array(), type.size, compression, shuffles());
        store(new byte[][] {last});
        pending.clear();
      }
      long btree = chunks.isEmpty() ? UNDEFINED : writeChunkIndex(chunks, CHUNK_ELEMENTS, type.size);
      List<byte[]> messages = new ArrayList<>();
      messages.add(message(0x0001, dataspace(new long[] {length})));
      messages.add(message(0x0003, datatype(type, 0)));
      messages.add(message(0x0005, new byte[] {2, 3, 2, 0}));
      messages.add(message(0x0008, chunkedLayout(btree, CHUNK_ELEMENTS, type.size)));
      if (!compression.none()) {
        messages.add(message(0x000B, filterPipeline(type.size, compression.level(), shuffles())));
      }
      addAttributes(messages, attrs);
      header = writeObjectHeader(messages);
    }

    long header() {
      if (header == null) {
        throw new IllegalStateException("dataset " + parent.path + "/" + name + " was not finished");
      }
      return header;
    }

    public long length() {
      return length;
    }
  }

  private static final java.lang.invoke.VarHandle INT_LE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * HDF5's shuffle filter: byte {@code b} of every element into plane {@code b}. Four-byte elements
   * (float32 values and int32 indices, nearly every byte written) are read as one int and spread to
   * the four planes, about three times faster than byte by byte.
   */
  static byte[] shuffle(byte[] raw, int elementSize) {
    byte[] shuffled = new byte[raw.length];
    int n = raw.length / elementSize;
    if (elementSize == 4) {
      for (int e = 0; e < n; e++) {
        spread4(shuffled, n, e, (int) INT_LE.get(raw, 4 * e));
      }
    } else {
      for (int e = 0; e < n; e++) {
        for (int b = 0; b < elementSize; b++) {
          shuffled[b * n + e] = raw[e * elementSize + b];
        }
      }
    }
    return shuffled;
  }

  /**
   * HDF5's shuffle filter applied to {@link #CHUNK_ELEMENTS} elements of a primitive array from
   * {@code from}, without first laying them out as little-endian bytes: what {@link #shuffle} makes of
   * {@link #encode}'s bytes.
   */
  static byte[] shuffle(Object array, int from, Type type) {
    return shuffle(array, from, type, new byte[CHUNK_ELEMENTS * type.size]);
  }

  /** As above, into {@code shuffled} ({@link #CHUNK_ELEMENTS} elements' bytes), which it returns. */
  private static byte[] shuffle(Object array, int from, Type type, byte[] shuffled) {
    int n = CHUNK_ELEMENTS;
    switch (array) {
      case float[] a -> {
        for (int e = 0; e < n; e++) {
          spread4(shuffled, n, e, Float.floatToRawIntBits(a[from + e]));
        }
      }
      case int[] a -> {
        for (int e = 0; e < n; e++) {
          spread4(shuffled, n, e, a[from + e]);
        }
      }
      case double[] a -> {
        for (int e = 0; e < n; e++) {
          spread8(shuffled, n, e, Double.doubleToRawLongBits(a[from + e]));
        }
      }
      case long[] a -> {
        for (int e = 0; e < n; e++) {
          spread8(shuffled, n, e, a[from + e]);
        }
      }
      default -> {
        return shuffle(encode(array, from, n, type).array(), type.size);
      }
    }
    return shuffled;
  }

  private static void spread4(byte[] planes, int n, int e, int v) {
    planes[e] = (byte) v;
    planes[n + e] = (byte) (v >>> 8);
    planes[2 * n + e] = (byte) (v >>> 16);
    planes[3 * n + e] = (byte) (v >>> 24);
  }

  private static void spread8(byte[] planes, int n, int e, long v) {
    for (int b = 0; b < 8; b++) {
      planes[b * n + e] = (byte) (v >>> (8 * b));
    }
  }

  /**
   * A dataset's first chunk, compressed with the shuffle filter and without: the dataset keeps
   * whichever is smaller for all its chunks. Shuffling gathers the bytes that vary alike (the high
   * bytes of sorted indices, the exponents of scattered floats) and suits most arrays; a row of
   * normalised values repeats whole floats (every gene seen once in a cell has one value), which
   * deflate finds only unshuffled: half the size and twice the speed for X.
   */
  private record FirstChunk(byte[] bytes, boolean shuffled) {
    static FirstChunk pack(byte[] raw, int elementSize, Compression compression) {
      byte[] with = compress(raw, elementSize, compression, true);
      if (elementSize == 1) {
        return new FirstChunk(with, true);
      }
      byte[] without = compress(raw, elementSize, compression, false);
      return with.length <= without.length ? new FirstChunk(with, true) : new FirstChunk(without, false);
    }
  }

  /** {@link #CHUNK_ELEMENTS} elements of a primitive array from {@code from}, as stored. */
  private static byte[] compress(Object array, int from, Type type, Compression compression, boolean shuffle) {
    if (compression.none()) {
      return encode(array, from, CHUNK_ELEMENTS, type).array();
    }
    // The chunk is laid out in a buffer of the thread's and only its compressed bytes are new: a
    // background write makes little garbage beside the steps.
    byte[] layout = layoutBuffer(CHUNK_ELEMENTS * type.size);
    if (!shuffle) {
      encode(array, from, CHUNK_ELEMENTS, type, layout);
      return deflate(layout, compression);
    }
    return deflateShuffled(shuffle(array, from, type, layout), compression);
  }

  private static final ThreadLocal<byte[][]> LAYOUT = ThreadLocal.withInitial(() -> new byte[9][]);

  /** A thread's buffer of exactly {@code bytes} (one per element size: chunks have a fixed length). */
  private static byte[] layoutBuffer(int bytes) {
    byte[][] buffers = LAYOUT.get();
    int slot = bytes / CHUNK_ELEMENTS;
    if (buffers[slot] == null) {
      buffers[slot] = new byte[bytes];
    }
    return buffers[slot];
  }

  /** A chunk as stored: as it is without compression, else deflated, shuffled first if asked. */
  private static byte[] compress(byte[] raw, int elementSize, Compression compression, boolean shuffle) {
    if (compression.none()) {
      return raw;
    }
    if (shuffle && elementSize > 1) {
      return deflateShuffled(shuffle(raw, elementSize), compression);
    }
    return deflate(raw, compression);
  }

  private static byte[] deflate(byte[] bytes, Compression compression) {
    return DeflateFilter.compress(bytes, compression.level());
  }

  /**
   * Shuffled byte planes at level 1 are deflated with runs only (zlib's Z_RLE): their high planes are
   * long runs that LZ77's search spends its time on for nothing, so it is two to three times as fast
   * for about the same size. Other levels search for matches as zlib does.
   */
  private static byte[] deflateShuffled(byte[] planes, Compression compression) {
    return compression.level() == 1 ? RunLengthDeflate.compress(planes) : deflate(planes, compression);
  }

  // ------------------------------------------------------------------ writing datasets

  /**
   * A dataset's stored form made ahead of writing, its chunks compressed: made on any thread, several
   * at once, then written in order by {@link Group#dataset(String, Prepared, Map)}, which gives the
   * file the bytes of writing them one by one.
   */
  public static final class Prepared {
    private final Type type;
    private final long[] shape;
    private final int stringSize;
    private final ByteBuffer contiguous; // null when chunked
    private final List<byte[]> chunks;
    private final boolean shuffle;
    private final int chunkRows;
    private final int chunkElems;

    private Prepared(Type type, long[] shape, int stringSize, ByteBuffer contiguous, List<byte[]> chunks,
        boolean shuffle, int chunkRows, int chunkElems) {
      this.type = type;
      this.shape = shape;
      this.stringSize = stringSize;
      this.contiguous = contiguous;
      this.chunks = chunks;
      this.shuffle = shuffle;
      this.chunkRows = chunkRows;
      this.chunkElems = chunkElems;
    }
  }

  /**
   * {@code data} (as {@link Group#dataset(String, Object, Map)} takes it) in its stored form; reads
   * nothing of the file, so any thread may call it.
   */
  public Prepared prepare(Object data) {
    return prepare(data, null);
  }

  private Prepared prepare(Object data, long[] dims) {
    return prepare(data, dims, null);
  }

  private Prepared prepare(Object data, long[] dims, Parallel parallel) {
    Type type = typeOf(data);
    boolean scalar = !data.getClass().isArray();
    int count = scalar ? 1 : Array.getLength(data);
    long[] shape = scalar ? new long[0] : dims != null ? dims : new long[] {count};
    int stringSize = type == Type.STRING ? stringSize(data) : 0;
    int elementSize = type == Type.STRING ? stringSize : type.size;
    boolean chunk = type != Type.STRING && count >= 4096 && shape.length >= 1 && shape.length <= 2;
    if (!chunk) {
      ByteBuffer bytes = type == Type.STRING ? encodeStrings(data, stringSize) : encode(data, 0, count, type);
      return new Prepared(type, shape, stringSize, bytes, null, false, 0, 0);
    }
    int rowElems = shape.length == 2 ? (int) shape[1] : 1;
    int chunkRows = Math.max(1, Math.min((int) shape[0], CHUNK_ELEMENTS / Math.max(1, rowElems)));
    int chunkElems = chunkRows * rowElems;
    ByteBuffer all = encode(data, 0, count, type);
    int chunkBytes = chunkElems * elementSize;
    byte[][] packed = new byte[(all.limit() + chunkBytes - 1) / chunkBytes][];
    // The first chunk decides whether the dataset is shuffled; the others are then compressed
    // independently, on any thread.
    java.util.function.IntFunction<byte[]> raw = c -> {
      byte[] bytes = new byte[chunkBytes];
      all.get(c * chunkBytes, bytes, 0, Math.min(chunkBytes, all.limit() - c * chunkBytes));
      return bytes;
    };
    boolean shuffle = true;
    int first = 0;
    if (packed.length > 0 && !compression.none()) {
      FirstChunk f = FirstChunk.pack(raw.apply(0), elementSize, compression);
      shuffle = f.shuffled();
      packed[first++] = f.bytes();
    }
    boolean shuffled = shuffle;
    int from = first;
    java.util.function.IntConsumer rest = k -> packed[from + k] = compress(raw.apply(from + k), elementSize,
        compression, shuffled);
    if (parallel != null) {
      parallel.forEach(packed.length - from, rest::accept);
    } else {
      for (int k = 0; k < packed.length - from; k++) {
        rest.accept(k);
      }
    }
    return new Prepared(type, shape, stringSize, null, List.of(packed), shuffle, chunkRows, chunkElems);
  }

  private long writeDataset(Object data, long[] dims, Map<String, Object> attrs) {
    return writeDataset(prepare(data, dims), attrs);
  }

  private long writeDataset(Prepared d, Map<String, Object> attrs) {
    int elementSize = d.type == Type.STRING ? d.stringSize : d.type.size;
    List<byte[]> messages = new ArrayList<>();
    messages.add(message(0x0001, dataspace(d.shape)));
    messages.add(message(0x0003, datatype(d.type, d.stringSize)));
    if (d.chunks != null) {
      List<long[]> chunks = new ArrayList<>();
      for (byte[] packed : d.chunks) {
        long address = allocate(packed.length);
        write(address, ByteBuffer.wrap(packed));
        chunks.add(new long[] {address, packed.length});
      }
      long btree = d.shape.length == 2
          ? writeChunkIndex2d(chunks, d.chunkRows, (int) d.shape[1], elementSize)
          : writeChunkIndex(chunks, d.chunkElems, elementSize);
      messages.add(message(0x0005, new byte[] {2, 3, 2, 0}));
      messages.add(message(0x0008, d.shape.length == 2
          ? chunkedLayout2d(btree, d.chunkRows, (int) d.shape[1], elementSize)
          : chunkedLayout(btree, d.chunkElems, elementSize)));
      if (!compression.none()) {
        messages.add(message(0x000B, filterPipeline(elementSize, compression.level(), d.shuffle)));
      }
    } else {
      ByteBuffer bytes = d.contiguous;
      long address = bytes.limit() == 0 ? UNDEFINED : allocate(bytes.limit());
      if (bytes.limit() > 0) {
        write(address, bytes);
      }
      messages.add(message(0x0005, new byte[] {2, 1, 2, 0}));
      messages.add(message(0x0008, contiguousLayout(address, bytes.limit())));
    }
    addAttributes(messages, attrs);
    return writeObjectHeader(messages);
  }

  private long writeCompound(String[] fields, Object[] columns, Map<String, Object> attrs) {
    int m = fields.length;
    if (m == 0 || columns.length != m) {
      throw new IllegalArgumentException("a compound dataset needs one column per field, at least one");
    }
    int rows = Array.getLength(columns[0]);
    Type[] types = new Type[m];
    int[] sizes = new int[m];
    int[] offsets = new int[m];
    int rowSize = 0;
    for (int f = 0; f < m; f++) {
      if (Array.getLength(columns[f]) != rows) {
        throw new IllegalArgumentException("field '" + fields[f] + "' has " + Array.getLength(columns[f])
            + " rows, the first " + rows);
      }
      types[f] = typeOf(columns[f]);
      sizes[f] = types[f] == Type.STRING ? stringSize(columns[f]) : types[f].size;
      offsets[f] = rowSize;
      rowSize += sizes[f];
    }
    // Datatype message: compound (class 6), version 1, one member per field.
    java.io.ByteArrayOutputStream dt = new java.io.ByteArrayOutputStream();
    ByteBuffer head = le(8);
    head.put((byte) 0x16).put((byte) (m & 0xFF)).put((byte) ((m >> 8) & 0xFF)).put((byte) 0).putInt(rowSize);
    dt.writeBytes(head.array());
    for (int f = 0; f < m; f++) {
      byte[] nameBytes = fields[f].getBytes(StandardCharsets.UTF_8);
      int padded = (nameBytes.length + 1 + 7) / 8 * 8;
      ByteBuffer member = le(padded + 4 + 1 + 3 + 4 + 4 + 16);
      member.put(nameBytes);
      member.position(padded);
      member.putInt(offsets[f]).put((byte) 0); // offset, dimensionality 0 (a scalar member)
      dt.writeBytes(member.array());
      byte[] memberType = datatype(types[f], sizes[f]);
      if (types[f] == Type.STRING && ascii((String[]) columns[f])) {
        // ASCII members: anndata 0.8 reads fixed-length strings of a record array only when they are not UTF-8.
        memberType[1] = 0x01;
      }
      dt.writeBytes(memberType);
    }
    ByteBuffer data = ByteBuffer.allocate(rows * rowSize);
    for (int f = 0; f < m; f++) {
      ByteBuffer col = types[f] == Type.STRING ? encodeStrings(columns[f], sizes[f]) : encode(columns[f], 0, rows,
          types[f]);
      for (int r = 0; r < rows; r++) {
        data.put(r * rowSize + offsets[f], col.array(), r * sizes[f], sizes[f]);
      }
    }
    List<byte[]> messages = new ArrayList<>();
    messages.add(message(0x0001, dataspace(new long[] {rows})));
    messages.add(message(0x0003, dt.toByteArray()));
    long address = data.limit() == 0 ? UNDEFINED : allocate(data.limit());
    if (data.limit() > 0) {
      write(address, data);
    }
    messages.add(message(0x0005, new byte[] {2, 1, 2, 0}));
    messages.add(message(0x0008, contiguousLayout(address, data.limit())));
    addAttributes(messages, attrs);
    return writeObjectHeader(messages);
  }

  private static boolean ascii(String[] values) {
    for (String v : values) {
      if (v != null && !StandardCharsets.US_ASCII.newEncoder().canEncode(v)) {
        return false;
      }
    }
    return true;
  }

  static Type typeOf(Object data) {
    return switch (data) {
      case byte[] a -> Type.INT8;
      case short[] a -> Type.INT16;
      case int[] a -> Type.INT32;
      case long[] a -> Type.INT64;
      case float[] a -> Type.FLOAT32;
      case double[] a -> Type.FLOAT64;
      case boolean[] a -> Type.BOOL;
      case String[] a -> Type.STRING;
      case Byte v -> Type.INT8;
      case Short v -> Type.INT16;
      case Integer v -> Type.INT32;
      case Long v -> Type.INT64;
      case Float v -> Type.FLOAT32;
      case Double v -> Type.FLOAT64;
      case Boolean v -> Type.BOOL;
      case String v -> Type.STRING;
      default -> throw new IllegalArgumentException("cannot write a value of type " + data.getClass().getSimpleName());
    };
  }

  private static int stringSize(Object data) {
    int max = 1;
    if (data instanceof String s) {
      return Math.max(1, s.getBytes(StandardCharsets.UTF_8).length);
    }
    for (String s : (String[]) data) {
      max = Math.max(max, s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length);
    }
    return max;
  }

  private static ByteBuffer encodeStrings(Object data, int size) {
    String[] values = data instanceof String s ? new String[] {s} : (String[]) data;
    ByteBuffer b = ByteBuffer.allocate(values.length * size);
    for (int i = 0; i < values.length; i++) {
      byte[] v = values[i] == null ? new byte[0] : values[i].getBytes(StandardCharsets.UTF_8);
      b.put(i * size, v, 0, v.length);
    }
    return b;
  }

  /** As {@link #encode(Object, int, int, Type)}, into {@code into} from its start. */
  private static void encode(Object data, int from, int len, Type type, byte[] into) {
    put(ByteBuffer.wrap(into, 0, len * type.size).order(ByteOrder.LITTLE_ENDIAN), data, from, len);
  }

  /** Little-endian bytes of {@code len} elements of a primitive array (or one boxed scalar). */
  static ByteBuffer encode(Object data, int from, int len, Type type) {
    if (!data.getClass().isArray()) {
      return switch (data) {
        case Boolean v -> encode(new boolean[] {v}, 0, 1, type);
        case Byte v -> encode(new byte[] {v}, 0, 1, type);
        case Short v -> encode(new short[] {v}, 0, 1, type);
        case Integer v -> encode(new int[] {v}, 0, 1, type);
        case Long v -> encode(new long[] {v}, 0, 1, type);
        case Float v -> encode(new float[] {v}, 0, 1, type);
        case Double v -> encode(new double[] {v}, 0, 1, type);
        case String v -> encodeStrings(v, stringSize(v));
        default -> throw new IllegalArgumentException("cannot write " + data.getClass().getSimpleName());
      };
    }
    ByteBuffer b = ByteBuffer.allocate(len * type.size).order(ByteOrder.LITTLE_ENDIAN);
    put(b, data, from, len);
    b.position(0).limit(len * type.size);
    return b;
  }

  /** Puts {@code len} elements of a primitive array from {@code from} into little-endian {@code b}. */
  private static void put(ByteBuffer b, Object data, int from, int len) {
    switch (data) {
      case byte[] a -> b.put(a, from, len);
      case boolean[] a -> { for (int i = 0; i < len; i++) b.put((byte) (a[from + i] ? 1 : 0)); }
      case short[] a -> b.asShortBuffer().put(a, from, len);
      case int[] a -> b.asIntBuffer().put(a, from, len);
      case long[] a -> b.asLongBuffer().put(a, from, len);
      case float[] a -> b.asFloatBuffer().put(a, from, len);
      case double[] a -> b.asDoubleBuffer().put(a, from, len);
      default -> throw new IllegalArgumentException("cannot write " + data.getClass().getSimpleName());
    }
  }

  // ------------------------------------------------------------------ messages

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Dataspace message, version 1 (rank 0 is a scalar). */
  static byte[] dataspace(long[] dims) {
    ByteBuffer b = le(8 + 8 * dims.length);
    b.put((byte) 1).put((byte) dims.length).put((byte) 0).put((byte) 0).putInt(0);
    for (long d : dims) {
      b.putLong(d);
    }
    return b.array();
  }

  /** Datatype message, version 1: fixed-point, IEEE float, fixed-length UTF-8 string, or h5py's bool enum. */
  static byte[] datatype(Type type, int stringSize) {
    switch (type) {
      case INT8, INT16, INT32, INT64 -> {
        ByteBuffer b = le(12);
        b.put((byte) 0x10).put((byte) 0x08).put((byte) 0).put((byte) 0).putInt(type.size);
        b.putShort((short) 0).putShort((short) (8 * type.size));
        return b.array();
      }
      case FLOAT32, FLOAT64 -> {
        boolean single = type == Type.FLOAT32;
        ByteBuffer b = le(20);
        b.put((byte) 0x11).put((byte) 0x20).put((byte) (single ? 31 : 63)).put((byte) 0).putInt(type.size);
        b.putShort((short) 0).putShort((short) (single ? 32 : 64));
        b.put((byte) (single ? 23 : 52)).put((byte) (single ? 8 : 11));
        b.put((byte) 0).put((byte) (single ? 23 : 52));
        b.putInt(single ? 127 : 1023);
        return b.array();
      }
      case BOOL -> {
        ByteBuffer b = le(38);
        b.put((byte) 0x18).put((byte) 2).put((byte) 0).put((byte) 0).putInt(1);
        b.put((byte) 0x10).put((byte) 0x08).put((byte) 0).put((byte) 0).putInt(1);
        b.putShort((short) 0).putShort((short) 8);
        b.put("FALSE\0\0\0".getBytes(StandardCharsets.US_ASCII));
        b.put("TRUE\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
        b.put((byte) 0).put((byte) 1);
        return b.array();
      }
      case STRING -> {
        ByteBuffer b = le(8);
        // Class 3, version 1; null-padded, UTF-8.
        b.put((byte) 0x13).put((byte) 0x11).put((byte) 0).put((byte) 0).putInt(stringSize);
        return b.array();
      }
      default -> throw new IllegalStateException(type.toString());
    }
  }

  static byte[] contiguousLayout(long address, long size) {
    ByteBuffer b = le(18);
    b.put((byte) 3).put((byte) 1).putLong(address).putLong(size);
    return b.array();
  }

  /** Data layout, version 3, chunked: dimensionality counts the element-size dimension too. */
  static byte[] chunkedLayout(long btree, int chunkElements, int elementSize) {
    ByteBuffer b = le(3 + 8 + 8);
    b.put((byte) 3).put((byte) 2).put((byte) 2).putLong(btree);
    b.putInt(chunkElements).putInt(elementSize);
    return b.array();
  }

  static byte[] chunkedLayout2d(long btree, int chunkRows, int cols, int elementSize) {
    ByteBuffer b = le(1 + 1 + 1 + 8 + 12);
    b.put((byte) 3).put((byte) 2).put((byte) 3).putLong(btree);
    b.putInt(chunkRows).putInt(cols).putInt(elementSize);
    return b.array();
  }

  /** Filter pipeline, version 1: shuffle (element size), then deflate (level). */
  static byte[] filterPipeline(int elementSize, int level, boolean shuffle) {
    ByteBuffer b = le(8 + (shuffle ? 16 : 0) + 16);
    b.put((byte) 1).put((byte) (shuffle ? 2 : 1)).put(new byte[6]);
    if (shuffle) {
      b.putShort((short) 2).putShort((short) 0).putShort((short) 1).putShort((short) 1).putInt(elementSize).putInt(0);
    }
    b.putShort((short) 1).putShort((short) 0).putShort((short) 1).putShort((short) 1).putInt(level).putInt(0);
    return b.array();
  }

  private void addAttributes(List<byte[]> messages, Map<String, Object> attrs) {
    if (attrs == null) {
      return;
    }
    for (Map.Entry<String, Object> e : attrs.entrySet()) {
      messages.add(message(0x000C, attribute(e.getKey(), e.getValue())));
    }
  }

  /** Attribute message, version 1; an empty array becomes a zero-length float64 (as anndata writes it). */
  static byte[] attribute(String name, Object value) {
    Object v = value;
    if (v.getClass().isArray() && Array.getLength(v) == 0) {
      v = new double[0];
    }
    Type type = typeOf(v);
    boolean scalar = !v.getClass().isArray();
    int count = scalar ? 1 : Array.getLength(v);
    int stringSize = type == Type.STRING ? stringSize(v) : 0;
    byte[] dt = datatype(type, stringSize);
    byte[] ds = dataspace(scalar ? new long[0] : new long[] {count});
    ByteBuffer data = type == Type.STRING ? encodeStrings(v, stringSize) : encode(v, 0, count, type);
    byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = le(8 + pad8(nameBytes.length) + pad8(dt.length) + pad8(ds.length) + data.limit());
    b.put((byte) 1).put((byte) 0).putShort((short) nameBytes.length).putShort((short) dt.length).putShort((short) ds.length);
    b.put(nameBytes).position(8 + pad8(nameBytes.length));
    b.put(dt).position(8 + pad8(nameBytes.length) + pad8(dt.length));
    b.put(ds).position(8 + pad8(nameBytes.length) + pad8(dt.length) + pad8(ds.length));
    b.put(data.array(), 0, data.limit());
    return b.array();
  }

  private static int pad8(int n) {
    return (n + 7) & ~7;
  }

  /** A header message: type, size (padded to 8), flags, then the data. */
  private static byte[] message(int type, byte[] data) {
    ByteBuffer b = le(8 + pad8(data.length));
    b.putShort((short) type).putShort((short) pad8(data.length)).put((byte) 0).put(new byte[3]);
    b.put(data);
    return b.array();
  }

  /** An object header, version 1, holding the messages; returns its address. */
  private long writeObjectHeader(List<byte[]> messages) {
    int size = 0;
    for (byte[] m : messages) {
      size += m.length;
    }
    // libhdf5 expects room for at least one message in a header; a NIL message pads tiny ones.
    int nil = size < 24 ? 24 - size : 0;
    int count = messages.size() + (nil > 0 ? 1 : 0);
    ByteBuffer b = le(16 + size + nil);
    b.put((byte) 1).put((byte) 0).putShort((short) count).putInt(1).putInt(size + nil).putInt(0);
    for (byte[] m : messages) {
      b.put(m);
    }
    if (nil > 0) {
      b.putShort((short) 0).putShort((short) (nil - 8)).putInt(0);
    }
    long address = allocate(b.capacity());
    write(address, ByteBuffer.wrap(b.array()));
    return address;
  }

  // ------------------------------------------------------------------ chunk indexes

  /** A version-1 B-tree (type 1) over the chunks of a 1-D dataset, built bottom-up; returns the root. */
  private long writeChunkIndex(List<long[]> chunks, int chunkElements, int elementSize) {
    long[][] offsets = new long[chunks.size()][];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = new long[] {(long) i * chunkElements, 0};
    }
    return writeChunkTree(chunks, offsets, new long[] {(long) chunks.size() * chunkElements, 0});
  }

  private long writeChunkIndex2d(List<long[]> chunks, int chunkRows, int cols, int elementSize) {
    long[][] offsets = new long[chunks.size()][];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = new long[] {(long) i * chunkRows, 0, 0};
    }
    return writeChunkTree(chunks, offsets, new long[] {(long) chunks.size() * chunkRows, 0, 0});
  }

  private long writeChunkTree(List<long[]> chunks, long[][] offsets, long[] end) {
    int rank = end.length;
    int keySize = 8 + 8 * rank;
    int nodeSize = 24 + 2 * CHUNK_K * 8 + (2 * CHUNK_K + 1) * keySize;
    // Level 0: children are chunks; a key is (stored size, filter mask, offsets) of its chunk.
    List<Long> addresses = new ArrayList<>();
    List<long[]> firstKeys = new ArrayList<>();
    for (int start = 0, lvl = 0; start < chunks.size(); start += 2 * CHUNK_K) {
      int n = Math.min(2 * CHUNK_K, chunks.size() - start);
      ByteBuffer b = le(nodeSize);
      b.put("TREE".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) lvl).putShort((short) n);
      b.putLong(UNDEFINED).putLong(UNDEFINED);
      for (int k = 0; k < n; k++) {
        putKey(b, (int) chunks.get(start + k)[1], offsets[start + k]);
        b.putLong(chunks.get(start + k)[0]);
      }
      putKey(b, 0, start + n < chunks.size() ? offsets[start + n] : end);
      long address = allocate(nodeSize);
      write(address, ByteBuffer.wrap(b.array()));
      addresses.add(address);
      firstKeys.add(offsets[start]);
    }
    int height = 0;
    while (addresses.size() > 1) {
      height++;
      List<Long> up = new ArrayList<>();
      List<long[]> upKeys = new ArrayList<>();
      for (int start = 0; start < addresses.size(); start += 2 * CHUNK_K) {
        int n = Math.min(2 * CHUNK_K, addresses.size() - start);
        ByteBuffer b = le(nodeSize);
        b.put("TREE".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) height).putShort((short) n);
        b.putLong(UNDEFINED).putLong(UNDEFINED);
        for (int k = 0; k < n; k++) {
          putKey(b, 0, firstKeys.get(start + k));
          b.putLong(addresses.get(start + k));
        }
        putKey(b, 0, start + n < addresses.size() ? firstKeys.get(start + n) : end);
        long address = allocate(nodeSize);
        write(address, ByteBuffer.wrap(b.array()));
        up.add(address);
        upKeys.add(firstKeys.get(start));
      }
      addresses = up;
      firstKeys = upKeys;
    }
    return addresses.get(0);
  }

  private static void putKey(ByteBuffer b, int size, long[] offsets) {
    b.putInt(size).putInt(0);
    for (long o : offsets) {
      b.putLong(o);
    }
  }

  // ------------------------------------------------------------------ groups on disk

  /**
   * Counts one more name for the object at {@code header} in its reference count (bytes 4 to 7 of a
   * version-1 object header), as libhdf5 does for a hard link, so that deleting one name in h5py
   * leaves the object to the other. Returns the address.
   */
  private long countLink(long header) {
    int count = linkCounts.merge(header, 2, (was, one) -> was + 1);
    ByteBuffer b = le(4);
    b.putInt(count);
    write(header + 4, ByteBuffer.wrap(b.array()));
    return header;
  }

  /** Writes a group's children (groups first, recursively), heap, B-tree and header. */
  private long writeGroup(Group g) {
    TreeMap<String, Long> links = new TreeMap<>(H5Writer::compareNames);
    for (Map.Entry<String, Object> e : g.children.entrySet()) {
      Object c = e.getValue();
      long address = switch (c) {
        case Group child -> writeGroup(child);
        case ChunkedDataset d -> d.header();
        case Long a -> a;
        case Link l -> countLink(switch (l.group().children.get(l.name())) {
          case ChunkedDataset d -> d.header();
          case Long a -> a;
          default -> throw new IllegalStateException();
        });
        default -> throw new IllegalStateException();
      };
      links.put(e.getKey(), address);
    }
    // Local heap of names: offset 0 holds the empty string, as libhdf5 writes it.
    List<String> names = new ArrayList<>(links.keySet());
    long[] nameOffset = new long[names.size()];
    int heapSize = 8;
    for (int i = 0; i < names.size(); i++) {
      nameOffset[i] = heapSize;
      heapSize += pad8(names.get(i).getBytes(StandardCharsets.UTF_8).length + 1);
    }
    heapSize = Math.max(heapSize, 16);
    ByteBuffer heapData = le(heapSize);
    for (int i = 0; i < names.size(); i++) {
      heapData.put((int) nameOffset[i], names.get(i).getBytes(StandardCharsets.UTF_8));
    }
    long dataAddress = allocate(heapSize);
    write(dataAddress, ByteBuffer.wrap(heapData.array()));
    ByteBuffer heap = le(32);
    heap.put("HEAP".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put(new byte[3]);
    heap.putLong(heapSize).putLong(1).putLong(dataAddress); // free list: H5HL_FREE_NULL (1), none
    long heapAddress = allocate(32);
    write(heapAddress, ByteBuffer.wrap(heap.array()));
    long btree = writeGroupTree(names, nameOffset, links);
    List<byte[]> messages = new ArrayList<>();
    ByteBuffer stab = le(16);
    stab.putLong(btree).putLong(heapAddress);
    messages.add(message(0x0011, stab.array()));
    addAttributes(messages, g.attributes);
    long header = writeObjectHeader(messages);
    if (g == root) {
      rootHeap = heapAddress;
      rootTree = btree;
    }
    return header;
  }

  private long rootHeap;
  private long rootTree;

  /** Symbol-table nodes of up to 8 entries under a B-tree of up to 32 children per node. */
  private long writeGroupTree(List<String> names, long[] nameOffset, Map<String, Long> links) {
    int snodCapacity = 2 * GROUP_LEAF_K;
    int snodSize = 8 + snodCapacity * 40;
    List<Long> snods = new ArrayList<>();
    List<Long> lastKey = new ArrayList<>(); // heap offset of the last name in each node
    for (int start = 0; start < names.size() || (start == 0 && names.isEmpty()); start += snodCapacity) {
      int n = Math.min(snodCapacity, names.size() - start);
      ByteBuffer b = le(snodSize);
      b.put("SNOD".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) n);
      for (int k = 0; k < n; k++) {
        b.putLong(nameOffset[start + k]).putLong(links.get(names.get(start + k))).putInt(0).putInt(0);
        b.putLong(0).putLong(0);
      }
      long address = allocate(snodSize);
      write(address, ByteBuffer.wrap(b.array()));
      snods.add(address);
      lastKey.add(n == 0 ? 0 : nameOffset[start + n - 1]);
      if (names.isEmpty()) {
        break;
      }
    }
    int fanout = 2 * GROUP_INTERNAL_K;
    int nodeSize = 24 + fanout * 8 + (fanout + 1) * 8;
    List<Long> children = snods;
    List<Long> keys = lastKey;
    int height = 0;
    do {
      List<Long> up = new ArrayList<>();
      List<Long> upKeys = new ArrayList<>();
      for (int start = 0; start < children.size(); start += fanout) {
        int n = Math.min(fanout, children.size() - start);
        ByteBuffer b = le(nodeSize);
        b.put("TREE".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) height).putShort((short) n);
        b.putLong(UNDEFINED).putLong(UNDEFINED);
        // key[0] is the empty name; key[k+1] is the last name under child k.
        b.putLong(start == 0 ? 0 : keys.get(start - 1));
        for (int k = 0; k < n; k++) {
          b.putLong(children.get(start + k));
          b.putLong(keys.get(start + k));
        }
        long address = allocate(nodeSize);
        write(address, ByteBuffer.wrap(b.array()));
        up.add(address);
        upKeys.add(keys.get(start + n - 1));
      }
      children = up;
      keys = upKeys;
      height++;
    } while (children.size() > 1);
    return children.get(0);
  }

  /** HDF5 orders group members by their names' bytes (strcmp). */
  private static int compareNames(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  // ------------------------------------------------------------------ file space

  private synchronized long allocate(long size) {
    long address = eof;
    eof += size;
    return address;
  }

  private void write(long address, ByteBuffer data) {
    try {
      ByteBuffer d = data.duplicate();
      long pos = address;
      while (d.hasRemaining()) {
        pos += channel.write(d, pos);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes every group, then the superblock pointing at the root, and closes the file. */
  @Override
  public void close() {
    try {
      long rootHeader = writeGroup(root);
      ByteBuffer sb = le(SUPERBLOCK_SIZE);
      sb.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
      sb.put(new byte[] {0, 0, 0, 0, 0, 8, 8, 0});
      sb.putShort((short) GROUP_LEAF_K).putShort((short) GROUP_INTERNAL_K).putInt(0);
      sb.putLong(0).putLong(UNDEFINED).putLong(eof).putLong(UNDEFINED);
      // Root symbol table entry, caching its B-tree and heap addresses.
      sb.putLong(0).putLong(rootHeader).putInt(1).putInt(0).putLong(rootTree).putLong(rootHeap);
      write(0, ByteBuffer.wrap(sb.array()));
      channel.truncate(eof);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
