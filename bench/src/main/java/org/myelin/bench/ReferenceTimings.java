package org.myelin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.HighlyVariableGenes;
import org.myelin.io.CellDataIO;

/**
 * myelin's QC-through-PCA steps on the reference datasets beside scanpy's own timings of the same
 * steps ({@code ../shared/ref/<dataset>/scanpy/timings.csv}, measured warm on a 2-core machine):
 * {@code ReferenceTimings SHARED_DIR THREADS}. Each dataset's chain runs 7 times in this JVM, from a
 * fresh read each time (not timed), and the median of the last 5 is printed, warm like scanpy's.
 */
public final class ReferenceTimings {

  private ReferenceTimings() {}

  private record Dataset(String ref, String input, int minGenes) {}

  public static void main(String[] args) throws IOException {
    Path shared = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    List<Dataset> sets = List.of(
        new Dataset("pbmc3k", "data/pbmc3k/filtered_gene_bc_matrices/hg19", 200),
        new Dataset("scanpy_10k_subset", "data/scanpy/derived/10x-10k-subset.h5ad", 20));
    System.out.println("dataset\tstep\tmyelin_s\tscanpy_s\tratio");
    try (Parallel p = new Parallel(threads)) {
      for (Dataset set : sets) {
        Map<String, Double> scanpy = new HashMap<>();
        for (String line : Files.readAllLines(shared.resolve("ref/" + set.ref() + "/scanpy/timings.csv"))) {
          String[] f = line.split(",");
          if (f.length == 2 && !f[0].equals("step")) {
            scanpy.put(f[0], Double.parseDouble(f[1]));
          }
        }
        double[][] runs = new double[7][];
        for (int r = 0; r < runs.length; r++) {
          CellData d = CellDataIO.read(shared.resolve(set.input()), CellDataIO.ReadOptions.DEFAULT, p);
          runs[r] = PreprocessBenchmark.chain(d, p, HighlyVariableGenes.Flavor.SEURAT, set.minGenes());
        }
        double ours = 0;
        double theirs = 0;
        for (int s = 0; s < PreprocessBenchmark.STEPS.size(); s++) {
          double[] times = new double[5];
          for (int r = 2; r < 7; r++) {
            times[r - 2] = runs[r][s];
          }
          Arrays.sort(times);
          double median = times[2];
          double ref = 0;
          for (String part : PreprocessBenchmark.STEPS.get(s).split("\\+")) {
            ref += scanpy.getOrDefault(part, 0.0);
          }
          ours += median;
          theirs += ref;
          System.out.printf("%s\t%s\t%.4f\t%.4f\t%.1f%n", set.ref(), PreprocessBenchmark.STEPS.get(s), median, ref,
              ref / median);
        }
        System.out.printf("%s\ttotal\t%.4f\t%.4f\t%.1f%n", set.ref(), ours, theirs, theirs / ours);
      }
    }
  }
}
