package org.myelin.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;
import org.myelin.io.UnsupportedFileException;
import org.myelin.io.h5ad.InteropFixtures;

class TableWriterTest {

  @TempDir
  Path tmp;

  private static Frame sample() {
    Frame f = new Frame(new String[] {"cell1", "cell,2", "cell3"});
    f.put("x", new DoubleColumn(new double[] {1.5, Double.NaN, -3}));
    f.put("y", new DoubleColumn(new double[] {10, 20, 30.25}));
    f.put("n", new IntColumn(new long[] {1, 2, 3}, new boolean[] {false, true, false}));
    f.put("injured", new BooleanColumn(new boolean[] {true, false, true}));
    f.put("type", CategoricalColumn.fromValues(new String[] {"Schwann", "CD8 T", null}));
    f.put("note", new StringColumn(new String[] {"a\tb", "quote \"q\"", "ü"}));
    return f;
  }

  @Test
  void arrowFilesAreReadByApacheArrowJs() throws Exception {
    Path file = tmp.resolve("obs.arrow");
    TableWriter.write(sample(), "obs_names", file, false);
    JsonNode t = readWithNode(file);
    assertEquals(3, t.get("rows").asInt());
    assertEquals("obs_names", t.get("schema").get(0).get(0).asText());
    assertEquals("Float64", t.get("schema").get(1).get(1).asText());
    assertEquals("Int64", t.get("schema").get(3).get(1).asText());
    assertEquals("Bool", t.get("schema").get(4).get(1).asText());
    JsonNode c = t.get("columns");
    assertEquals("cell,2", c.get("obs_names").get(1).asText());
    assertEquals(1.5, c.get("x").get(0).asDouble());
    assertTrue(c.get("x").get(1).isNull());
    assertEquals(30.25, c.get("y").get(2).asDouble());
    assertTrue(c.get("n").get(1).isNull());
    assertEquals(3, c.get("n").get(2).asLong());
    assertTrue(c.get("injured").get(0).asBoolean());
    assertEquals("CD8 T", c.get("type").get(1).asText());
    assertTrue(c.get("type").get(2).isNull());
    assertEquals("ü", c.get("note").get(2).asText());
  }

  /** Runs io/src/test/node/read_arrow.mjs; its node_modules are installed by .ci/run. */
  static JsonNode readWithNode(Path file) throws Exception {
    Path dir = Path.of("src", "test", "node").toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("node_modules", "apache-arrow"))) {
      fail("apache-arrow is not installed in " + dir + "; run .ci/run (or npm ci there) first");
    }
    Process p = new ProcessBuilder("node", dir.resolve("read_arrow.mjs").toString(), file.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "node failed reading " + file);
    return new ObjectMapper().readTree(out);
  }

  @Test
  void textTablesQuoteWhatNeedsQuotingAndReadBack() throws Exception {
    for (String name : new String[] {"obs.tsv", "obs.tsv.gz", "obs.csv"}) {
      Path file = tmp.resolve(name);
      TableWriter.write(sample(), "obs_names", file, false);
      DelimitedTable t = DelimitedTable.read(file);
      assertEquals("obs_names", t.header()[0]);
      assertEquals(7, t.header().length);
      assertEquals(3, t.rows().size());
      assertEquals("cell,2", t.rows().get(1)[0]);
      assertEquals("", t.rows().get(1)[1], "NaN is written empty");
      assertEquals("a\tb", t.rows().get(0)[6]);
      assertEquals("quote \"q\"", t.rows().get(1)[6]);
    }
    byte[] gz = Files.readAllBytes(tmp.resolve("obs.tsv.gz"));
    assertEquals(0x1f, gz[0] & 0xff, "a .gz name gives a gzip file");
  }

  @Test
  void cellTablesJoinFromArrowAndCsv() {
    CellData d = InteropFixtures.everything(1);
    Frame coords = new Frame(d.obs().index());
    double[] x = new double[d.nObs()];
    double[] y = new double[d.nObs()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i * 10.5;
      y[i] = -i;
    }
    coords.put("x_centroid", new DoubleColumn(x));
    coords.put("y_centroid", new DoubleColumn(y));
    for (String name : new String[] {"cells.arrow", "cells.csv.gz"}) {
      Path file = tmp.resolve(name);
      TableWriter.write(coords.select(reversed(d.nObs())), "cell_id", file, false);
      CellTable t = CellTable.read(file, CellTable.Columns.DETECT);
      t.joinInto(d);
      assertEquals(10.5 * 7, d.obsm().get("spatial").get(7, 0), 0.0, name);
      assertEquals(-7, d.obsm().get("spatial").get(7, 1), 0.0, name);
    }
  }

  private static int[] reversed(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = n - 1 - i;
    }
    return r;
  }

  @Test
  void parquetIsRefusedPlainly() {
    UnsupportedFileException e = assertThrows(UnsupportedFileException.class,
        () -> TableWriter.write(sample(), "obs_names", tmp.resolve("obs.parquet"), false));
    assertTrue(e.getMessage().contains("Parquet is not written"), e.getMessage());
    assertTrue(Files.notExists(tmp.resolve("obs.parquet")));
  }
}
