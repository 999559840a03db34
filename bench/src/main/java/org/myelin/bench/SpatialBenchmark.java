package org.myelin.bench;

import java.nio.file.Path;
import java.util.List;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Normalize;
import org.myelin.core.spatial.CoOccurrence;
import org.myelin.core.spatial.NeighborhoodEnrichment;
import org.myelin.core.spatial.NerveNiche;
import org.myelin.core.spatial.SpatialAutocorrelation;
import org.myelin.core.spatial.SpatialGraph;
import org.myelin.core.table.Groups;
import org.myelin.io.CellDataIO;

/**
 * The spatial statistics on a simulated section, each timed: {@code SpatialBenchmark FILE THREADS
 * [co-occurrence]}: the 6-nearest-neighbour graph, Moran's I with analytic p-values for every gene
 * (log-normalised), neighbourhood enrichment of the cell types with 1000 permutations, squidpy's
 * default co-occurrence (every pair of cells; skipped unless asked), and the niche analysis (distance
 * to Schwann cells, bands and the trend of 5 scores with 1000 permutations). Prints seconds and
 * peak RSS.
 */
public final class SpatialBenchmark {

  private SpatialBenchmark() {}

  public static void main(String[] args) throws java.io.IOException {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    boolean coOccurrence = args.length > 2 && args[2].equals("co-occurrence");
    try (Parallel p = new Parallel(threads)) {
      CellData d = CellDataIO.read(file, CellDataIO.ReadOptions.DEFAULT, p);
      Normalize.total(d, 1e4, false, 0.05, false, p);
      Normalize.log1p(d, Double.NaN, p);
      DenseMatrix xy = d.obsm().get("spatial");
      int n = d.nObs();
      org.myelin.core.spatial.Coordinates pos = org.myelin.core.spatial.Coordinates.of(xy);
      double[] x = pos.x();
      double[] y = pos.y();
      System.out.printf("cells\t%d\tgenes\t%d%n", n, d.nVars());
      long t = System.nanoTime();
      SpatialGraph.Graph g = SpatialGraph.knn(x, y, 6, p);
      System.out.printf("graph (6 nearest)\t%.2f s%n", (System.nanoTime() - t) / 1e9);
      t = System.nanoTime();
      int[] all = java.util.stream.IntStream.range(0, d.nVars()).toArray();
      SpatialAutocorrelation.Weights weights = new SpatialAutocorrelation.Weights(g.connectivities(), true);
      SpatialAutocorrelation.Result r = SpatialAutocorrelation.analytic(weights,
          SpatialAutocorrelation.statisticsOfColumns(weights, d.x(), all, SpatialAutocorrelation.Mode.MORAN, p),
          SpatialAutocorrelation.Mode.MORAN);
      System.out.printf("Moran's I, %d genes, analytic p\t%.2f s%n", r.stat().length, (System.nanoTime() - t) / 1e9);
      Groups types = Groups.of(d.obs(), "cell_type", "bench");
      t = System.nanoTime();
      NeighborhoodEnrichment.compute(g.connectivities(), types.codes(), types.nGroups(), 1000, 0, p);
      System.out.printf("nhood enrichment, %d types, 1000 permutations\t%.2f s%n", types.nGroups(),
          (System.nanoTime() - t) / 1e9);
      if (coOccurrence) {
        t = System.nanoTime();
        double[] interval = CoOccurrence.defaultInterval(x, y, 50);
        CoOccurrence.ratio(CoOccurrence.counts(x, y, types.codes(), types.nGroups(), interval, p));
        System.out.printf("co-occurrence, squidpy's 50 thresholds (every pair)\t%.2f s%n", (System.nanoTime() - t) / 1e9);
      }
      // Five genes as the scores to profile, taken out before the clock starts.
      double[][] scores = new double[5][n];
      CsrMatrix cols = d.x().selectColumns(new int[] {0, 7, 14, 21, 28});
      for (int b = 0; b < cols.nBlocks(); b++) {
        for (int rr = 0; rr < cols.block(b).nRows(); rr++) {
          for (int e = cols.block(b).rowStart(rr); e < cols.block(b).rowStart(rr + 1); e++) {
            scores[cols.block(b).index(e)][cols.rowOffset(b) + rr] = cols.block(b).value(e);
          }
        }
      }
      t = System.nanoTime();
      boolean[] schwann = new boolean[n];
      boolean[] include = new boolean[n];
      for (int i = 0; i < n; i++) {
        schwann[i] = types.labels()[types.codes()[i]].equals("schwann");
        include[i] = !schwann[i];
      }
      double[] dist = NerveNiche.distanceTo(x, y, schwann, p);
      double[] edges = {0, 25, 50, 100, 200, 400, Double.POSITIVE_INFINITY};
      for (int s = 0; s < 5; s++) {
        NerveNiche.bands("s" + s, scores[s], dist, include, edges);
        NerveNiche.trend("s" + s, scores[s], dist, include, 50, 1000, s, p);
      }
      System.out.printf("niche (distance, 6 bands and the trend of 5 scores, 1000 permutations)\t%.2f s%n",
          (System.nanoTime() - t) / 1e9);
      System.out.printf("peak_rss\t%d%n", ReadBenchmark.peakRss());
    }
  }
}
