package org.myelin.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Filter;
import org.myelin.core.pp.HighlyVariableGenes;
import org.myelin.core.pp.Normalize;
import org.myelin.core.pp.Pca;
import org.myelin.core.pp.QcMetrics;
import org.myelin.io.CellDataIO;

/**
 * QC through PCA in memory, step by step, with the reference pipeline's parameters (those of
 * ../shared/ref/scripts/scanpy_ref.py: min_genes 200, min_cells 3, target_sum 1e4, 2,000 seurat
 * HVGs, scale with max_value 10, 50 components): {@code PreprocessBenchmark FILE THREADS [FLAVOR]}.
 * Prints one TSV line per step (step, seconds) and a last line with the total, X's bytes in memory
 * and the process's peak RSS. Run in a fresh JVM so the peak is this run's.
 */
public final class PreprocessBenchmark {

  /** The steps timed, named as scanpy's calls (scanpy_ref.py times the same groups). */
  static final List<String> STEPS = List.of("calculate_qc_metrics", "filter_cells+filter_genes",
      "normalize_total+log1p", "highly_variable_genes", "scale+pca");

  private PreprocessBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    HighlyVariableGenes.Flavor flavor = HighlyVariableGenes.Flavor.parse(args.length > 2 ? args[2] : "seurat");
    try (Parallel p = new Parallel(threads)) {
      long t = System.nanoTime();
      CellData d = CellDataIO.read(file, CellDataIO.ReadOptions.DEFAULT, p);
      System.out.printf("read\t%.2f%n", (System.nanoTime() - t) / 1e9);
      long xBytes = d.x().storageBytes();
      double[] seconds = chain(d, p, flavor, 200);
      double total = 0;
      for (int s = 0; s < STEPS.size(); s++) {
        System.out.printf("%s\t%.2f%n", STEPS.get(s), seconds[s]);
        total += seconds[s];
      }
      System.out.printf("total_qc_to_pca\t%.2f\tthreads=%d\tflavor=%s\tx_bytes=%d\tpeak_rss=%d%n", total, threads,
          flavor.scanpyName(), xBytes, ReadBenchmark.peakRss());
    }
  }

  /** Runs the chain on d (changed in place) and returns the seconds of each of {@link #STEPS}. */
  static double[] chain(CellData d, Parallel p, HighlyVariableGenes.Flavor flavor, int minGenes) {
    double[] s = new double[STEPS.size()];
    long t = System.nanoTime();
    QcMetrics.compute(d, new QcMetrics.Options(List.of("mt"), new int[0], false), p);
    t = lap(s, 0, t);
    d = Filter.apply(d, new Filter.Options(0, 0, minGenes, 0, 0, 3), p).getKey();
    t = lap(s, 1, t);
    Normalize.total(d, 1e4, false, 0.05, true, p);
    Normalize.log1p(d, Double.NaN, p);
    t = lap(s, 2, t);
    HighlyVariableGenes.compute(d, new HighlyVariableGenes.Options(flavor, Math.min(2000, d.nVars()), null,
        flavor == HighlyVariableGenes.Flavor.SEURAT_V3 ? "counts" : null, HighlyVariableGenes.DEFAULT_SPAN), p);
    t = lap(s, 3, t);
    Pca.run(d, 50, true, 10, p);
    lap(s, 4, t);
    return s;
  }

  private static long lap(double[] seconds, int step, long since) {
    long now = System.nanoTime();
    seconds[step] = (now - since) / 1e9;
    return now;
  }
}
