package org.myelin.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.spatial.SpatialAutocorrelation;
import org.myelin.core.stats.SortedArrays;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import picocli.CommandLine.Option;

/** Moran's I and Geary's C: options and step, shared by {@code myelin spatial autocorr} and {@code myelin run}. */
final class SpatialAutocorrStep {

  /** The score columns myelin score writes end in a method's name. */
  private static final List<String> SCORE_SUFFIXES = List.of("_module", "_seurat", "_ucell", "_aucell", "_mean",
      "_zmean");

  @Option(names = "--mode", paramLabel = "STATS", split = ",", defaultValue = "moran",
      description = "moran, geary, or both (default: ${DEFAULT-VALUE}).")
  List<String> modes;

  @Option(names = "--genes", paramLabel = "GENES", defaultValue = "auto",
      description = "Genes: auto (the highly variable genes when var marks them, else all, as squidpy), hvg, all, "
          + "none, or a comma-separated list (default: ${DEFAULT-VALUE}).")
  String genes;

  @Option(names = "--obs-columns", paramLabel = "COLS", defaultValue = "auto",
      description = "Numeric obs columns too: auto (the signature scores myelin score wrote), none, or a "
          + "comma-separated list (default: ${DEFAULT-VALUE}).")
  String obsColumns;

  @Option(names = "--autocorr-perms", paramLabel = "N", defaultValue = "0",
      description = "Permutations for the permutation p-values (0: analytic only, as squidpy's n_perms=None) "
          + "(default: ${DEFAULT-VALUE}).")
  int nPerms;

  @Option(names = "--alternative", paramLabel = "SIDE", defaultValue = "auto",
      description = "Analytic p-values: auto (the tail on the observed side, as squidpy), greater (R spdep's "
          + "moran.test default), less, or two-sided (default: ${DEFAULT-VALUE}).")
  String alternative;

  @Option(names = "--no-transformation",
      description = "Use the weights as stored instead of row-standardising them (squidpy's transformation=False).")
  boolean noTransformation;

  void check() {
    for (String m : modes) {
      mode(m);
    }
    if (nPerms < 0) {
      throw new IllegalArgumentException("Invalid --autocorr-perms: " + nPerms);
    }
    if (!List.of("auto", "greater", "less", "two-sided").contains(alternative)) {
      throw new IllegalArgumentException("Invalid --alternative: " + alternative + " (auto, greater, less or two-sided)");
    }
  }

  private static SpatialAutocorrelation.Mode mode(String m) {
    return switch (m.toLowerCase(Locale.ROOT)) {
      case "moran" -> SpatialAutocorrelation.Mode.MORAN;
      case "geary" -> SpatialAutocorrelation.Mode.GEARY;
      default -> throw new IllegalArgumentException("Invalid --mode: " + m + " (moran or geary)");
    };
  }

  /** uns key and table name per statistic, as squidpy names them. */
  static String key(SpatialAutocorrelation.Mode m) {
    return m == SpatialAutocorrelation.Mode.MORAN ? "moranI" : "gearyC";
  }

  /** Computes each statistic into uns (a table indexed by feature); returns the tables by uns key. */
  Map<String, Frame> apply(CellData data, long seed, Parallel parallel, PrintWriter err) {
    CsrMatrix graph = data.obsp().get(Keys.OBSP_SPATIAL_CONNECTIVITIES);
    if (graph == null) {
      throw new IllegalArgumentException("no obsp['" + Keys.OBSP_SPATIAL_CONNECTIVITIES + "']: run 'myelin spatial "
          + "graph' first");
    }
    int[] geneCols = geneColumns(data);
    List<String> obs = obsColumns(data);
    List<String> names = new ArrayList<>();
    int n = data.nObs();
    List<int[]> idx = new ArrayList<>();
    List<double[]> val = new ArrayList<>();
    // Without permutations genes are scored straight from the cell-major X; permutations need each
    // gene's values as a vector, so genes then join the obs columns as rows of a feature matrix.
    boolean genesAsRows = nPerms > 0;
    if (geneCols.length > 0) {
      for (int j : geneCols) {
        names.add(data.var().index()[j]);
      }
    }
    if (geneCols.length > 0 && genesAsRows) {
      CsrMatrix byGene = data.x().selectColumns(geneCols).transpose();
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
      int[] i = new int[n];
      for (int t = 0; t < n; t++) {
        i[t] = t;
      }
      idx.add(i);
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
    SpatialAutocorrelation.Weights w = new SpatialAutocorrelation.Weights(graph, !noTransformation);
    Map<String, Frame> out = new java.util.LinkedHashMap<>();
    for (String m : modes) {
      SpatialAutocorrelation.Mode mode = mode(m);
      SpatialAutocorrelation.Result r;
      if (genesAsRows) {
        r = SpatialAutocorrelation.compute(w, features, mode, nPerms, seed, parallel);
      } else {
        double[] stat = new double[names.size()];
        System.arraycopy(SpatialAutocorrelation.statisticsOfColumns(w, data.x(), geneCols, mode, parallel), 0, stat, 0,
            geneCols.length);
        if (!obs.isEmpty()) {
          System.arraycopy(SpatialAutocorrelation.compute(w, features, mode, 0, seed, parallel).stat(), 0, stat,
              geneCols.length, obs.size());
        }
        r = SpatialAutocorrelation.analytic(w, stat, mode);
      }
      r = sided(r, mode);
      Frame f = table(names, r, mode);
      data.uns().put(key(mode), f);
      out.put(key(mode), f);
      err.printf("myelin spatial autocorr: %s of %d features (%d genes, %d obs columns)%s%n", key(mode), names.size(),
          geneCols.length, obs.size(), nPerms > 0 ? ", " + nPerms + " permutations" : "");
    }
    return out;
  }

  /**
   * The analytic p-values for --alternative: "greater" is more autocorrelation than chance for both
   * statistics (Moran's I above, Geary's C below its expectation), as R spdep's tests take it.
   */
  private SpatialAutocorrelation.Result sided(SpatialAutocorrelation.Result r, SpatialAutocorrelation.Mode mode) {
    if (alternative.equals("auto")) {
      return r;
    }
    double[] p = new double[r.zNorm().length];
    for (int f = 0; f < p.length; f++) {
      double z = mode == SpatialAutocorrelation.Mode.MORAN ? r.zNorm()[f] : -r.zNorm()[f];
      p[f] = switch (alternative) {
        case "greater" -> normalUpper(z);
        case "less" -> normalUpper(-z);
        default -> Math.min(1, 2 * normalUpper(Math.abs(z)));
      };
    }
    return new SpatialAutocorrelation.Result(r.stat(), r.zNorm(), p, r.varNorm(),
        org.myelin.core.de.MultipleTesting.benjaminiHochberg(p), r.pSim(), r.pZSim(), r.varSim(), r.pSimFdr(),
        r.pZSimFdr());
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

  private int[] geneColumns(CellData data) {
    String g = genes.toLowerCase(Locale.ROOT);
    boolean hasHvg = data.var().get("highly_variable") instanceof org.myelin.core.table.BooleanColumn;
    return switch (g) {
      case "none" -> new int[0];
      case "all" -> java.util.stream.IntStream.range(0, data.nVars()).toArray();
      case "hvg" -> StepArgs.highlyVariable(data);
      case "auto" -> hasHvg ? StepArgs.highlyVariable(data) : java.util.stream.IntStream.range(0, data.nVars()).toArray();
      default -> {
        Map<String, Integer> at = new java.util.HashMap<>();
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

  private List<String> obsColumns(CellData data) {
    List<String> out = new ArrayList<>();
    switch (obsColumns.toLowerCase(Locale.ROOT)) {
      case "none" -> { }
      case "auto" -> {
        for (Map.Entry<String, Column> c : data.obs().columns().entrySet()) {
          if (c.getValue() instanceof DoubleColumn && SCORE_SUFFIXES.stream().anyMatch(s -> c.getKey().endsWith(s))) {
            out.add(c.getKey());
          }
        }
      }
      default -> {
        for (String name : obsColumns.split(",")) {
          String c = name.strip();
          if (!(data.obs().get(c) instanceof DoubleColumn)) {
            throw new IllegalArgumentException("--obs-columns: obs has no numeric column '" + c + "'");
          }
          out.add(c);
        }
      }
    }
    return out;
  }
}
