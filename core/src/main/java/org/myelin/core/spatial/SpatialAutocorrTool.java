package org.myelin.core.spatial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.de.MultipleTesting;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.pp.HighlyVariableGenes;
import org.myelin.core.score.ScoreTool;
import org.myelin.core.stats.SortedArrays;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Moran's I and Geary's C of genes and numeric obs columns on the spatial graph, as squidpy's
 * {@code spatial_autocorr} (Moran 1950, Geary 1954; analytic p-values as PySAL's esda): tables
 * indexed by feature with squidpy's columns in {@code uns["moranI"]} and {@code uns["gearyC"]}.
 */
public final class SpatialAutocorrTool {

  private SpatialAutocorrTool() {}

  /** The tail of the analytic p-values. */
  public enum Alternative {
    /** The tail on the observed side, as squidpy. */
    AUTO,
    /** More autocorrelation than chance (R spdep's moran.test default). */
    GREATER,
    LESS,
    TWO_SIDED
  }

  /**
   * @param modes the statistics
   * @param genes auto (the highly variable genes when var marks them, else all), hvg, all, none, or
   *     a comma-separated list
   * @param obsColumns numeric obs columns too: auto (the signature scores), none, or a list
   * @param nPerms permutations for the permutation p-values; 0 for analytic only
   * @param alternative the tail of the analytic p-values
   * @param transformation row-standardise the weights, as squidpy
   */
  public record Options(List<SpatialAutocorrelation.Mode> modes, String genes, String obsColumns, int nPerms,
      Alternative alternative, boolean transformation) {

    public Options {
      modes = List.copyOf(modes);
      InvalidOptionException.check(!modes.isEmpty(), "mode", modes, "moran, geary or both");
      InvalidOptionException.check(genes != null && !genes.isBlank(), "genes", genes,
          "auto, hvg, all, none or a list");
      InvalidOptionException.check(obsColumns != null && !obsColumns.isBlank(), "obs_columns", obsColumns,
          "auto, none or a list");
      InvalidOptionException.check(nPerms >= 0, "n_perms", nPerms, "0 for analytic only, or positive");
      InvalidOptionException.check(alternative != null, "alternative", alternative,
          "auto, greater, less or two-sided");
    }

    /** squidpy's defaults: Moran's I of the highly variable genes (and the scores), analytic p-values. */
    public static Options defaults() {
      return new Options(List.of(SpatialAutocorrelation.Mode.MORAN), "auto", "auto", 0, Alternative.AUTO, true);
    }
  }

  /** uns key and table name per statistic, as squidpy names them. */
  public static String key(SpatialAutocorrelation.Mode m) {
    return m == SpatialAutocorrelation.Mode.MORAN ? Keys.UNS_MORAN : Keys.UNS_GEARY;
  }

  /** Computes each statistic into uns; returns the same container and the tables by uns key. */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    CsrMatrix graph = SpatialNeighborsTool.graph(data);
    int[] geneCols = geneColumns(data, o.genes());
    List<String> obs = obsColumns(data, o.obsColumns(), "--obs-columns");
    List<String> names = new ArrayList<>();
    int n = data.nObs();
    List<int[]> idx = new ArrayList<>();
    List<double[]> val = new ArrayList<>();
    // Without permutations genes are scored straight from the cell-major X; permutations need each
    // gene's values as a vector, so genes then join the obs columns as rows of a feature matrix.
    boolean genesAsRows = o.nPerms() > 0;
    for (int j : geneCols) {
      names.add(data.var().index()[j]);
    }
    if (geneCols.length > 0 && genesAsRows) {
      CsrMatrix byGene = data.x().selectColumns(geneCols, ctx.parallel()).transpose(ctx.parallel());
      for (int b = 0; b < byGene.nBlocks(); b++) {
        CsrBlock block = byGene.block(b);
        for (int r = 0; r < block.nRows(); r++) {
          int len = block.rowStart(r + 1) - block.rowStart(r);
          int[] i = new int[len];
          double[] v = new double[len];
          for (int e = 0; e < len; e++) {
            i[e] = block.index(block.rowStart(r) + e);
            v[e] = block.value(block.rowStart(r) + e);
          }
          idx.add(i);
          val.add(v);
        }
      }
    }
    for (String c : obs) {
      double[] v = ((DoubleColumn) data.obs().get(c)).values();
      idx.add(IntStream.range(0, n).toArray());
      val.add(v.clone());
      names.add(c);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no feature to test: --genes and --obs-columns select nothing");
    }
    long[] ptr = new long[idx.size() + 1];
    long total = 0;
    for (int f = 0; f < idx.size(); f++) {
      total += idx.get(f).length;
      ptr[f + 1] = total;
    }
    int[] allIdx = new int[(int) total];
    double[] allVal = new double[(int) total];
    for (int f = 0; f < idx.size(); f++) {
      System.arraycopy(idx.get(f), 0, allIdx, (int) ptr[f], idx.get(f).length);
      System.arraycopy(val.get(f), 0, allVal, (int) ptr[f], val.get(f).length);
    }
    CsrMatrix features = CsrMatrix.fromCsr(n, ptr, allIdx, allVal);
    SpatialAutocorrelation.Weights w = new SpatialAutocorrelation.Weights(graph, o.transformation());
    Map<String, ToolResult.Table> out = new LinkedHashMap<>();
    for (SpatialAutocorrelation.Mode mode : o.modes()) {
      SpatialAutocorrelation.Result r;
      if (genesAsRows) {
        r = SpatialAutocorrelation.compute(w, features, mode, o.nPerms(), ctx.seed(), ctx.parallel());
      } else {
        double[] stat = new double[names.size()];
        System.arraycopy(SpatialAutocorrelation.statisticsOfColumns(w, data.x(), geneCols, mode, ctx.parallel()), 0,
            stat, 0, geneCols.length);
        if (!obs.isEmpty()) {
          System.arraycopy(SpatialAutocorrelation.compute(w, features, mode, 0, ctx.seed(), ctx.parallel()).stat(), 0,
              stat, geneCols.length, obs.size());
        }
        r = SpatialAutocorrelation.analytic(w, stat, mode);
      }
      r = sided(r, mode, o.alternative());
      Frame f = table(names, r, mode);
      data.uns().put(key(mode), f);
      out.put(key(mode), new ToolResult.Table(f, "feature"));
      ctx.info("%s of %d features (%d genes, %d obs columns)%s", key(mode), names.size(), geneCols.length, obs.size(),
          o.nPerms() > 0 ? ", " + o.nPerms() + " permutations" : "");
    }
    return new ToolResult(data, out);
  }

  /**
   * The analytic p-values for the alternative: "greater" is more autocorrelation than chance for
   * both statistics (Moran's I above, Geary's C below its expectation), as R spdep's tests take it.
   */
  private static SpatialAutocorrelation.Result sided(SpatialAutocorrelation.Result r, SpatialAutocorrelation.Mode mode,
      Alternative alternative) {
    if (alternative == Alternative.AUTO) {
      return r;
    }
    double[] p = new double[r.zNorm().length];
    for (int f = 0; f < p.length; f++) {
      double z = mode == SpatialAutocorrelation.Mode.MORAN ? r.zNorm()[f] : -r.zNorm()[f];
      p[f] = switch (alternative) {
        case GREATER -> normalUpper(z);
        case LESS -> normalUpper(-z);
        default -> Math.min(1, 2 * normalUpper(Math.abs(z)));
      };
    }
    return new SpatialAutocorrelation.Result(r.stat(), r.zNorm(), p, r.varNorm(), MultipleTesting.benjaminiHochberg(p),
        r.pSim(), r.pZSim(), r.varSim(), r.pSimFdr(), r.pZSimFdr());
  }

  private static double normalUpper(double z) {
    return Double.isNaN(z) ? Double.NaN : 0.5 * smile.math.special.Erf.erfc(z / Math.sqrt(2));
  }

  /** squidpy's table: sorted by the statistic (Moran's I down, Geary's C up), NaN last. */
  private static Frame table(List<String> names, SpatialAutocorrelation.Result r, SpatialAutocorrelation.Mode mode) {
    double[] key = new double[names.size()];
    for (int f = 0; f < key.length; f++) {
      double s = r.stat()[f];
      key[f] = Double.isNaN(s) ? Double.NaN : mode == SpatialAutocorrelation.Mode.MORAN ? -s : s;
    }
    int[] order = SortedArrays.order(key);
    String[] index = new String[order.length];
    for (int t = 0; t < order.length; t++) {
      index[t] = names.get(order[t]);
    }
    Frame f = new Frame(index);
    f.put(mode == SpatialAutocorrelation.Mode.MORAN ? "I" : "C", pick(r.stat(), order));
    f.put("pval_norm", pick(r.pNorm(), order));
    f.put("var_norm", pick(filled(r.varNorm(), order.length), order));
    if (r.pSim() != null) {
      f.put("pval_z_sim", pick(r.pZSim(), order));
      f.put("pval_sim", pick(r.pSim(), order));
      f.put("var_sim", pick(r.varSim(), order));
    }
    f.put("pval_norm_fdr_bh", pick(r.pNormFdr(), order));
    if (r.pSim() != null) {
      f.put("pval_z_sim_fdr_bh", pick(r.pZSimFdr(), order));
      f.put("pval_sim_fdr_bh", pick(r.pSimFdr(), order));
    }
    return f;
  }

  private static double[] filled(double v, int n) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  private static Column pick(double[] v, int[] order) {
    double[] out = new double[order.length];
    for (int t = 0; t < order.length; t++) {
      out[t] = v[order[t]];
    }
    return new DoubleColumn(out);
  }

  private static int[] geneColumns(CellData data, String genes) {
    String g = genes.toLowerCase(java.util.Locale.ROOT);
    boolean hasHvg = data.var().get(Keys.VAR_HIGHLY_VARIABLE) instanceof BooleanColumn;
    return switch (g) {
      case "none" -> new int[0];
      case "all" -> IntStream.range(0, data.nVars()).toArray();
      case "hvg" -> HighlyVariableGenes.selected(data);
      case "auto" -> hasHvg ? HighlyVariableGenes.selected(data) : IntStream.range(0, data.nVars()).toArray();
      default -> {
        Map<String, Integer> at = new HashMap<>();
        for (int j = 0; j < data.nVars(); j++) {
          at.putIfAbsent(data.var().index()[j], j);
        }
        List<String> missing = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (String name : genes.split(",")) {
          Integer j = at.get(name.strip());
          if (j == null) {
            missing.add(name.strip());
          } else {
            cols.add(j);
          }
        }
        if (!missing.isEmpty()) {
          throw new IllegalArgumentException("--genes: not in the data: " + String.join(", ", missing));
        }
        yield cols.stream().mapToInt(Integer::intValue).toArray();
      }
    };
  }

  /** The numeric obs columns named by a selection: auto is every score column {@link ScoreTool} wrote. */
  static List<String> obsColumns(CellData data, String selection, String option) {
    List<String> out = new ArrayList<>();
    switch (selection.toLowerCase(java.util.Locale.ROOT)) {
      case "none" -> { }
      case "auto" -> {
        for (Map.Entry<String, Column> c : data.obs().columns().entrySet()) {
          if (c.getValue() instanceof DoubleColumn
              && ScoreTool.SCORE_SUFFIXES.stream().anyMatch(s -> c.getKey().endsWith(s))) {
            out.add(c.getKey());
          }
        }
      }
      default -> {
        for (String name : selection.split(",")) {
          String c = name.strip();
          if (!(data.obs().get(c) instanceof DoubleColumn)) {
            throw new IllegalArgumentException(option + ": obs has no numeric column '" + c + "'");
          }
          out.add(c);
        }
      }
    }
    return out;
  }
}
