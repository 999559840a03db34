package org.myelin.io.hdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.parallel.Parallel;

/**
 * Files from our HDF5 writer read back with jhdf and with libhdf5 itself (through h5py): groups
 * larger than one B-tree node, chunked datasets appended in pieces (a multi-level chunk index),
 * two-dimensional chunks, empty datasets and groups, h5py booleans, UTF-8 strings, attributes.
 */
class H5WriterTest {

  @TempDir
  Path tmp;

  private Path sample() {
    Path p = tmp.resolve("sample.h5");
    try (H5Writer w = new H5Writer(p); Parallel par = new Parallel(2)) {
      H5Writer.Group root = w.root();
      root.attribute("encoding-type", "anndata").attribute("shape", new long[] {3, 4}).attribute("empty", new String[0])
          .attribute("flag", Boolean.TRUE);
      H5Writer.Group g = root.group("obs");
      g.dataset("_index", new String[] {"a", "bb", "ü"}, Map.of("encoding-type", "string-array"));
      g.dataset("bools", new boolean[] {true, false, true}, null);
      g.dataset("scalar", 3.5, null);
      g.dataset("text", "hello", null);
      g.dataset("empty", new float[0], null);
      root.group("nothing");
      H5Writer.Group many = root.group("many");
      for (int i = 0; i < 300; i++) {
        many.dataset("d" + i, new long[] {i}, null);
      }
      H5Writer.ChunkedDataset c = root.chunked("streamed", H5Writer.Type.INT32, Map.of("note", "streamed"));
      int[] piece = new int[100_000];
      for (int i = 0; i < piece.length; i++) {
        piece[i] = i;
      }
      for (int k = 0; k < 50; k++) {
        c.append(piece, 0, piece.length, par); // 5,000,000 values: 77 chunks, a two-level index
      }
      c.append(piece, 7, 123, par);
      c.finish();
      H5Writer.ChunkedDataset r = root.chunked("normalised", H5Writer.Type.FLOAT32, null);
      r.append(normalisedRows(), 0, 300_000, par);
      r.finish();
      double[] m = new double[10_000 * 3];
      for (int i = 0; i < m.length; i++) {
        m[i] = i * 0.5;
      }
      root.dataset2d("matrix", m, 10_000, 3, null);
    }
    return p;
  }

  /**
   * Values laid out like a normalised X: rows of 300 log1p(count x row scale), mostly count 1, so a
   * row repeats whole floats.
   */
  private static float[] normalisedRows() {
    java.util.Random random = new java.util.Random(7);
    float[] v = new float[300_000];
    for (int row = 0; row < 1000; row++) {
      double scale = 1e4 / (500 + random.nextInt(5000));
      for (int i = 0; i < 300; i++) {
        int count = 1 + (random.nextDouble() < 0.3 ? random.nextInt(6) : 0);
        v[row * 300 + i] = (float) Math.log1p(count * scale);
      }
    }
    return v;
  }

  @Test
  void eachDatasetKeepsShuffleOnlyWhereItMakesTheFirstChunkSmaller() {
    Path p = sample();
    try (HdfFile f = H5.open(p)) {
      // Sorted integers shrink shuffled; a normalised row's repeated floats shrink unshuffled.
      assertEquals(List.of(2, 1), filterIds(f.getDatasetByPath("/streamed")));
      Dataset n = f.getDatasetByPath("/normalised");
      assertEquals(List.of(1), filterIds(n));
      assertTrue(ChunkedReader.supports(n));
      assertArrayEquals(normalisedRows(), ChunkedReader.readFloats(n, 0, 300_000));
    }
  }

  private static List<Integer> filterIds(Dataset d) {
    return d.getFilters().stream().map(io.jhdf.filter.PipelineFilterWithData::getId).toList();
  }

  @Test
  void jhdfAndOurChunkReaderReadItBack() {
    Path p = sample();
    try (HdfFile f = H5.open(p)) {
      Dataset s = f.getDatasetByPath("/streamed");
      assertEquals(5_000_123, s.getSize());
      assertTrue(ChunkedReader.supports(s));
      int[] v = ChunkedReader.readInts(s, 4_999_995, 10);
      assertArrayEquals(new int[] {99_995, 99_996, 99_997, 99_998, 99_999, 7, 8, 9, 10, 11}, v);
      // The last chunk is stored whole: past the data it holds zeros, not an earlier chunk's values.
      int last = 5_000_123 / H5Writer.CHUNK_ELEMENTS;
      java.nio.ByteBuffer chunk = java.nio.ByteBuffer.wrap(((io.jhdf.api.dataset.ChunkedDataset) s)
          .getDecompressedChunk(new int[] {last * H5Writer.CHUNK_ELEMENTS})).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      int inData = 5_000_123 - last * H5Writer.CHUNK_ELEMENTS;
      assertEquals(122 + 7, chunk.getInt(4 * (inData - 1)));
      for (int i = inData; i < H5Writer.CHUNK_ELEMENTS; i++) {
        assertEquals(0, chunk.getInt(4 * i), "element " + i + " of the last chunk");
      }
      assertArrayEquals(new String[] {"a", "bb", "ü"}, (String[]) f.getDatasetByPath("/obs/_index").getData());
      assertEquals(300, ((Group) f.getByPath("/many")).getChildren().size());
      assertEquals(299L, ((long[]) f.getDatasetByPath("/many/d299").getData())[0]);
      assertTrue(((Group) f.getByPath("/nothing")).getChildren().isEmpty());
      double[][] m = (double[][]) f.getDatasetByPath("/matrix").getData();
      assertEquals(9_999 * 3 * 0.5 + 1, m[9_999][2], 0.0);
      assertEquals("anndata", H5.attrString(f, "encoding-type"));
      assertArrayEquals(new long[] {3, 4}, H5.attrLongs(f, "shape"));
    }
  }

  @Test
  void libhdf5ReadsItThroughH5py() throws Exception {
    Path p = sample();
    String script = String.join("\n",
        "import sys, h5py, numpy as np",
        "h = h5py.File(sys.argv[1], 'r')",
        "s = h['streamed'][()]",
        "exp = np.concatenate([np.arange(100000)] * 50 + [np.arange(7, 130)])",
        "assert s.shape == (5000123,) and np.array_equal(s, exp), 'streamed'",
        "assert h['streamed'].compression == 'gzip' and h['streamed'].shuffle",
        "n = h['normalised']",
        "assert n.compression == 'gzip' and not n.shuffle and n.shape == (300000,) and n.dtype == np.float32",
        "assert np.isfinite(n[()]).all() and n[()].min() > 0",
        "assert list(h['obs/_index'].asstr()[()]) == ['a', 'bb', 'ü']",
        "assert h['obs/bools'].dtype == bool and list(h['obs/bools'][()]) == [True, False, True]",
        "assert h['obs/scalar'][()] == 3.5 and h['obs/text'][()] == b'hello' and h['obs/empty'].shape == (0,)",
        "assert len(h['many']) == 300 and h['many/d150'][0] == 150 and len(h['nothing']) == 0",
        "assert np.array_equal(h['matrix'][()].ravel(), np.arange(30000) * 0.5)",
        "assert h.attrs['flag'] == True and list(h.attrs['shape']) == [3, 4] and h.attrs['empty'].shape == (0,)",
        "print('ok')");
    Path py = tmp.resolve("check.py");
    Files.writeString(py, script);
    String python = System.getenv().getOrDefault("MYELIN_PYTHON", "/usr/bin/python3");
    Process proc = new ProcessBuilder(python, py.toString(), p.toString()).redirectErrorStream(true).start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(proc.waitFor(120, TimeUnit.SECONDS));
    if (proc.exitValue() != 0) {
      fail("h5py could not read the file (.ci/run installs python3-h5py):\n" + out);
    }
    assertEquals("ok", out.strip());
  }

  @Test
  void datasetsPreparedAheadOnOtherThreadsGiveTheSameFile() throws Exception {
    Object[] arrays = {normalisedRows(), new double[] {1.5, 2.5}, new String[] {"a", "bb"}, new int[70_000],
        new boolean[5_000], "text", 7L};
    Path direct = tmp.resolve("direct.h5");
    try (H5Writer w = new H5Writer(direct)) {
      for (int i = 0; i < arrays.length; i++) {
        w.root().dataset("d" + i, arrays[i], null);
      }
    }
    Path ahead = tmp.resolve("ahead.h5");
    try (H5Writer w = new H5Writer(ahead); Parallel par = new Parallel(2)) {
      H5Writer.Prepared[] made = new H5Writer.Prepared[arrays.length];
      par.forEach(arrays.length, i -> made[i] = w.prepare(arrays[i]));
      for (int i = 0; i < arrays.length; i++) {
        w.root().dataset("d" + i, made[i], null);
      }
    }
    assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(ahead));
  }

  @Test
  void aMatrixCompressedOnSeveralThreadsGivesTheSameFile() throws Exception {
    // 40,000 x 50 float32, as an embedding: 31 chunks of 1,310 rows, the last one short.
    float[] m = new float[40_000 * 50];
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) random.nextGaussian();
    }
    Path one = tmp.resolve("one.h5");
    try (H5Writer w = new H5Writer(one)) {
      w.root().dataset2d("X_pca", m, 40_000, 50, null);
    }
    Path three = tmp.resolve("three.h5");
    try (H5Writer w = new H5Writer(three); Parallel par = new Parallel(3)) {
      w.root().dataset2d("X_pca", m, 40_000, 50, null, par);
    }
    assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(three));
    try (HdfFile f = new HdfFile(three)) {
      float[][] back = (float[][]) f.getDatasetByPath("X_pca").getData();
      assertEquals(m[39_999 * 50 + 49], back[39_999][49]);
      assertEquals(m[1_310 * 50], back[1_310][0]);
    }
  }

  @Test
  void chunksShuffledStraightFromAnArrayMatchTheEncodedBytesShuffled() {
    java.util.Random random = new java.util.Random(3);
    int n = H5Writer.CHUNK_ELEMENTS + 17;
    float[] f = new float[n];
    int[] i = new int[n];
    double[] d = new double[n];
    long[] l = new long[n];
    short[] s = new short[n];
    for (int k = 0; k < n; k++) {
      f[k] = random.nextFloat() - 0.5f;
      i[k] = random.nextInt();
      d[k] = random.nextGaussian();
      l[k] = random.nextLong();
      s[k] = (short) random.nextInt();
    }
    Object[] arrays = {f, i, d, l, s};
    H5Writer.Type[] types = {H5Writer.Type.FLOAT32, H5Writer.Type.INT32, H5Writer.Type.FLOAT64, H5Writer.Type.INT64,
        H5Writer.Type.INT16};
    for (int a = 0; a < arrays.length; a++) {
      byte[] encoded = H5Writer.encode(arrays[a], 17, H5Writer.CHUNK_ELEMENTS, types[a]).array();
      assertArrayEquals(H5Writer.shuffle(encoded, types[a].size), H5Writer.shuffle(arrays[a], 17, types[a]),
          types[a].toString());
    }
  }

  @Test
  void shuffleAndUnshuffleForEveryElementSize() {
    // Lengths that leave a tail of stray bytes, for the 4- and 8-byte fast paths and the general one.
    for (int size : new int[] {1, 2, 4, 8}) {
      for (int n : new int[] {0, size, 7 * size, 64 * size + 3}) {
        byte[] raw = new byte[n];
        for (int i = 0; i < n; i++) {
          // For 8-byte elements every other case has zero upper halves: the fast path for int64 indices.
          raw[i] = size == 8 && n % 2 == 0 && i % 8 >= 4 ? 0 : (byte) (i * 31 + 7);
        }
        int elements = n / size;
        byte[] shuffled = new byte[n];
        for (int e = 0; e < elements; e++) {
          for (int b = 0; b < size; b++) {
            shuffled[b * elements + e] = raw[e * size + b];
          }
        }
        if (n % size == 0) {
          // The writer's shuffle (whole elements only: chunks are) gives the same bytes.
          assertArrayEquals(shuffled, H5Writer.shuffle(raw, size), "shuffle, size " + size + ", n " + n);
        }
        System.arraycopy(raw, elements * size, shuffled, elements * size, n - elements * size);
        byte[] back = new byte[n];
        ChunkedReader.unshuffle(shuffled, back, size, n);
        assertArrayEquals(raw, back, "size " + size + ", n " + n);
      }
    }
  }

  @Test
  void badNamesAndUnfinishedDatasetsAreRefused() {
    Path p = tmp.resolve("bad.h5");
    H5Writer w = new H5Writer(p);
    assertThrows(IllegalArgumentException.class, () -> w.root().group("a/b"));
    w.root().group("x");
    assertThrows(IllegalArgumentException.class, () -> w.root().group("x"));
    w.root().chunked("never_finished", H5Writer.Type.FLOAT32, null);
    IllegalStateException e = assertThrows(IllegalStateException.class, w::close);
    assertTrue(e.getMessage().contains("never_finished was not finished"), e.getMessage());
  }
}
