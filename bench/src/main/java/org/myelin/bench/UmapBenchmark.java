package org.myelin.bench;

import java.nio.file.Path;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.embed.Umap;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;

/**
 * The UMAP layout alone, timed: {@code UmapBenchmark RESULT.h5ad THREADS} reads a result with
 * obsp['connectivities'] and lays it out with scanpy's defaults (200 epochs past 10,000 cells),
 * twice (the first warms the JIT). Prints seconds per layout.
 */
public final class UmapBenchmark {

  private UmapBenchmark() {}

  public static void main(String[] args) throws java.io.IOException {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    try (Parallel p = new Parallel(threads)) {
      CellData d = CellDataIO.read(file, CellDataIO.ReadOptions.DEFAULT, p);
      for (int rep = 0; rep < 2; rep++) {
        long t = System.nanoTime();
        double[] y = Umap.layout(d.obsp().get(Keys.OBSP_CONNECTIVITIES), Umap.Options.defaults(0), p);
        System.out.printf("umap, %d cells, %d threads%s\t%.2f s\t(y[0] = %.6f)%n", d.nObs(), threads,
            rep == 0 ? " (cold)" : "", (System.nanoTime() - t) / 1e9, y[0]);
      }
    }
  }
}
