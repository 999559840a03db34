package org.myelin.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myelin.spark.SparkJobs.myelin;
import static org.myelin.spark.SparkJobs.ok;
import static org.myelin.spark.SparkJobs.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.io.table.DelimitedTable;
import tools.jackson.databind.JsonNode;

/**
 * The cohort job in local mode on a simulated cohort of six samples and one unreadable seventh, read
 * from and written to a file system other than the local one: each
 * sample's result is byte for byte {@code myelin run}'s, the cohort's tables are {@code myelin
 * cohort}'s on those results, the broken sample is retried and named, the Parquet datasets read in
 * hyparquet.
 */
class CohortJobTest {

  private static final String RUN = "--steps qc,normalize,score";

  @TempDir
  static Path tmp;

  static Path sheet;

  @BeforeAll
  static void simulate() throws Exception {
    ok(myelin("simulate", "--cells", "1500", "--genes", "2000", "--samples", "6", "--seed", "5", "-o",
        tmp.resolve("cohort").toString(), "--quiet"));
    Path dir = tmp.resolve("cohort");
    // A seventh sample whose file is not an h5ad: the job must name it and go on with the others.
    Files.writeString(dir.resolve("P07.h5ad"), "not an HDF5 file\n");
    List<String> lines = Files.readAllLines(dir.resolve("samples.csv"));
    String last = lines.get(lines.size() - 1);
    lines.add(last.replace("P06", "P07").replace("patient06", "patient07"));
    sheet = dir.resolve("samples_with_p07.csv");
    Files.write(sheet, lines);
  }

  @Test
  void eachSampleIsMyelinRunAndTheCohortIsMyelinCohort() throws Exception {
    Path out = tmp.resolve("spark-out");
    // Sheet, samples and output on a file system that is not the local one, as on HDFS or S3.
    System.setProperty("spark.hadoop.fs.elsewhere.impl", ElsewhereFileSystem.class.getName());
    SparkJobs.Ran ran = spark("cohort", "elsewhere://" + sheet, "--out", "elsewhere://" + out, "--master",
        "local[2,2]", "--run-options", RUN);
    ok(ran);
    assertTrue(ran.err().contains("sample P07 failed after 2 attempt(s)"), ran.err());

    // Every good sample equals myelin run on it; the runs make the sheet myelin cohort reads.
    Path runs = Files.createDirectories(tmp.resolve("runs"));
    for (int i = 1; i <= 6; i++) {
      String s = "P0" + i;
      ok(myelin("run", tmp.resolve("cohort").resolve(s + ".h5ad").toString(), "-o", runs.resolve(s + ".h5ad")
          .toString(), "--steps", "qc,normalize,score", "--quiet"));
      assertArrayEquals(Files.readAllBytes(runs.resolve(s + ".h5ad")),
          Files.readAllBytes(out.resolve("samples").resolve(s + ".h5ad")), s + ": not myelin run's bytes");
    }
    Files.copy(tmp.resolve("cohort").resolve("samples.csv"), runs.resolve("samples.csv"));
    Path reference = tmp.resolve("cohort-ref");
    ok(myelin("cohort", runs.resolve("samples.csv").toString(), "-o", reference.toString(), "--quiet"));
    for (String f : new String[] {"features.tsv", "association.tsv", "de.tsv", "cells.tsv"}) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve("cohort").resolve(f)),
          f + " differs from myelin cohort's");
    }
    // The report's title names the sheet, which here has the seventh sample.
    assertEquals(Files.readString(reference.resolve("report.html")), Files.readString(out.resolve("cohort")
        .resolve("report.html")).replace("samples_with_p07.csv", "samples.csv"));

    // The summary names the failed sample; the others ran once.
    DelimitedTable summary = DelimitedTable.read(out.resolve("summary.tsv"));
    assertEquals(7, summary.rows().size());
    for (String[] row : summary.rows()) {
      boolean bad = row[0].equals("P07");
      assertEquals(bad ? "failed" : "ok", row[1], String.join(" ", row));
      assertEquals(bad ? "2" : "1", row[2]);
      if (bad) {
        assertTrue(row[5].contains("P07.h5ad"), row[5]);
      }
    }
    assertFalse(Files.exists(out.resolve("samples").resolve("P07.h5ad")));

    // Parquet, partitioned by sample, read by a reader that is not Spark's: the features equal features.tsv.
    DelimitedTable features = DelimitedTable.read(out.resolve("cohort").resolve("features.tsv"));
    List<String> header = List.of(features.header());
    for (String[] row : features.rows()) {
      List<Path> parts = SparkJobs.parts(out.resolve("features").resolve("sample=" + row[0]));
      assertEquals(1, parts.size());
      List<JsonNode> read = SparkJobs.readWithHyparquet(parts.get(0));
      assertEquals(2, read.size(), "one row per sample");
      for (int c = 0; c < read.get(0).size(); c++) {
        String name = read.get(0).get(c).asString();
        String want = row[header.indexOf(name)];
        JsonNode got = read.get(1).get(c);
        if (got.isNumber()) {
          assertEquals(Double.parseDouble(want), got.asDouble(), 0, name);
        } else if (got.isNull()) {
          assertEquals("", want, name);
        } else {
          assertEquals(want, got.asString(), name);
        }
      }
    }
    List<JsonNode> qc = SparkJobs.readWithHyparquet(SparkJobs.parts(out.resolve("qc").resolve("sample=P01")).get(0));
    assertEquals("cell", qc.get(0).get(0).asString());
    assertTrue(qc.size() > 1000, "P01's cells after QC");
    List<JsonNode> scores = SparkJobs.readWithHyparquet(SparkJobs.parts(out.resolve("scores").resolve("sample=P01"))
        .get(0));
    assertEquals("[\"cell_type\",\"signature\",\"method\",\"n_cells\",\"mean\",\"median\"]", scores.get(0).toString());
  }

  @Test
  void badInputsAreRefusedWithNothingWritten() throws Exception {
    Path out = tmp.resolve("never");
    SparkJobs.Ran missing = spark("cohort", tmp.resolve("nowhere.csv").toString(), "--out", out.toString(),
        "--master", "local[1]");
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("nowhere.csv: no such sample sheet"), missing.err());
    SparkJobs.Ran output = spark("cohort", sheet.toString(), "--out", out.toString(), "--run-options",
        "--steps qc --tables t/");
    assertEquals(2, output.code());
    assertTrue(output.err().contains("Invalid --run-options: --tables names an output of its own"), output.err());
    SparkJobs.Ran unknown = spark("cohort", sheet.toString(), "--out", out.toString(), "--run-options",
        "--stepz qc");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("Invalid --run-options: Unknown options: '--stepz'"), unknown.err());
    assertFalse(Files.exists(out));
    Path exists = Files.createDirectories(tmp.resolve("exists"));
    SparkJobs.Ran there = spark("cohort", sheet.toString(), "--out", exists.toString(), "--master", "local[1]");
    assertEquals(2, there.code(), there.err());
    assertTrue(there.err().contains("exists; use --force to replace it"), there.err());
  }
}
