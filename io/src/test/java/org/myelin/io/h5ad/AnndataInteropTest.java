package org.myelin.io.h5ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;

/**
 * h5ad interop with the real anndata (Debian's python3-anndata, installed by .ci/run): anndata
 * opens what myelin writes, and myelin opens what anndata writes, with every field equal. Values
 * are compared exactly: float32 and float64 survive HDF5 and JSON unchanged.
 */
class AnndataInteropTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  static String python() {
    return org.myelin.io.SharedData.python();
  }

  private JsonNode runPython(String mode, Path h5ad) throws IOException, InterruptedException {
    Path script = tmp.resolve("anndata_interop.py");
    try (InputStream in = getClass().getResourceAsStream("/interop/anndata_interop.py")) {
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path out = tmp.resolve(mode + ".json");
    Files.deleteIfExists(out);
    Process p = new ProcessBuilder(python(), script.toString(), mode, h5ad.toString(), out.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
    if (p.exitValue() != 0) {
      fail("anndata (" + python() + ") failed; .ci/run installs python3-anndata and python3-h5py:\n" + log);
    }
    return JSON.readTree(out.toFile());
  }

  @Test
  void anndataReadsWhatMyelinWrites() throws Exception {
    CellData d = InteropFixtures.everything(42);
    Path file = tmp.resolve("myelin.h5ad");
    H5adWriter.write(d, file, false);
    compare(d, runPython("dump", file));
  }

  @Test
  void everyCompressionIsReadByAnndataAndByMyelin() throws Exception {
    // The fixture's X is too small to be chunked; a 300 x 400 matrix with 20% non-zeros is.
    CellData d = InteropFixtures.everything(42);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    long[] ptr = new long[301];
    java.util.List<Integer> idx = new java.util.ArrayList<>();
    java.util.List<Float> val = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      for (int j = 0; j < 400; j++) {
        if (rnd.nextInt(5) == 0) {
          idx.add(j);
          val.add((float) (1 + rnd.nextInt(9)));
        }
      }
      ptr[i + 1] = idx.size();
    }
    float[] v = new float[val.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = val.get(k);
    }
    String[] cells = new String[300];
    String[] genes = new String[400];
    java.util.Arrays.setAll(cells, i -> "c" + i);
    java.util.Arrays.setAll(genes, j -> "g" + j);
    CellData big = new CellData(CsrMatrix.fromCsr(400, ptr, idx.stream().mapToInt(Integer::intValue).toArray(), v),
        new Frame(cells), new Frame(genes));
    long previous = Long.MAX_VALUE;
    for (String how : new String[] {"none", "gzip:1", "gzip:9"}) {
      Path file = tmp.resolve(how.replace(':', '_') + ".h5ad");
      try (Parallel p = new Parallel(2)) {
        H5adWriter.write(big, file, false, p, org.myelin.core.tool.Progress.NONE,
            org.myelin.io.hdf.Compression.parse(how));
      }
      compare(big, runPython("dump", file));
      assertEquals(!how.equals("none"), hasDeflate(file), how + ": stored as asked");
      CellData back;
      try (H5adFile f = H5adFile.open(file); Parallel p = new Parallel(2)) {
        back = f.read(p, false);
      }
      for (int i = 0; i < 300; i += 37) {
        for (int j = 0; j < 400; j += 11) {
          assertEquals(big.x().get(i, j), back.x().get(i, j), 0.0, how);
        }
      }
      long size = Files.size(file);
      assertTrue(size < previous, how + " is smaller than the one before: " + size);
      previous = size;
    }
    assertNotNull(d);
  }

  @Test
  void aLayerWithTheStructureOfXNamesXsIndicesAndHdf5CountsBothNames() throws Exception {
    // The fixture's counts layer has X's rows and columns, in arrays of its own.
    CellData d = InteropFixtures.everything(7);
    assertTrue(d.layers().get("counts").sameStructure(d.x()));
    Path file = tmp.resolve("linked.h5ad");
    H5adWriter.write(d, file, false);
    compare(d, runPython("dump", file));
    // One object with two names, its reference count 2 (deleting X in h5py leaves the layer whole);
    // X's values are its own.
    Process p = new ProcessBuilder(python(), "-c", String.join("\n",
        "import h5py, sys",
        "f = h5py.File(sys.argv[1], 'r')",
        "rc = lambda k: h5py.h5o.get_info(f[k].id)",
        "print(rc('X/indices').addr == rc('layers/counts/indices').addr, rc('X/indices').rc,",
        "      rc('X/indptr').addr == rc('layers/counts/indptr').addr, rc('X/indptr').rc,",
        "      rc('X/data').addr == rc('layers/counts/data').addr, rc('X/data').rc)"), file.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals("True 2 True 2 False 1", out);
    // A layer of another structure keeps its own.
    CsrMatrix x = d.x();
    CsrMatrix other = CsrMatrix.fromCsr(x.nCols(), new long[x.nRows() + 1], new int[0], new float[0]);
    assertTrue(!other.sameStructure(x));
  }

  /** Whether X's values carry the deflate filter (h5py's view of the file). */
  private boolean hasDeflate(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(python(), "-c", "import h5py,sys; print(h5py.File(sys.argv[1])['X/data'].compression)",
        file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out.endsWith("gzip");
  }

  @Test
  void myelinReadsWhatAnndataWrites() throws Exception {
    Path file = tmp.resolve("anndata.h5ad");
    JsonNode expected = runPython("make", file);
    CellData d;
    try (H5adFile f = H5adFile.open(file); Parallel p = new Parallel(2)) {
      d = f.read(p, false);
    }
    compare(d, expected);
  }

  private static void compare(CellData d, JsonNode j) {
    assertEquals(d.nObs(), j.get("shape").get(0).asInt());
    assertEquals(d.nVars(), j.get("shape").get(1).asInt());
    compareDense("X", d.x(), j.get("X"));
    assertEquals(d.layers().keySet(), keys(j.get("layers")));
    d.layers().forEach((k, m) -> compareDense("layers/" + k, m, j.get("layers").get(k).get("__sparse__")));
    compareFrame("obs", d.obs(), j.get("obs"));
    compareFrame("var", d.var(), j.get("var"));
    assertEquals(d.obsm().keySet(), keys(j.get("obsm")));
    d.obsm().forEach((k, m) -> compareMatrix("obsm/" + k, m, j.get("obsm").get(k)));
    assertEquals(d.varm().keySet(), keys(j.get("varm")));
    d.varm().forEach((k, m) -> compareMatrix("varm/" + k, m, j.get("varm").get(k)));
    assertEquals(d.obsp().keySet(), keys(j.get("obsp")));
    d.obsp().forEach((k, m) -> compareDense("obsp/" + k, m, j.get("obsp").get(k).get("__sparse__")));
    assertEquals(d.uns().keySet(), keys(j.get("uns")));
    d.uns().forEach((k, v) -> compareValue("uns/" + k, v, j.get("uns").get(k)));
    if (d.raw() == null) {
      assertTrue(j.get("raw").isNull());
    } else {
      compareDense("raw/X", d.raw().x(), j.get("raw").get("X").get("__sparse__"));
      compareFrame("raw/var", d.raw().var(), j.get("raw").get("var"));
    }
  }

  private static java.util.Set<String> keys(JsonNode node) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static void compareDense(String what, CsrMatrix m, JsonNode rows) {
    assertEquals(m.nRows(), rows.size(), what + " rows");
    for (int i = 0; i < m.nRows(); i++) {
      for (int c = 0; c < m.nCols(); c++) {
        double expected = rows.get(i).get(c).asDouble();
        double actual = m.get(i, c);
        assertEquals(m.isDouble() ? expected : (float) expected, m.isDouble() ? actual : (float) actual, 0.0,
            what + "[" + i + ", " + c + "]");
      }
    }
  }

  private static void compareMatrix(String what, DenseMatrix m, JsonNode rows) {
    assertEquals(m.nRows(), rows.size(), what + " rows");
    for (int i = 0; i < m.nRows(); i++) {
      for (int c = 0; c < m.nCols(); c++) {
        assertEquals(rows.get(i).get(c).asDouble(), m.get(i, c), 0.0, what + "[" + i + ", " + c + "]");
      }
    }
  }

  private static void compareFrame(String what, Frame f, JsonNode j) {
    assertEquals(f.nRows(), j.get("index").size(), what + " rows");
    for (int i = 0; i < f.nRows(); i++) {
      assertEquals(j.get("index").get(i).asText(), f.index()[i], what + " index " + i);
    }
    assertEquals(f.columns().keySet(), keys(j.get("columns")), what + " columns");
    for (Map.Entry<String, Column> e : f.columns().entrySet()) {
      String where = what + "/" + e.getKey();
      JsonNode c = j.get("columns").get(e.getKey());
      String dtype = c.get("dtype").asText();
      switch (e.getValue()) {
        case CategoricalColumn cat -> {
          assertEquals("category", dtype, where);
          assertEquals(cat.ordered(), c.get("ordered").asBoolean(), where + " ordered");
          for (int k = 0; k < cat.categories().length; k++) {
            assertEquals(c.get("categories").get(k).asText(), cat.categories()[k], where + " category " + k);
          }
          for (int i = 0; i < f.nRows(); i++) {
            assertEquals(c.get("codes").get(i).asInt(), cat.codes()[i], where + " code " + i);
          }
        }
        case DoubleColumn dc -> {
          assertEquals("float", dtype, where);
          for (int i = 0; i < f.nRows(); i++) {
            JsonNode v = c.get("values").get(i);
            if (v.isNull()) {
              assertTrue(Double.isNaN(dc.values()[i]), where + " " + i);
            } else {
              assertEquals(v.asDouble(), dc.values()[i], 0.0, where + " " + i);
            }
          }
        }
        case IntColumn ic -> {
          assertEquals(ic.missing() == null ? "int" : "Int64", dtype, where);
          for (int i = 0; i < f.nRows(); i++) {
            JsonNode v = c.get("values").get(i);
            assertEquals(v.isNull(), ic.isMissing(i), where + " missing " + i);
            if (!v.isNull()) {
              assertEquals(v.asLong(), ic.values()[i], where + " " + i);
            }
          }
        }
        case BooleanColumn bc -> {
          assertEquals(bc.missing() == null ? "bool" : "boolean", dtype, where);
          for (int i = 0; i < f.nRows(); i++) {
            JsonNode v = c.get("values").get(i);
            assertEquals(v.isNull(), bc.isMissing(i), where + " missing " + i);
            if (!v.isNull()) {
              assertEquals(v.asBoolean(), bc.values()[i], where + " " + i);
            }
          }
        }
        case StringColumn sc -> {
          assertEquals("string", dtype, where);
          for (int i = 0; i < f.nRows(); i++) {
            assertEquals(c.get("values").get(i).asText(), sc.values()[i], where + " " + i);
          }
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void compareValue(String where, Object v, JsonNode j) {
    assertNotNull(j, where + " missing on the other side");
    switch (v) {
      case String s -> assertEquals(j.asText(), s, where);
      case Boolean b -> assertEquals(j.asBoolean(), b, where);
      case Long l -> assertEquals(j.asLong(), l, where);
      case Double d -> assertEquals(j.asDouble(), d, 0.0, where);
      case Map<?, ?> m -> {
        assertEquals(((Map<String, Object>) m).keySet(), keys(j), where);
        ((Map<String, Object>) m).forEach((k, x) -> compareValue(where + "/" + k, x, j.get(k)));
      }
      case Frame f -> compareFrame(where, f, j.get("__frame__"));
      case CsrMatrix m -> compareDense(where, m, j.get("__sparse__"));
      case DenseMatrix m -> compareMatrix(where, m, j);
      default -> {
        assertTrue(v.getClass().isArray(), where + ": unexpected " + v.getClass());
        assertEquals(Array.getLength(v), j.size(), where + " length");
        Iterator<JsonNode> it = j.elements();
        for (int i = 0; i < Array.getLength(v); i++) {
          JsonNode e = it.next();
          Object x = Array.get(v, i);
          if (x instanceof String s) {
            assertEquals(e.asText(), s, where + "[" + i + "]");
          } else if (x instanceof Boolean b) {
            assertEquals(e.asBoolean(), b, where + "[" + i + "]");
          } else {
            double expected = e.asDouble();
            double actual = ((Number) x).doubleValue();
            if (x instanceof Float) {
              assertEquals((float) expected, (float) actual, 0.0f, where + "[" + i + "]");
            } else {
              assertEquals(expected, actual, 0.0, where + "[" + i + "]");
            }
          }
        }
      }
    }
  }
}
