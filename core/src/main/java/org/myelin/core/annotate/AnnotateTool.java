package org.myelin.core.annotate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.pp.Normalize;
import org.myelin.core.score.GeneMatch;
import org.myelin.core.score.GeneSet;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Marker-based cell-type annotation, in the manner of scoring marker sets per cell and taking the
 * best (as Garnett's and scType's marker scores do; Pliner et al. 2019, Ianevski et al. 2022): each
 * marker gene is z-scored over the cells of log-normalised X, a set's score is the sum of its genes'
 * z (clipped at 3) over the square root of their number (Stouffer's combination: a set of any size
 * then has the same spread where its genes are silent, so short sets do not outscore long ones), a
 * type's score the mean of its sets' scores, averaged over each cell's graph
 * neighbours when the neighbour graph exists (marker counts are sparse). A set needs half of its
 * genes in the data. Each cell gets the best type, or
 * {@code unassigned} when its score or its margin over the next type is too small; each cluster
 * the best type of its mean scores, the margin being its confidence.
 */
public final class AnnotateTool {

  /** The label of cells no type fits. */
  public static final String UNASSIGNED = "unassigned";

  /** The per-cluster table this tool makes. */
  public static final String TABLE = "cell_types";

  /** z-scores are clipped here, so one gene's outlier cannot decide a type. */
  static final double Z_CLIP = 3;

  /** Rounds of averaging over the graph: each halves the noise of sparse marker counts, and blurs rare types. */
  static final int SMOOTHING_STEPS = 2;

  private AnnotateTool() {}

  /**
   * @param types the types told apart, each by its marker sets
   * @param markerSets the marker sets the types name
   * @param groupby obs column of clusters to label, or null
   * @param smooth average the scores over each cell's neighbours in obsp['connectivities']
   * @param minScore a cell whose best type scores below this is unassigned
   * @param minMargin a cell whose best type leads the next by less than this is unassigned
   * @param keyAdded obs column of the per-cell labels
   */
  public record Options(List<CellTypes.Type> types, List<GeneSet> markerSets, String groupby, boolean smooth,
      double minScore, double minMargin, String keyAdded) {

    public Options {
      types = List.copyOf(types);
      markerSets = List.copyOf(markerSets);
      InvalidOptionException.check(!types.isEmpty(), "types", types, "at least one cell type");
      InvalidOptionException.check(Double.isFinite(minScore), "min_score", minScore, "a number");
      InvalidOptionException.check(minMargin >= 0, "min_margin", minMargin, "0 or more");
      InvalidOptionException.check(keyAdded != null && !keyAdded.isBlank(), "key_added", keyAdded, "an obs column");
    }

    /** The built-in types, labelled per cell and per leiden cluster, smoothed over the graph. */
    public static Options defaults(List<GeneSet> markerSets) {
      return new Options(CellTypes.BUILTIN, markerSets, Keys.OBS_LEIDEN, true, 0.1, 0.02, Keys.OBS_CELL_TYPE);
    }
  }

  /** The types whose marker sets are all usable in genes {@code varNames}. */
  public static List<CellTypes.Type> usableTypes(Options o, String[] varNames) {
    Map<String, int[]> setGenes = usableSets(o, varNames);
    return o.types().stream().filter(t -> setGenes.keySet().containsAll(t.sets())).toList();
  }

  /** A set speaks for its type only with half of its genes in the data: one stray gene is noise. */
  private static Map<String, int[]> usableSets(Options o, String[] varNames) {
    Map<String, int[]> setGenes = new LinkedHashMap<>();
    for (GeneMatch m : GeneMatch.match(o.markerSets(), varNames)) {
      if (m.found().length > 0 && 2 * m.found().length >= m.set().genes().size()) {
        setGenes.put(m.set().name(), m.found());
      }
    }
    return setGenes;
  }

  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    Map<String, int[]> setGenes = usableSets(o, data.var().index());
    List<CellTypes.Type> types = usableTypes(o, data.var().index());
    List<String> missing = new ArrayList<>();
    for (CellTypes.Type t : o.types()) {
      if (!types.contains(t)) {
        missing.add(t.label());
      }
    }
    if (types.size() < 2) {
      throw new IllegalArgumentException("cell-type annotation needs the markers of two types at least; the data has "
          + "those of " + types.size() + " (" + data.nVars() + " genes; types without markers: "
          + String.join(", ", missing) + ")");
    }
    CsrMatrix x = CsrMatrix.isIntegral(data.x()) ? Normalize.logNormalized(data.x(), 1e4, ctx.parallel()) : data.x();
    List<String> sets = new ArrayList<>(setGenes.keySet());
    double[][] setScore = setScores(x, sets.stream().map(setGenes::get).toArray(int[][]::new), ctx);
    if (o.smooth() && data.obsp().get(Keys.OBSP_CONNECTIVITIES) != null) {
      CsrMatrix g = data.obsp().get(Keys.OBSP_CONNECTIVITIES);
      for (int s = 0; s < setScore.length; s++) {
        for (int step = 0; step < SMOOTHING_STEPS; step++) {
          setScore[s] = smooth(g, setScore[s]);
        }
      }
    }
    int n = data.nObs();
    int k = types.size();
    double[][] typeScore = new double[k][n];
    for (int t = 0; t < k; t++) {
      for (String set : types.get(t).sets()) {
        double[] v = setScore[sets.indexOf(set)];
        for (int i = 0; i < n; i++) {
          typeScore[t][i] += v[i] / types.get(t).sets().size();
        }
      }
    }
    String[] categories = new String[k + 1];
    for (int t = 0; t < k; t++) {
      categories[t] = types.get(t).label();
    }
    categories[k] = UNASSIGNED;
    int[] codes = new int[n];
    double[] best = new double[n];
    double[] margin = new double[n];
    int assigned = 0;
    double[] column = new double[k];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < k; t++) {
        column[t] = typeScore[t][i];
      }
      Top top = Top.of(column);
      best[i] = top.first();
      margin[i] = top.margin();
      codes[i] = top.first() >= o.minScore() && top.margin() >= o.minMargin() ? top.index() : k;
      assigned += codes[i] < k ? 1 : 0;
    }
    data.obs().put(o.keyAdded(), new CategoricalColumn(codes, categories, false));
    data.obs().put(o.keyAdded() + "_score", new DoubleColumn(best));
    data.obs().put(o.keyAdded() + "_margin", new DoubleColumn(margin));
    Map<String, Object> uns = new LinkedHashMap<>();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("types", categories);
    params.put("types_without_markers", missing.toArray(new String[0]));
    params.put("groupby", o.groupby() == null ? "" : o.groupby());
    params.put("smooth", o.smooth());
    params.put("min_score", o.minScore());
    params.put("min_margin", o.minMargin());
    uns.put("params", params);
    Map<String, ToolResult.Table> tables = new LinkedHashMap<>();
    if (o.groupby() != null && data.obs().has(o.groupby())) {
      Frame table = clusters(data, o, typeScore, categories, codes);
      uns.put("clusters", table);
      tables.put(TABLE, new ToolResult.Table(table, "cluster"));
    }
    data.uns().put(Keys.UNS_CELL_TYPES, uns);
    ctx.info("%d of %d cells assigned to %d types (%d unassigned)%s", assigned, n, k, n - assigned,
        missing.isEmpty() ? "" : "; without markers in the data: " + String.join(", ", missing));
    return new ToolResult(data, tables);
  }

  /** Per cluster: the best type of the cluster's mean scores, its margin, and the share of cells given it. */
  private static Frame clusters(CellData data, Options o, double[][] typeScore, String[] categories, int[] codes) {
    Groups g = Groups.of(data.obs(), o.groupby(), "cell-type annotation (--groupby)");
    int k = typeScore.length;
    int c = g.nGroups();
    double[][] mean = new double[c][k];
    long[] size = new long[c];
    long[][] agree = new long[c][k + 1];
    for (int i = 0; i < codes.length; i++) {
      int cl = g.codes()[i];
      size[cl]++;
      agree[cl][codes[i]]++;
      for (int t = 0; t < k; t++) {
        mean[cl][t] += typeScore[t][i];
      }
    }
    String[] label = new String[c];
    double[] score = new double[c];
    double[] confidence = new double[c];
    double[] share = new double[c];
    int[] clusterOf = new int[c];
    for (int cl = 0; cl < c; cl++) {
      double[] m = new double[k];
      for (int t = 0; t < k; t++) {
        m[t] = mean[cl][t] / Math.max(1, size[cl]);
      }
      Top top = Top.of(m);
      int b = top.index();
      clusterOf[cl] = b;
      label[cl] = categories[b];
      score[cl] = top.first();
      confidence[cl] = top.margin();
      share[cl] = size[cl] == 0 ? 0 : (double) agree[cl][b] / size[cl];
    }
    int[] perCell = new int[codes.length];
    for (int i = 0; i < perCell.length; i++) {
      perCell[i] = clusterOf[g.codes()[i]];
    }
    data.obs().put(o.keyAdded() + "_cluster", new CategoricalColumn(perCell, Arrays.copyOf(categories, k), false));
    Frame f = new Frame(g.labels());
    f.put("cell_type", new StringColumn(label));
    f.put("score", new DoubleColumn(score));
    f.put("confidence", new DoubleColumn(confidence));
    f.put("n_cells", new IntColumn(size));
    f.put("fraction_cells_agreeing", new DoubleColumn(share));
    return f;
  }

  /**
   * Each set's score per cell: the mean over its genes of (x - mean) / sd, with the genes' means
   * and standard deviations over all cells; genes constant over the cells are left out.
   */
  static double[][] setScores(CsrMatrix x, int[][] sets, ToolContext ctx) {
    int nGenes = x.nCols();
    boolean[] marker = new boolean[nGenes];
    for (int[] s : sets) {
      for (int j : s) {
        marker[j] = true;
      }
    }
    // Sums per block, added in block order: the same bits for any thread count.
    double[][] sum = new double[x.nBlocks()][];
    double[][] sumSq = new double[x.nBlocks()][];
    ctx.parallel().forEach(x.nBlocks(), b -> {
      double[] s1 = new double[nGenes];
      double[] s2 = new double[nGenes];
      CsrBlock block = x.block(b);
      for (int e = 0; e < block.nnz(); e++) {
        int j = block.index(e);
        if (marker[j]) {
          double v = block.value(e);
          s1[j] += v;
          s2[j] += v * v;
        }
      }
      sum[b] = s1;
      sumSq[b] = s2;
    });
    int n = x.nRows();
    double[] mean = new double[nGenes];
    double[] inv = new double[nGenes];
    for (int j = 0; j < nGenes; j++) {
      if (!marker[j]) {
        continue;
      }
      double s1 = 0;
      double s2 = 0;
      for (int b = 0; b < sum.length; b++) {
        s1 += sum[b][j];
        s2 += sumSq[b][j];
      }
      mean[j] = s1 / n;
      double var = n > 1 ? (s2 - n * mean[j] * mean[j]) / (n - 1) : 0;
      inv[j] = var > 1e-12 ? 1 / Math.sqrt(var) : 0;
    }
    int m = sets.length;
    int[] used = new int[m];
    List<List<Integer>> setsOfGene = new ArrayList<>(nGenes);
    for (int j = 0; j < nGenes; j++) {
      setsOfGene.add(null);
    }
    for (int s = 0; s < m; s++) {
      for (int j : sets[s]) {
        if (inv[j] > 0) {
          used[s]++;
          if (setsOfGene.get(j) == null) {
            setsOfGene.set(j, new ArrayList<>());
          }
          setsOfGene.get(j).add(s);
        }
      }
    }
    int[][] setsOf = new int[nGenes][];
    for (int j = 0; j < nGenes; j++) {
      setsOf[j] = setsOfGene.get(j) == null ? null : setsOfGene.get(j).stream().mapToInt(Integer::intValue).toArray();
    }
    // Every cell starts from the z of zero in each gene (clipped); a stored value replaces its gene's.
    double[] zeroZ = new double[nGenes];
    for (int j = 0; j < nGenes; j++) {
      zeroZ[j] = clip(-mean[j] * inv[j]);
    }
    double[] base = new double[m];
    for (int s = 0; s < m; s++) {
      for (int j : sets[s]) {
        if (inv[j] > 0) {
          base[s] += zeroZ[j];
        }
      }
    }
    double[][] out = new double[m][n];
    ctx.parallel().forEach(x.nBlocks(), b -> {
      CsrBlock block = x.block(b);
      int first = x.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int s = 0; s < m; s++) {
          out[s][first + r] = base[s];
        }
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          int j = block.index(e);
          int[] in = setsOf[j];
          if (in != null) {
            double dz = clip((block.value(e) - mean[j]) * inv[j]) - zeroZ[j];
            for (int s : in) {
              out[s][first + r] += dz;
            }
          }
        }
        for (int s = 0; s < m; s++) {
          out[s][first + r] = used[s] == 0 ? 0 : out[s][first + r] / Math.sqrt(used[s]);
        }
      }
    });
    return out;
  }

  /** The best of some scores (the first on ties), its score and its margin over the second best. */
  record Top(int index, double first, double margin) {
    static Top of(double[] scores) {
      int b = 0;
      double first = Double.NEGATIVE_INFINITY;
      double second = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < scores.length; t++) {
        if (scores[t] > first) {
          second = first;
          first = scores[t];
          b = t;
        } else if (scores[t] > second) {
          second = scores[t];
        }
      }
      return new Top(b, first, first - second);
    }
  }

  private static double clip(double z) {
    return Math.max(-Z_CLIP, Math.min(Z_CLIP, z));
  }

  /**
   * Each cell's value half its own, half its neighbours' weighted mean:
   * (W v_i + sum w_ij v_j) / 2W with W = sum w_ij; a cell without neighbours keeps its value.
   */
  static double[] smooth(CsrMatrix graph, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      CsrMatrix.Row row = graph.row(i);
      double s = 0;
      double w = 0;
      for (int e = row.start(); e < row.end(); e++) {
        if (row.index(e) != i) {
          s += row.value(e) * v[row.index(e)];
          w += row.value(e);
        }
      }
      out[i] = w > 0 ? (w * v[i] + s) / (2 * w) : v[i];
    }
    return out;
  }
}
