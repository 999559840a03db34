package org.myelin.core.cluster;

import java.util.Random;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.IterativeCPMClusteringAlgorithm;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.LouvainAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;

/**
 * Leiden (Traag, Waltman &amp; van Eck, Sci Rep 2019) and Louvain (Blondel et al., J Stat Mech
 * 2008) clustering of a weighted cell graph, maximising modularity with a resolution parameter:
 * the RB configuration model scanpy's {@code leiden} optimises through leidenalg. Leiden runs
 * either as leidenalg 0.9 runs it ({@link LeidenalgOptimiser}: scanpy's partition for the same
 * graph and seed) or with the CWTS networkanalysis library by the algorithm's authors, whose fast
 * local moving reaches other optima (of slightly higher modularity on the references); Louvain
 * runs with CWTS. Iterations run until a pass changes nothing, as leidenalg's
 * {@code n_iterations=-1}; CWTS draws from {@code java.util.Random(seed)}. Clusters are numbered
 * by size, 0 the largest, as leidenalg numbers them.
 */
public final class CommunityDetection {

  /** The clusterings: Leiden as leidenalg runs it, Leiden with CWTS's code, Louvain with CWTS's code. */
  public enum Algorithm { LEIDEN, LEIDEN_CWTS, LOUVAIN }

  /** Iterations before giving up on "until nothing changes". */
  private static final int MAX_ITERATIONS = 1000;

  private CommunityDetection() {}

  /**
   * @param labels cluster of each cell, 0 the largest
   * @param nClusters number of clusters
   * @param modularity Newman's modularity of the labels at the resolution used
   * @param iterations passes run
   */
  public record Result(int[] labels, int nClusters, double modularity, int iterations) {}

  /**
   * @param adjacency symmetric, non-negative weights (obsp["connectivities"]); the diagonal is ignored
   * @param iterations passes, or -1 to run until a pass changes nothing
   */
  public static Result cluster(CsrMatrix adjacency, Algorithm algorithm, double resolution, boolean useWeights,
      int iterations, long seed) {
    if (!(resolution > 0)) {
      throw new IllegalArgumentException("Invalid resolution: " + resolution + " (must be positive)");
    }
    if (iterations == 0 || iterations < -1) {
      throw new IllegalArgumentException("Invalid n_iterations: " + iterations + " (positive, or -1 until stable)");
    }
    return cluster(adjacency, algorithm, resolution, useWeights, iterations, seed, 1);
  }

  /**
   * As above, keeping the best of {@code starts} runs (by modularity); run r uses the random
   * stream seeded with {@code seed + r}.
   */
  public static Result cluster(CsrMatrix adjacency, Algorithm algorithm, double resolution, boolean useWeights,
      int iterations, long seed, int starts) {
    return cluster(adjacency, algorithm, resolution, useWeights, iterations, seed, starts,
        org.myelin.core.tool.Progress.NONE);
  }

  /** As above, leidenalg's passes reported to {@code progress}. */
  public static Result cluster(CsrMatrix adjacency, Algorithm algorithm, double resolution, boolean useWeights,
      int iterations, long seed, int starts, org.myelin.core.tool.Progress progress) {
    if (starts < 1) {
      throw new IllegalArgumentException("Invalid number of random starts: " + starts);
    }
    Network network = algorithm == Algorithm.LEIDEN ? null : network(adjacency, useWeights);
    Result best = null;
    for (int r = 0; r < starts; r++) {
      Result one = algorithm == Algorithm.LEIDEN
          ? leidenalg(adjacency, resolution, useWeights, iterations, seed + r, progress)
          : once(network, adjacency, algorithm, resolution, useWeights, iterations, seed + r);
      if (best == null || one.modularity() > best.modularity()) {
        best = one;
      }
    }
    return best;
  }

  private static Result leidenalg(CsrMatrix adjacency, double resolution, boolean useWeights, int iterations,
      long seed, org.myelin.core.tool.Progress progress) {
    LeidenalgOptimiser.Partition p = LeidenalgOptimiser.cluster(adjacency, resolution, useWeights, iterations, seed,
        progress);
    return new Result(p.labels(), p.nClusters(), modularity(adjacency, p.labels(), resolution, useWeights), p.passes());
  }

  private static Result once(Network network, CsrMatrix adjacency, Algorithm algorithm, double resolution,
      boolean useWeights, int iterations, long seed) {
    double res2 = resolution / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
    Random random = new Random(seed);
    IterativeCPMClusteringAlgorithm alg = algorithm == Algorithm.LEIDEN_CWTS
        ? new LeidenAlgorithm(res2, 1, LeidenAlgorithm.DEFAULT_RANDOMNESS, random)
        : new LouvainAlgorithm(res2, 1, random);
    Clustering clustering = new Clustering(network.getNNodes());
    int passes = 0;
    if (iterations > 0) {
      for (; passes < iterations; passes++) {
        alg.improveClustering(network, clustering);
      }
    } else {
      boolean changed = true;
      while (changed && passes < MAX_ITERATIONS) {
        changed = alg.improveClustering(network, clustering);
        passes++;
      }
    }
    clustering.orderClustersByNNodes();
    int[] labels = clustering.getClusters().clone();
    return new Result(labels, clustering.getNClusters(), modularity(adjacency, labels, resolution, useWeights), passes);
  }

  /** CWTS's network: node weights the total edge weight of each node (modularity's degrees). */
  private static Network network(CsrMatrix a, boolean useWeights) {
    int n = a.nRows();
    if (a.nCols() != n) {
      throw new IllegalArgumentException("the graph must be square, not " + n + " x " + a.nCols());
    }
    long[] first = new long[n + 1];
    int[] neighbors = new int[(int) a.nnz()];
    double[] weights = new double[(int) a.nnz()];
    int e = 0;
    for (int b = 0; b < a.nBlocks(); b++) {
      CsrBlock block = a.block(b);
      int row0 = a.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        int i = row0 + r;
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          int j = block.index(k);
          double w = block.value(k);
          if (j == i || w == 0) {
            continue;
          }
          if (w < 0 || !Double.isFinite(w)) {
            throw new IllegalArgumentException("graph weight " + w + " at (" + i + ", " + j + "): weights must be positive");
          }
          neighbors[e] = j;
          weights[e] = useWeights ? w : 1;
          e++;
        }
        first[i + 1] = e;
      }
    }
    return new Network(n, true, first, new LargeIntArray(java.util.Arrays.copyOf(neighbors, e)),
        new LargeDoubleArray(java.util.Arrays.copyOf(weights, e)), false);
  }

  /**
   * Newman's modularity with a resolution: (1 / 2m) sum over clusters of (internal weight counted
   * both ways - resolution * K_c^2 / 2m), K_c the clusters' total degree; igraph's definition.
   */
  public static double modularity(CsrMatrix a, int[] labels, double resolution, boolean useWeights) {
    int nc = 0;
    for (int l : labels) {
      nc = Math.max(nc, l + 1);
    }
    double[] degree = new double[nc];
    double[] inside = new double[nc];
    double total = 0;
    for (int b = 0; b < a.nBlocks(); b++) {
      CsrBlock block = a.block(b);
      int row0 = a.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        int i = row0 + r;
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          int j = block.index(k);
          double w = useWeights ? block.value(k) : (block.value(k) != 0 ? 1 : 0);
          total += w;
          degree[labels[i]] += w;
          if (labels[i] == labels[j]) {
            inside[labels[i]] += w;
          }
        }
      }
    }
    double q = 0;
    for (int c = 0; c < nc; c++) {
      q += inside[c] - resolution * degree[c] * degree[c] / total;
    }
    return q / total;
  }
}
