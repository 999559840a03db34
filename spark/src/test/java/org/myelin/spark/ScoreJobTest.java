package org.myelin.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myelin.spark.SparkJobs.myelin;
import static org.myelin.spark.SparkJobs.ok;
import static org.myelin.spark.SparkJobs.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.QcMetrics;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.io.CellDataIO;
import tools.jackson.databind.JsonNode;

/**
 * The atlas job in local mode: a 200,000-cell simulated file scored in 8 row ranges equals {@code
 * myelin score} on the whole file (module scores included, whose gene statistics come from a first
 * pass folded across ranges) and {@code myelin qc}'s per-cell metrics, to the bit.
 */
class ScoreJobTest {

  @TempDir
  static Path tmp;

  static Path atlas;

  @BeforeAll
  static void simulate() {
    atlas = tmp.resolve("atlas.h5ad");
    ok(myelin("simulate", "--cells", "200000", "--genes", "1500", "--seed", "7", "-o", atlas.toString(), "--quiet"));
  }

  @Test
  void eightRangesEqualMyelinScoreAndQc() throws Exception {
    Path out = tmp.resolve("scores.parquet");
    ok(spark("score", atlas.toString(), "--signatures", "builtin", "--score-method", "module,ucell,aucell",
        "--out", out.toString(), "--master", "local[2]", "--ranges", "8"));
    Path scored = tmp.resolve("scored.h5ad");
    ok(myelin("score", atlas.toString(), "--signatures", "builtin", "--score-method", "module,ucell,aucell",
        "-o", scored.toString(), "--quiet"));
    CellData want;
    CellData counts;
    try (Parallel p = new Parallel(2)) {
      want = CellDataIO.read(scored, CellDataIO.ReadOptions.DEFAULT, p);
      counts = CellDataIO.read(atlas, CellDataIO.ReadOptions.DEFAULT, p);
      QcMetrics.compute(counts, new QcMetrics.Options(List.of("mt"), QcMetrics.DEFAULT_PERCENT_TOP, true), p);
    }
    List<Path> parts = SparkJobs.parts(out);
    assertEquals(8, parts.size(), "one Parquet file per range: " + parts);

    SparkSession session = SparkSession.builder().master("local[1]").appName("read back").getOrCreate();
    try {
      Dataset<Row> read = session.read().parquet(out.toString());
      List<Row> rows = read.collectAsList();
      assertEquals(200_000, rows.size());
      String[] names = read.columns();
      // Spark reads the part files in an order of its own; each row is matched by its cell's name.
      java.util.Map<String, Integer> at = new java.util.HashMap<>();
      for (int i = 0; i < want.nObs(); i++) {
        at.put(want.obs().index()[i], i);
      }
      int[] cell = rows.stream().mapToInt(r -> at.get(r.getString(0))).toArray();
      assertEquals(want.nObs(), java.util.Arrays.stream(cell).distinct().count(), "every cell once");
      int scores = 0;
      int metrics = 0;
      for (int c = 1; c < names.length; c++) {
        Frame from = want.obs().has(names[c]) ? want.obs() : counts.obs();
        Column col = from.get(names[c]);
        for (int k = 0; k < rows.size(); k++) {
          Row r = rows.get(k);
          int i = cell[k];
          if (col instanceof IntColumn n) {
            assertEquals(n.values()[i], r.getLong(c), names[c]);
          } else {
            double w = ((DoubleColumn) col).values()[i];
            assertEquals(Double.doubleToLongBits(w), Double.doubleToLongBits(r.getDouble(c)), names[c] + " of cell "
                + i + ": " + w + " vs " + r.getDouble(c));
          }
        }
        if (QcMetrics.isCellMetric(names[c])) {
          metrics++;
        } else {
          scores++;
        }
      }
      assertTrue(scores > 100, scores + " score columns");
      assertEquals(11, metrics, "myelin qc's per-cell metrics with the mt group");
    } finally {
      session.close();
    }

    // The first range through hyparquet: the file's first cells, in order.
    List<JsonNode> first = SparkJobs.readWithHyparquet(parts.get(0));
    assertEquals(want.obs().index()[0], first.get(1).get(0).asString());
    for (int c = 1; c < first.get(0).size(); c++) {
      String name = first.get(0).get(c).asString();
      Column col = want.obs().has(name) ? want.obs().get(name) : counts.obs().get(name);
      for (int i = 0; i < 100; i++) {
        double w = col instanceof IntColumn n ? n.values()[i] : ((DoubleColumn) col).values()[i];
        JsonNode got = first.get(1 + i).get(c);
        assertEquals(w, got.isNull() ? Double.NaN : got.asDouble(), 0, name);
      }
    }
  }

  @Test
  void anOutputThatExistsIsRefusedUnlessForced() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("taken.parquet"));
    Files.writeString(out.resolve("old.txt"), "an earlier output");
    SparkJobs.Ran ran = spark("score", atlas.toString(), "--out", out.toString(), "--master", "local[1]");
    assertEquals(2, ran.code());
    assertTrue(ran.err().contains("taken.parquet exists; use --force to replace it"), ran.err());
    assertTrue(Files.exists(out.resolve("old.txt")));
    Path small = tmp.resolve("small.h5ad");
    ok(myelin("simulate", "--cells", "2000", "--genes", "1500", "--seed", "3", "-o", small.toString(), "--quiet"));
    ok(spark("score", small.toString(), "--out", out.toString(), "--master", "local[1]", "--force",
        "--score-method", "ucell"));
    assertTrue(Files.notExists(out.resolve("old.txt")), "replaced");
    assertEquals(1, SparkJobs.parts(out).size());
    assertEquals(2001, SparkJobs.readWithHyparquet(SparkJobs.parts(out).get(0)).size(), "names and 2,000 cells");
    SparkJobs.Ran missing = spark("score", tmp.resolve("none.h5ad").toString(), "--out", tmp.resolve("x.parquet")
        .toString(), "--master", "local[1]");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("none.h5ad: no such file or folder"), missing.err());
  }

  @Test
  void aFolderIsScoredFileByFile() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("atlas-folder"));
    ok(myelin("simulate", "--cells", "1000", "--genes", "1500", "--seed", "4", "-o", folder.resolve("a.h5ad")
        .toString(), "--quiet"));
    ok(myelin("simulate", "--cells", "1500", "--genes", "1500", "--seed", "5", "-o", folder.resolve("b.h5ad")
        .toString(), "--quiet"));
    Path out = tmp.resolve("folder.parquet");
    ok(spark("score", folder.toString(), "--out", out.toString(), "--master", "local[2]", "--ranges", "1",
        "--score-method", "ucell", "--no-qc"));
    List<Path> parts = SparkJobs.parts(out);
    assertEquals(2, parts.size(), "one range per file");
    int[] cells = new int[2];
    for (int f = 0; f < 2; f++) {
      List<JsonNode> rows = SparkJobs.readWithHyparquet(parts.get(f));
      assertEquals("cell", rows.get(0).get(0).asString());
      assertEquals("file", rows.get(0).get(1).asString());
      assertTrue(rows.get(0).get(2).asString().endsWith("_ucell"), "no QC columns with --no-qc");
      cells[f] = rows.size() - 1;
      assertEquals(f == 0 ? "a.h5ad" : "b.h5ad", rows.get(1).get(1).asString());
    }
    assertArrayEquals(new int[] {1000, 1500}, cells);
  }
}
