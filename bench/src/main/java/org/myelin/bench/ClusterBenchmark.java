package org.myelin.bench;

import java.nio.file.Path;
import org.myelin.core.cluster.CommunityDetection;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;

/**
 * Leiden on the neighbour graph of a file made by {@code myelin run} (obsp['connectivities']):
 * {@code ClusterBenchmark FILE}. Times leidenalg's optimiser and CWTS's, one start each at
 * resolution 1 and seed 0, and prints their clusters, modularity and the peak RSS. Clustering is
 * single-threaded in both engines.
 */
public final class ClusterBenchmark {

  private ClusterBenchmark() {}

  public static void main(String[] args) throws java.io.IOException {
    CellData d;
    try (Parallel p = new Parallel(2)) {
      d = CellDataIO.read(Path.of(args[0]), CellDataIO.ReadOptions.DEFAULT, p);
    }
    CsrMatrix graph = d.obsp().get("connectivities");
    if (graph == null) {
      throw new IllegalArgumentException(args[0] + ": no obsp['connectivities'] (run 'myelin neighbors' first)");
    }
    System.out.printf("graph\t%d cells\t%d edges%n", graph.nRows(), graph.nnz());
    // Only the graph is timed: the expression matrix is let go, as the graph steps need none of it.
    d = null;
    System.gc();
    for (CommunityDetection.Algorithm a : new CommunityDetection.Algorithm[] {CommunityDetection.Algorithm.LEIDEN,
        CommunityDetection.Algorithm.LEIDEN_CWTS}) {
      long t = System.nanoTime();
      CommunityDetection.Result r = CommunityDetection.cluster(graph, a, 1.0, true, -1, 0);
      System.out.printf("%s\t%.2f s\t%d clusters\tmodularity %.4f\t%d passes%n", a, (System.nanoTime() - t) / 1e9,
          r.nClusters(), r.modularity(), r.iterations());
    }
    System.out.printf("peak_rss\t%d%n", ReadBenchmark.peakRss());
  }
}
