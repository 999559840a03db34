package org.myelin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import org.myelin.io.h5ad.H5adFile;

/**
 * Read throughput of a matrix file: {@code ReadBenchmark FILE THREADS [stream]}. Reads the file
 * whole (or, with {@code stream}, streams X block by block) and prints one TSV line: file, mode,
 * threads, n_obs, n_vars, nnz, seconds, non-zeros per second, X bytes in memory, peak RSS bytes.
 * Run it in a fresh JVM per measurement so the peak RSS is the read's own.
 */
public final class ReadBenchmark {

  private ReadBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    boolean stream = args.length > 2 && args[2].equals("stream");
    long t0 = System.nanoTime();
    long nnz;
    long xBytes;
    int nObs;
    int nVars;
    if (stream) {
      try (H5adFile f = H5adFile.open(file)) {
        nObs = f.nObs();
        nVars = f.nVars();
        long count = 0;
        long maxBlock = 0;
        for (Iterator<CsrBlock> it = f.streamX(); it.hasNext();) {
          CsrBlock b = it.next();
          count += b.nnz();
          maxBlock = Math.max(maxBlock, b.storageBytes());
        }
        nnz = count;
        xBytes = maxBlock;
      }
    } else {
      try (Parallel p = new Parallel(threads)) {
        CellData d = CellDataIO.read(file, CellDataIO.ReadOptions.DEFAULT, p);
        nObs = d.nObs();
        nVars = d.nVars();
        nnz = d.x().nnz();
        xBytes = d.x().storageBytes();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%s\t%s\t%d\t%d\t%d\t%d\t%.2f\t%.3g\t%d\t%d%n", file.getFileName(), stream ? "stream" : "read",
        threads, nObs, nVars, nnz, seconds, nnz / seconds, xBytes, peakRss());
  }

  /** The process's peak resident memory (VmHWM) in bytes, or -1 where /proc is absent. */
  static long peakRss() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }
}
