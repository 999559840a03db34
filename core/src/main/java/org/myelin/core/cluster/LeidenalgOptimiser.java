package org.myelin.core.cluster;

import java.util.Arrays;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.random.IgraphRandom;

/**
 * The Leiden algorithm (Traag, Waltman &amp; van Eck, Sci Rep 2019) as leidenalg 0.9 runs it for
 * scanpy's {@code tl.leiden}: the RB configuration model (modularity with a resolution) on the
 * graph as a directed igraph graph of the adjacency's nonzeros, fast local moving from a queue,
 * refinement by greedily merging singletons within each community, aggregation on the refined
 * partition, repeated while a pass improves the quality ({@code n_iterations=-1}). Node orders
 * come from igraph's MT19937 seeded as leidenalg seeds it and the arithmetic repeats leidenalg's,
 * sums in leidenalg's order included, so for the same graph and seed the partition is leidenalg's
 * and scanpy's (checked against scanpy 1.9.6 with leidenalg 0.9.1 on six references).
 *
 * <p>One thread: each move depends on the moves before it.
 */
public final class LeidenalgOptimiser {

  /** leidenalg's threshold for a strict improvement in the local moving ({@code 10 * DBL_EPSILON}). */
  private static final double MIN_IMPROVEMENT = 10 * Math.ulp(1.0);

  /** Passes before giving up on "until a pass improves nothing". */
  private static final int MAX_PASSES = 1000;


  private final double resolution;
  private final IgraphRandom rng;

  private LeidenalgOptimiser(double resolution, long seed) {
    this.resolution = resolution;
    this.rng = new IgraphRandom(seed);
  }

  /**
   * @param labels cluster of each node, 0 the largest (by nodes, ties by leidenalg's order)
   * @param nClusters number of clusters
   * @param passes calls of leidenalg's {@code optimise_partition} made
   */
  public record Partition(int[] labels, int nClusters, int passes) {}

  /**
   * Clusters the graph whose edges are the nonzeros of {@code adjacency}, in stored order (as
   * scanpy passes them to igraph).
   *
   * @param useWeights the nonzeros as weights, else every edge weighs 1
   * @param iterations passes, or -1 to run until a pass improves nothing
   * @param seed leidenalg's seed (scanpy's {@code random_state})
   */
  public static Partition cluster(CsrMatrix adjacency, double resolution, boolean useWeights, int iterations,
      long seed) {
    return cluster(adjacency, resolution, useWeights, iterations, seed, org.myelin.core.tool.Progress.NONE);
  }

  /** As above, reporting each pass to {@code progress} (of an unknown number when run until stable). */
  public static Partition cluster(CsrMatrix adjacency, double resolution, boolean useWeights, int iterations,
      long seed, org.myelin.core.tool.Progress progress) {
    if (!(resolution > 0)) {
      throw new IllegalArgumentException("Invalid resolution: " + resolution + " (must be positive)");
    }
    if (iterations == 0 || iterations < -1) {
      throw new IllegalArgumentException("Invalid n_iterations: " + iterations + " (positive, or -1 until stable)");
    }
    Graph graph = Graph.fromAdjacency(adjacency, useWeights);
    LeidenalgOptimiser optimiser = new LeidenalgOptimiser(resolution, seed);
    Communities partition = Communities.singletons(graph);
    int passes = 0;
    boolean again;
    try (org.myelin.core.tool.Progress.Task task = progress.start("leiden passes", Math.max(0, iterations))) {
      do {
        double improvement = optimiser.optimisePartition(partition);
        passes++;
        task.step(1);
        again = iterations < 0 ? improvement > 0 && passes < MAX_PASSES : passes < iterations;
      } while (again);
    }
    int[] labels = Arrays.copyOf(partition.membership, graph.n);
    return new Partition(labels, partition.nComm, passes);
  }

  /** One call of leidenalg's {@code Optimiser::optimise_partition}; returns the moves' improvement. */
  private double optimisePartition(Communities partition) {
    Graph graph = partition.graph;
    int n = graph.n;
    Graph collapsedGraph = graph;
    Communities collapsed = partition;
    int[] aggregateNode = identity(n);
    double improvement = 0;
    boolean aggregateFurther;
    do {
      improvement += moveNodes(collapsed);
      if (collapsed != partition) {
        int[] membership = new int[n];
        for (int v = 0; v < n; v++) {
          membership[v] = collapsed.membership[aggregateNode[v]];
        }
        partition.reset(membership);
      }
      Communities refined = Communities.singletons(collapsedGraph);
      mergeNodesConstrained(refined, collapsed);
      for (int v = 0; v < n; v++) {
        aggregateNode[v] = refined.membership[aggregateNode[v]];
      }
      Graph newGraph = collapsedGraph.collapse(refined);
      int[] newMembership = new int[newGraph.n];
      for (int v = 0; v < collapsedGraph.n; v++) {
        newMembership[refined.membership[v]] = collapsed.membership[v];
      }
      aggregateFurther = newGraph.n < collapsedGraph.n && collapsedGraph.n > collapsed.nComm;
      collapsed = new Communities(newGraph, newMembership);
      collapsedGraph = newGraph;
    } while (aggregateFurther);
    partition.renumber();
    return improvement;
  }

  /**
   * Fast local moving ({@code Optimiser::move_nodes}, all neighbouring communities and an empty one
   * considered): nodes in a random order, then those whose neighbours moved away.
   */
  private double moveNodes(Communities p) {
    Graph g = p.graph;
    int n = g.n;
    boolean[] stable = new boolean[n];
    int[] queue = identity(n);
    shuffle(queue);
    int head = 0;
    int size = n;
    boolean[] added = new boolean[n];
    int[] comms = new int[n + 1];
    double total = 0;
    while (size > 0) {
      int v = queue[head];
      head = head + 1 == n ? 0 : head + 1;
      size--;
      int vComm = p.membership[v];
      int nc = p.weighAndList(v, added, comms);
      if (p.cnodes[vComm] > 1) {
        comms[nc++] = p.emptyCommunity();
      }
      int maxComm = vComm;
      double maxImprovement = MIN_IMPROVEMENT;
      for (int i = 0; i < nc; i++) {
        int c = comms[i];
        added[c] = false;
        double diff = p.diffMove(v, c, resolution);
        if (diff > maxImprovement) {
          maxComm = c;
          maxImprovement = diff;
        }
      }
      p.clearNeighbourWeights();
      stable[v] = true;
      if (maxComm != vComm) {
        total += maxImprovement;
        p.moveNode(v, maxComm);
        for (int k = g.scanStart[v]; k < g.scanStart[v + 1]; k++) {
          int u = g.scanNbr[k];
          if (stable[u] && p.membership[u] != maxComm) {
            int tail = head + size;
            queue[tail >= n ? tail - n : tail] = u;
            size++;
            stable[u] = false;
          }
        }
      }
    }
    p.renumber();
    return total;
  }

  /**
   * The refinement ({@code Optimiser::merge_nodes_constrained}, all neighbouring communities, as
   * leidenalg 0.9 refines by default): each node still alone, in a random order, joins the
   * sub-community of its own community that raises the quality most, the last of equal gains
   * (leidenalg compares with {@code >=}), or stays if none gains.
   */
  private void mergeNodesConstrained(Communities p, Communities constraint) {
    Graph g = p.graph;
    int[] order = identity(g.n);
    shuffle(order);
    int[] candidates = new int[g.maxAllDegree];
    boolean[] seen = new boolean[g.n];
    for (int v : order) {
      int vComm = p.membership[v];
      if (p.cnodes[vComm] != 1) {
        continue;
      }
      int vConstraint = constraint.membership[v];
      int nc = 0;
      for (int e = g.scanStart[v]; e < g.scanStart[v + 1]; e++) {
        int u = g.scanNbr[e];
        if (constraint.membership[u] == vConstraint) {
          int c = p.membership[u];
          if (!seen[c]) {
            seen[c] = true;
            candidates[nc++] = c;
          }
        }
      }
      p.weighNeighbours(v);
      int maxComm = vComm;
      double maxImprovement = 0;
      for (int i = 0; i < nc; i++) {
        int c = candidates[i];
        seen[c] = false;
        double diff = p.diffMove(v, c, resolution);
        if (diff >= maxImprovement) {
          maxComm = c;
          maxImprovement = diff;
        }
      }
      p.clearNeighbourWeights();
      if (maxComm != vComm) {
        p.moveNode(v, maxComm);
      }
    }
    p.renumber();
  }

  /** leidenalg's Fisher-Yates, from the end. */
  private void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = (int) rng.integer(0, i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /**
   * A directed weighted graph laid out as igraph lays it out: edges by id, each node's out-edges by
   * target and in-edges by source (ties by id), and the "all" list merging the two by neighbour,
   * out-edge first, self-loops twice.
   */
  static final class Graph {
    final int n;
    final int[] from;
    final int[] to;
    final double[] weight;
    final long[] nodeSize;
    final int[] outStart;
    final int[] outNbr;
    final double[] outWeight;
    final int[] inStart;
    final int[] inNbr;
    final double[] inWeight;
    final int[] allStart;
    final int[] allNbr;
    final int maxAllDegree;
    /**
     * Every edge has its reverse with the same weight bits (scanpy's graphs do): then each node's
     * in-list repeats its out-list, the "all" list holds each neighbour twice in a row, and walking
     * the out-list alone meets the communities in the same order with the same sums.
     */
    final boolean symmetric;
    /** The list whose first appearances order the candidate communities: out-list if symmetric, else "all". */
    final int[] scanStart;
    final int[] scanNbr;
    final double[] strengthOut;
    final double[] strengthIn;
    final double[] selfWeight;
    final double totalWeight;

    Graph(int n, int[] from, int[] to, double[] weight, long[] nodeSize) {
      this.n = n;
      this.from = from;
      this.to = to;
      this.weight = weight;
      this.nodeSize = nodeSize;
      int m = from.length;
      outStart = starts(from, n);
      inStart = starts(to, n);
      int[] outOrder = outOrder(from, to, outStart, inStart);
      outNbr = new int[m];
      outWeight = new double[m];
      for (int k = 0; k < m; k++) {
        outNbr[k] = to[outOrder[k]];
        outWeight[k] = weight[outOrder[k]];
      }
      symmetric = inListsRepeatOutLists(outStart, outNbr, outWeight, inStart);
      if (symmetric) {
        inNbr = outNbr;
        inWeight = outWeight;
        allStart = null;
        allNbr = null;
        int longest = 0;
        for (int v = 0; v < n; v++) {
          longest = Math.max(longest, 2 * (outStart[v + 1] - outStart[v]));
        }
        maxAllDegree = longest;
      } else {
        int[] inOrder = inOrder(to, outOrder, inStart);
        inNbr = new int[m];
        inWeight = new double[m];
        for (int k = 0; k < m; k++) {
          inNbr[k] = from[inOrder[k]];
          inWeight[k] = weight[inOrder[k]];
        }
        allStart = new int[n + 1];
        allNbr = new int[2 * m];
        maxAllDegree = mergeAll();
      }
      scanStart = symmetric ? outStart : allStart;
      scanNbr = symmetric ? outNbr : allNbr;
      strengthOut = new double[n];
      strengthIn = new double[n];
      double total = 0;
      for (int e = 0; e < m; e++) {
        total += weight[e];
        strengthIn[to[e]] += weight[e];
        strengthOut[from[e]] += weight[e];
      }
      totalWeight = total;
      selfWeight = new double[n];
      for (int v = 0; v < n; v++) {
        for (int k = outStart[v]; k < outStart[v + 1]; k++) {
          if (outNbr[k] == v) {
            selfWeight[v] = outWeight[k];
            break;
          }
        }
      }
    }

    /** Fills the "all" lists as igraph merges out- and in-neighbours; returns the longest. */
    private int mergeAll() {
      int a = 0;
      int maxDegree = 0;
      for (int v = 0; v < n; v++) {
        int i1 = outStart[v];
        int i2 = inStart[v];
        while (i1 < outStart[v + 1] && i2 < inStart[v + 1]) {
          int n1 = outNbr[i1];
          int n2 = inNbr[i2];
          if (n1 < n2) {
            allNbr[a++] = n1;
            i1++;
          } else if (n1 > n2) {
            allNbr[a++] = n2;
            i2++;
          } else {
            allNbr[a++] = n1;
            allNbr[a++] = n2;
            i1++;
            i2++;
          }
        }
        while (i1 < outStart[v + 1]) {
          allNbr[a++] = outNbr[i1++];
        }
        while (i2 < inStart[v + 1]) {
          allNbr[a++] = inNbr[i2++];
        }
        allStart[v + 1] = a;
        maxDegree = Math.max(maxDegree, a - allStart[v]);
      }
      return maxDegree;
    }

    /** scanpy's igraph graph: one directed edge per stored nonzero, row by row. */
    static Graph fromAdjacency(CsrMatrix a, boolean useWeights) {
      int n = a.nRows();
      if (a.nCols() != n) {
        throw new IllegalArgumentException("the graph must be square, not " + n + " x " + a.nCols());
      }
      long nnz = a.nnz();
      if (nnz > Integer.MAX_VALUE / 2) {
        throw new IllegalArgumentException("graph too large for Leiden: " + nnz + " edges");
      }
      int[] from = new int[(int) nnz];
      int[] to = new int[(int) nnz];
      double[] weight = new double[(int) nnz];
      int e = 0;
      for (int b = 0; b < a.nBlocks(); b++) {
        CsrBlock block = a.block(b);
        int row0 = a.rowOffset(b);
        for (int r = 0; r < block.nRows(); r++) {
          for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
            double w = block.value(k);
            if (w == 0) {
              continue;
            }
            if (!(w > 0) || Double.isInfinite(w)) {
              throw new IllegalArgumentException("graph weight " + w + " at (" + (row0 + r) + ", " + block.index(k)
                  + "): weights must be positive");
            }
            from[e] = row0 + r;
            to[e] = block.index(k);
            weight[e] = useWeights ? w : 1;
            e++;
          }
        }
      }
      long[] sizes = new long[n];
      Arrays.fill(sizes, 1);
      return new Graph(n, Arrays.copyOf(from, e), Arrays.copyOf(to, e), Arrays.copyOf(weight, e), sizes);
    }

    /**
     * leidenalg's {@code Graph::collapse_graph}: one node per community, an edge to each community
     * reached, in the order first reached walking the members' out-edges, weighing their sum.
     */
    Graph collapse(Communities p) {
      int nc = p.nComm;
      int[] memberStart = new int[nc + 1];
      for (int v = 0; v < n; v++) {
        memberStart[p.membership[v] + 1]++;
      }
      for (int c = 0; c < nc; c++) {
        memberStart[c + 1] += memberStart[c];
      }
      int[] members = new int[n];
      int[] fill = Arrays.copyOf(memberStart, nc);
      for (int v = 0; v < n; v++) {
        members[fill[p.membership[v]]++] = v;
      }
      double[] toCommunity = new double[nc];
      boolean[] reached = new boolean[nc];
      int[] reachedList = new int[nc];
      int[] newFrom = new int[from.length];
      int[] newTo = new int[from.length];
      double[] newWeight = new double[from.length];
      int e = 0;
      for (int c = 0; c < nc; c++) {
        int nr = 0;
        for (int i = memberStart[c]; i < memberStart[c + 1]; i++) {
          int v = members[i];
          for (int k = outStart[v]; k < outStart[v + 1]; k++) {
            int uc = p.membership[outNbr[k]];
            if (!reached[uc]) {
              reached[uc] = true;
              reachedList[nr++] = uc;
            }
            toCommunity[uc] += outWeight[k];
          }
        }
        for (int i = 0; i < nr; i++) {
          int uc = reachedList[i];
          newFrom[e] = c;
          newTo[e] = uc;
          newWeight[e] = toCommunity[uc];
          e++;
          toCommunity[uc] = 0;
          reached[uc] = false;
        }
      }
      long[] sizes = Arrays.copyOf(p.csize, nc);
      return new Graph(nc, Arrays.copyOf(newFrom, e), Arrays.copyOf(newTo, e), Arrays.copyOf(newWeight, e), sizes);
    }

    /**
     * Edge ids by (source, target, id), igraph's out-index: grouped by source in id order, kept if
     * each source's run is already sorted by target (CSR rows usually are), else sorted by two
     * stable counting passes, by target and then by source.
     */
    private static int[] outOrder(int[] from, int[] to, int[] outStart, int[] inStart) {
      int n = outStart.length - 1;
      int[] fill = Arrays.copyOf(outStart, n);
      int[] order = new int[from.length];
      for (int e = 0; e < from.length; e++) {
        order[fill[from[e]]++] = e;
      }
      boolean sorted = true;
      for (int v = 0; v < n && sorted; v++) {
        for (int k = outStart[v] + 1; k < outStart[v + 1] && sorted; k++) {
          sorted = to[order[k - 1]] <= to[order[k]];
        }
      }
      if (sorted) {
        return order;
      }
      int[] byTarget = new int[from.length];
      int[] targetFill = Arrays.copyOf(inStart, n);
      for (int e = 0; e < from.length; e++) {
        byTarget[targetFill[to[e]]++] = e;
      }
      System.arraycopy(outStart, 0, fill, 0, n);
      for (int e : byTarget) {
        order[fill[from[e]]++] = e;
      }
      return order;
    }

    /**
     * Whether each node's in-list (by source) would equal its out-list (by target), weights to the
     * bit: the out-lists walked by source deal each edge to its target's next in-list slot, which
     * must then hold the same neighbour and weight. Checked without building the in-lists.
     */
    private static boolean inListsRepeatOutLists(int[] outStart, int[] outNbr, double[] outWeight, int[] inStart) {
      if (!Arrays.equals(outStart, inStart)) {
        return false;
      }
      int n = outStart.length - 1;
      int[] fill = Arrays.copyOf(outStart, n);
      for (int v = 0; v < n; v++) {
        for (int k = outStart[v]; k < outStart[v + 1]; k++) {
          int slot = fill[outNbr[k]]++;
          if (outNbr[slot] != v || outWeight[slot] != outWeight[k]) { // weights are positive: == is bitwise
            return false;
          }
        }
      }
      return true;
    }

    /** Edge ids by (target, source, id), igraph's in-index: the out-index scattered stably by target. */
    private static int[] inOrder(int[] to, int[] outOrder, int[] inStart) {
      int[] fill = Arrays.copyOf(inStart, inStart.length - 1);
      int[] order = new int[outOrder.length];
      for (int e : outOrder) {
        order[fill[to[e]]++] = e;
      }
      return order;
    }

    private static int[] starts(int[] key, int n) {
      int[] start = new int[n + 1];
      for (int k : key) {
        start[k + 1]++;
      }
      for (int v = 0; v < n; v++) {
        start[v + 1] += start[v];
      }
      return start;
    }
  }

  /**
   * leidenalg's {@code MutableVertexPartition} for the RB configuration model: membership,
   * community sizes, node counts, total out- and in-weights, and the stack of empty communities
   * that decides which empty community a node may move to.
   */
  static final class Communities {
    final Graph graph;
    final int[] membership;
    int nComm;
    long[] csize;
    int[] cnodes;
    double[] weightFrom;
    double[] weightTo;
    private int[] empty;
    private int nEmpty;
    /** The node being weighed: its edge weight to and from each community. */
    private final double[] toComm;
    private final double[] fromComm;
    private final int[] touched;
    private int nTouched;

    Communities(Graph graph, int[] membership) {
      this(graph, membership, true);
    }

    private Communities(Graph graph, int[] membership, boolean count) {
      this.graph = graph;
      this.membership = membership;
      int n = graph.n;
      csize = new long[n];
      cnodes = new int[n];
      weightFrom = new double[n];
      weightTo = new double[n];
      empty = new int[n];
      toComm = new double[n];
      fromComm = new double[n];
      touched = new int[graph.maxAllDegree];
      if (count) {
        initAdmin();
      }
    }

    /**
     * Each node its own community. The totals are the node strengths: the graph summed them edge
     * by edge in the order {@link #initAdmin} would, so the bits are the same without the pass.
     */
    static Communities singletons(Graph graph) {
      int n = graph.n;
      Communities p = new Communities(graph, identity(n), false);
      p.nComm = n;
      System.arraycopy(graph.nodeSize, 0, p.csize, 0, n);
      Arrays.fill(p.cnodes, 1);
      System.arraycopy(graph.strengthOut, 0, p.weightFrom, 0, n);
      System.arraycopy(graph.strengthIn, 0, p.weightTo, 0, n);
      return p;
    }

    /** {@code set_membership}: new memberships, everything recounted. */
    void reset(int[] newMembership) {
      System.arraycopy(newMembership, 0, membership, 0, membership.length);
      initAdmin();
    }

    private void initAdmin() {
      int n = graph.n;
      nComm = 0;
      for (int v = 0; v < n; v++) {
        nComm = Math.max(nComm, membership[v] + 1);
      }
      Arrays.fill(csize, 0);
      Arrays.fill(cnodes, 0);
      Arrays.fill(weightFrom, 0);
      Arrays.fill(weightTo, 0);
      for (int v = 0; v < n; v++) {
        csize[membership[v]] += graph.nodeSize[v];
        cnodes[membership[v]]++;
      }
      for (int e = 0; e < graph.from.length; e++) {
        weightFrom[membership[graph.from[e]]] += graph.weight[e];
        weightTo[membership[graph.to[e]]] += graph.weight[e];
      }
      nEmpty = 0;
      for (int c = 0; c < nComm; c++) {
        if (cnodes[c] == 0) {
          empty[nEmpty++] = c;
        }
      }
    }

    /** {@code get_empty_community}: the last emptied, or a new one. */
    int emptyCommunity() {
      if (nEmpty == 0) {
        addEmptyCommunity();
      }
      return empty[nEmpty - 1];
    }

    private void addEmptyCommunity() {
      if (nComm >= graph.n) {
        throw new IllegalStateException("more communities than nodes");
      }
      int c = nComm++;
      csize[c] = 0;
      cnodes[c] = 0;
      weightFrom[c] = 0;
      weightTo[c] = 0;
      empty[nEmpty++] = c;
    }

    /** {@code move_node}, updating the totals edge by edge in leidenalg's order; to its own community, nothing. */
    void moveNode(int v, int newComm) {
      while (newComm >= nComm) {
        addEmptyCommunity();
      }
      int oldComm = membership[v];
      if (newComm == oldComm) {
        return;
      }
      cnodes[oldComm]--;
      csize[oldComm] -= graph.nodeSize[v];
      if (cnodes[oldComm] == 0) {
        empty[nEmpty++] = oldComm;
      }
      if (cnodes[newComm] == 0) {
        for (int i = nEmpty - 1; i >= 0; i--) {
          if (empty[i] == newComm) {
            System.arraycopy(empty, i + 1, empty, i, nEmpty - i - 1);
            nEmpty--;
            break;
          }
        }
      }
      cnodes[newComm]++;
      csize[newComm] += graph.nodeSize[v];
      // Each total takes the same operations in the same order as updating it in place.
      double fromOld = weightFrom[oldComm];
      double fromNew = weightFrom[newComm];
      double[] outWeight = graph.outWeight;
      for (int k = graph.outStart[v]; k < graph.outStart[v + 1]; k++) {
        fromOld -= outWeight[k];
        fromNew += outWeight[k];
      }
      weightFrom[oldComm] = fromOld;
      weightFrom[newComm] = fromNew;
      double toOld = weightTo[oldComm];
      double toNew = weightTo[newComm];
      double[] inWeight = graph.inWeight;
      for (int k = graph.inStart[v]; k < graph.inStart[v + 1]; k++) {
        toOld -= inWeight[k];
        toNew += inWeight[k];
      }
      weightTo[oldComm] = toOld;
      weightTo[newComm] = toNew;
      membership[v] = newComm;
    }

    /**
     * {@link #weighNeighbours}, and the neighbouring communities in order of first appearance
     * (leidenalg's "all" list) into {@code list}, marked in {@code listed}; returns how many. On a
     * symmetric graph one walk of the out-list does both.
     */
    int weighAndList(int v, boolean[] listed, int[] list) {
      int nc = 0;
      if (graph.symmetric) {
        for (int k = graph.outStart[v]; k < graph.outStart[v + 1]; k++) {
          int c = membership[graph.outNbr[k]];
          toComm[c] += graph.outWeight[k];
          if (!listed[c]) {
            listed[c] = true;
            list[nc++] = c;
            touched[nTouched++] = c;
          }
        }
        return nc;
      }
      for (int k = graph.allStart[v]; k < graph.allStart[v + 1]; k++) {
        int c = membership[graph.allNbr[k]];
        if (!listed[c]) {
          listed[c] = true;
          list[nc++] = c;
        }
      }
      weighNeighbours(v);
      return nc;
    }

    /**
     * Sums v's out-edge weights per community (by target order) and in-edge weights (by source
     * order). Weights are positive, so a community is new to the list while both its sums are 0.
     */
    void weighNeighbours(int v) {
      for (int k = graph.outStart[v]; k < graph.outStart[v + 1]; k++) {
        int c = membership[graph.outNbr[k]];
        double w = toComm[c];
        if (w == 0 && fromComm[c] == 0) {
          touched[nTouched++] = c;
        }
        toComm[c] = w + graph.outWeight[k];
      }
      if (graph.symmetric) {
        return;
      }
      for (int k = graph.inStart[v]; k < graph.inStart[v + 1]; k++) {
        int c = membership[graph.inNbr[k]];
        double w = fromComm[c];
        if (w == 0 && toComm[c] == 0) {
          touched[nTouched++] = c;
        }
        fromComm[c] = w + graph.inWeight[k];
      }
    }

    void clearNeighbourWeights() {
      for (int i = 0; i < nTouched; i++) {
        toComm[touched[i]] = 0;
        fromComm[touched[i]] = 0;
      }
      nTouched = 0;
    }

    /** {@code RBConfigurationVertexPartition::diff_move} for a directed graph, after {@link #weighNeighbours}. */
    double diffMove(int v, int newComm, double resolution) {
      int oldComm = membership[v];
      double totalWeight = graph.totalWeight;
      if (totalWeight == 0 || newComm == oldComm) {
        return 0;
      }
      double[] from = graph.symmetric ? toComm : fromComm;
      double wToOld = toComm[oldComm];
      double wFromOld = from[oldComm];
      double wToNew = toComm[newComm];
      double wFromNew = from[newComm];
      double kOut = graph.strengthOut[v];
      double kIn = graph.strengthIn[v];
      double self = graph.selfWeight[v];
      double kOutOld = weightFrom[oldComm];
      double kInOld = weightTo[oldComm];
      double kOutNew = (newComm < nComm ? weightFrom[newComm] : 0) + kOut;
      double kInNew = (newComm < nComm ? weightTo[newComm] : 0) + kIn;
      double diffOld = (wToOld - resolution * kOut * kInOld / totalWeight)
          + (wFromOld - resolution * kIn * kOutOld / totalWeight);
      double diffNew = (wToNew + self - resolution * kOut * kInNew / totalWeight)
          + (wFromNew + self - resolution * kIn * kOutNew / totalWeight);
      return diffNew - diffOld;
    }

    /**
     * {@code renumber_communities}: 0 the largest community by total node size, then by node
     * count, then by old number; empty communities dropped.
     */
    void renumber() {
      int nc = nComm;
      int[] order = identity(nc);
      mergeSort(order, new int[nc], 0, nc);
      int[] newId = new int[nc];
      for (int i = 0; i < nc; i++) {
        newId[order[i]] = i;
      }
      int maxComm = 0;
      for (int v = 0; v < membership.length; v++) {
        membership[v] = newId[membership[v]];
        maxComm = Math.max(maxComm, membership[v] + 1);
      }
      long[] newSize = new long[csize.length];
      int[] newNodes = new int[cnodes.length];
      double[] newFrom = new double[weightFrom.length];
      double[] newTo = new double[weightTo.length];
      for (int c = 0; c < nc; c++) {
        if (csize[c] > 0) {
          newSize[newId[c]] = csize[c];
          newNodes[newId[c]] = cnodes[c];
          newFrom[newId[c]] = weightFrom[c];
          newTo[newId[c]] = weightTo[c];
        }
      }
      csize = newSize;
      cnodes = newNodes;
      weightFrom = newFrom;
      weightTo = newTo;
      nComm = membership.length == 0 ? 0 : maxComm;
      nEmpty = 0;
      for (int c = 0; c < nComm; c++) {
        if (csize[c] == 0) {
          empty[nEmpty++] = c;
        }
      }
    }

    private boolean before(int a, int b) {
      if (csize[a] != csize[b]) {
        return csize[a] > csize[b];
      }
      if (cnodes[a] != cnodes[b]) {
        return cnodes[a] > cnodes[b];
      }
      return a < b;
    }

    private void mergeSort(int[] a, int[] buffer, int lo, int hi) {
      if (hi - lo < 2) {
        return;
      }
      int mid = (lo + hi) >>> 1;
      mergeSort(a, buffer, lo, mid);
      mergeSort(a, buffer, mid, hi);
      int i = lo;
      int j = mid;
      int k = lo;
      while (i < mid && j < hi) {
        buffer[k++] = before(a[j], a[i]) ? a[j++] : a[i++];
      }
      while (i < mid) {
        buffer[k++] = a[i++];
      }
      while (j < hi) {
        buffer[k++] = a[j++];
      }
      System.arraycopy(buffer, lo, a, lo, hi - lo);
    }
  }
}
