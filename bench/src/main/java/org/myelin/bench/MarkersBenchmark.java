package org.myelin.bench;

import java.io.IOException;
import java.nio.file.Path;
import org.myelin.core.data.CellData;
import org.myelin.core.de.RankGenesGroups;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Normalize;
import org.myelin.core.table.Groups;
import org.myelin.io.CellDataIO;

/**
 * Marker genes on every gene of a counts file, log-normalised first:
 * {@code MarkersBenchmark FILE THREADS GROUPS}. The cells are dealt into GROUPS groups by index
 * (the test's cost does not depend on what the groups mean). Prints the seconds of the Wilcoxon and
 * t-test runs and the peak RSS.
 */
public final class MarkersBenchmark {

  private MarkersBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int k = Integer.parseInt(args[2]);
    try (Parallel p = new Parallel(threads)) {
      CellData d = CellDataIO.read(file, CellDataIO.ReadOptions.DEFAULT, p);
      Normalize.total(d, 1e4, false, 0.05, false, p);
      Normalize.log1p(d, Double.NaN, p);
      int[] codes = new int[d.nObs()];
      String[] labels = new String[k];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = (int) ((i * 2654435761L) % k);
      }
      for (int c = 0; c < k; c++) {
        labels[c] = Integer.toString(c);
      }
      Groups groups = new Groups(codes, labels);
      for (RankGenesGroups.Method m : RankGenesGroups.Method.values()) {
        long t = System.nanoTime();
        RankGenesGroups.compute(d.x(), groups, m, true, null, Double.NaN, p);
        System.out.printf("%s\t%d groups x %d genes x %d cells\t%.2f s%n", m, k, d.nVars(), d.nObs(),
            (System.nanoTime() - t) / 1e9);
      }
      System.out.printf("peak_rss\t%d%n", ReadBenchmark.peakRss());
    }
  }
}
