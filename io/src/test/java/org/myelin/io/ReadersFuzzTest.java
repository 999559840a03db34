package org.myelin.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.gmt.GmtReader;
import org.myelin.io.table.CellTable;
import org.myelin.io.visium.VisiumReader;

/**
 * Coverage-guided fuzzing of every reader (Jazzer). The property: given any bytes, a reader returns
 * data or throws myelin's bad-input exception; any other exception, a hang (no answer within 5 s)
 * or an out-of-memory (the fuzzing JVM has a 1 GB heap: no allocation may exceed it) is a finding. Plain {@code mvn test} replays the
 * kept inputs under {@code src/test/resources/org/myelin/io/ReadersFuzzTestInputs/<target>/}
 * (each past finding, kept as a regression test); {@code scripts/fuzz} fuzzes each target for a
 * bounded time from seeds this class writes into {@code .cifuzz-corpus/} on the first run.
 */
class ReadersFuzzTest {

  /** An input that keeps a reader busy longer than this is a hang. */
  private static final int HANG_SECONDS = 5;

  private static final java.util.concurrent.ExecutorService READER = java.util.concurrent.Executors
      .newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzzed-reader");
        t.setDaemon(true);
        return t;
      });

  private static final Path CORPUS = Path.of(".cifuzz-corpus", ReadersFuzzTest.class.getName());

  /** Valid files of each kind, for the fuzzer to mutate. */
  @BeforeAll
  static void seeds() throws IOException {
    Path work = Files.createTempDirectory("fuzz-seeds");
    seed("h5ad", Files.readAllBytes(BadInputs.fullH5ad(work.resolve("full.h5ad"))));
    seed("tenxH5", Files.readAllBytes(BadInputs.tenxValid(work.resolve("tenx.h5"))));
    String mtx = "%%MatrixMarket matrix coordinate integer general\n%comment\n3 2 3\n1 1 1\n2 2 4\n3 1 7\n";
    seed("mtx", mtx.getBytes());
    seed("mtxGzip", gzip(mtx.getBytes()));
    seed("denseCsv", "cell,G1,G2\nc1,1,2\nc2,0,3.5\n".getBytes());
    seed("denseCsv", "\tG1\tG2\nc1\t1\t2\n".getBytes());
    seed("cellTable", "cell_id,x_centroid,y_centroid,area\nc1,1.5,2.5,30\nc2,3,4,40\n".getBytes());
    seed("gmt", "SET1\tdesc\tG1\tG2\nSET2\thttp://x\tG3\n".getBytes());
    seed("visiumPositions", "CELL0-1,1,0,0,5,5\nCELL1-1,1,0,2,10,20\n".getBytes());
    seed("visiumPositions", ("barcode,in_tissue,array_row,array_col,pxl_row_in_fullres,pxl_col_in_fullres\n"
        + "CELL0-1,1,0,0,5,5\nCELL1-1,0,0,2,10,20\n").getBytes());
    seed("visiumScaleFactors", ("{\"spot_diameter_fullres\": 89.4, \"tissue_hires_scalef\": 0.17, "
        + "\"fiducial_diameter_fullres\": 144.4, \"tissue_lowres_scalef\": 0.05}").getBytes());
    AtomicOutput.deleteRecursively(work);
  }

  private static void seed(String target, byte[] bytes) throws IOException {
    Path dir = Files.createDirectories(CORPUS.resolve(target));
    Path f = dir.resolve("seed-" + Integer.toHexString(java.util.Arrays.hashCode(bytes)));
    if (!Files.exists(f)) {
      Files.write(f, bytes);
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(out)) {
      o.write(data);
    }
    return out.toByteArray();
  }

  /** Runs {@code read} on the bytes written as {@code name} in a fresh folder; a bad-input error is a fine answer. */
  private static void check(byte[] data, String name, Reader read) throws Exception {
    Path dir = Files.createTempDirectory("fuzz");
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, data);
      java.util.concurrent.Future<?> reading = READER.submit(() -> {
        read.read(dir, file);
        return null;
      });
      try {
        reading.get(HANG_SECONDS, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        reading.cancel(true);
        throw new IllegalStateException("the reader hung: no answer in " + HANG_SECONDS + " s");
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof MyelinFileException)) { // a refusal is the correct answer to a broken input
          throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        }
      }
    } finally {
      AtomicOutput.deleteRecursively(dir);
    }
  }

  @FunctionalInterface
  private interface Reader {
    void read(Path dir, Path file) throws Exception;
  }

  private static void cellData(Path input) {
    try (Parallel p = new Parallel(1)) {
      CellDataIO.read(input, CellDataIO.ReadOptions.DEFAULT, p);
    }
  }

  private static void mtxFolder(Path dir) throws IOException {
    Files.writeString(dir.resolve("genes.tsv"), "E1\tG1\nE2\tG2\nE3\tG3\n");
    Files.writeString(dir.resolve("barcodes.tsv"), "A-1\nB-1\n");
  }

  @FuzzTest(maxDuration = "25s")
  void h5ad(byte[] data) throws Exception {
    check(data, "x.h5ad", (dir, file) -> cellData(file));
  }

  @FuzzTest(maxDuration = "25s")
  void tenxH5(byte[] data) throws Exception {
    check(data, "x.h5", (dir, file) -> cellData(file));
  }

  @FuzzTest(maxDuration = "25s")
  void mtx(byte[] data) throws Exception {
    check(data, "matrix.mtx", (dir, file) -> {
      mtxFolder(dir);
      cellData(dir);
    });
  }

  @FuzzTest(maxDuration = "25s")
  void mtxGzip(byte[] data) throws Exception {
    check(data, "matrix.mtx.gz", (dir, file) -> {
      mtxFolder(dir);
      cellData(dir);
    });
  }

  @FuzzTest(maxDuration = "25s")
  void denseCsv(byte[] data) throws Exception {
    check(data, "x.csv", (dir, file) -> cellData(file));
  }

  @FuzzTest(maxDuration = "25s")
  void cellTable(byte[] data) throws Exception {
    check(data, "cells.csv", (dir, file) -> CellTable.read(file, CellTable.Columns.DETECT));
  }

  @FuzzTest(maxDuration = "25s")
  void gmt(byte[] data) throws Exception {
    check(data, "sets.gmt", (dir, file) -> GmtReader.read(file));
  }

  @FuzzTest(maxDuration = "25s")
  void visiumPositions(byte[] data) throws Exception {
    check(data, "spatial/tissue_positions_list.csv", (dir, file) -> visium(dir, null));
  }

  @FuzzTest(maxDuration = "25s")
  void visiumScaleFactors(byte[] data) throws Exception {
    check(data, "spatial/scalefactors_json.json",
        (dir, file) -> visium(dir, "CELL0-1,1,0,0,5,5\nCELL1-1,1,0,2,10,20\n"));
  }

  /** A Space Ranger 1.x folder around the fuzzed file; positions written unless fuzzed. */
  private static void visium(Path dir, String positions) throws IOException {
    BadInputs.mtx(dir.resolve("filtered_feature_bc_matrix"),
        "%%MatrixMarket matrix coordinate integer general\n3 2 2\n1 1 1\n2 2 4\n", 3, 2);
    if (positions != null) {
      Files.writeString(dir.resolve("spatial/tissue_positions_list.csv"), positions);
    }
    try (Parallel p = new Parallel(1)) {
      VisiumReader.read(dir, false, org.myelin.io.tenx.TenxH5Reader.Options.DEFAULT, p);
    }
  }
}
