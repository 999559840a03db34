package org.myelin.core.pp;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;

/**
 * Quality-control metrics as scanpy's {@code calculate_qc_metrics} (McCarthy et al.,
 * Bioinformatics 2017, scater): per cell {@code n_genes_by_counts}, {@code total_counts},
 * {@code total_counts_<var>} and {@code pct_counts_<var>} for each gene group (mitochondrial
 * {@code mt}, ribosomal {@code ribo}, haemoglobin {@code hb}), {@code pct_counts_in_top_<n>_genes};
 * per gene {@code n_cells_by_counts}, {@code mean_counts}, {@code pct_dropout_by_counts},
 * {@code total_counts}; the log1p_ variants when asked. Sums are accumulated in double.
 */
public final class QcMetrics {

  /** scanpy's default {@code percent_top}. */
  public static final int[] DEFAULT_PERCENT_TOP = {50, 100, 200, 500};

  private QcMetrics() {}

  /**
   * Options of {@link #compute}.
   *
   * @param qcVars gene groups to report: mt, ribo, hb (named as scanpy tutorials define them)
   * @param percentTop the n of pct_counts_in_top_n_genes; values above the gene count are skipped
   * @param log1p also write log1p_ columns, as scanpy does by default
   */
  public record Options(List<String> qcVars, int[] percentTop, boolean log1p) {
    public Options {
      for (String v : qcVars) {
        if (!List.of("mt", "ribo", "hb").contains(v)) {
          throw new IllegalArgumentException("Invalid QC gene group: " + v + " (mt, ribo or hb)");
        }
      }
      for (int n : percentTop) {
        if (n < 1) {
          throw new IllegalArgumentException("Invalid percent_top: " + n);
        }
      }
      percentTop = percentTop.clone();
      Arrays.sort(percentTop);
    }

    public static Options scanpyDefaults() {
      return new Options(List.of("mt"), DEFAULT_PERCENT_TOP, true);
    }
  }

  /** Whether an obs column is one of the per-cell metrics {@link #compute} writes. */
  public static boolean isCellMetric(String column) {
    return column.matches("(log1p_)?(n_genes_by_counts|total_counts(_.+)?)|pct_counts_.+");
  }

  /** Whether a gene belongs to a QC group: MT-/mt- (mt), RPS/RPL (ribo), HB* but not HBP (hb). */
  public static boolean inGroup(String gene, String group) {
    String g = gene.toUpperCase(Locale.ROOT);
    return switch (group) {
      case "mt" -> g.startsWith("MT-");
      case "ribo" -> g.startsWith("RPS") || g.startsWith("RPL");
      case "hb" -> g.startsWith("HB") && !g.startsWith("HBP");
      default -> throw new IllegalArgumentException("Invalid QC gene group: " + group);
    };
  }

  /**
   * Computes the metrics of X and writes them into obs and var (and var[group] masks). Returns the
   * sums filtering reads (the same numbers), or null when the metrics leave out the mt group.
   */
  public static Filter.CellSums compute(CellData data, Options options, Parallel parallel) {
    String[] genes = data.var().index();
    Map<String, boolean[]> groups = new LinkedHashMap<>();
    for (String v : options.qcVars()) {
      boolean[] mask = new boolean[genes.length];
      for (int j = 0; j < genes.length; j++) {
        mask[j] = inGroup(genes[j], v);
      }
      groups.put(v, mask);
      data.var().put(v, new BooleanColumn(mask));
    }
    int[] top = Arrays.stream(options.percentTop()).filter(n -> n <= data.nVars()).toArray();
    CsrMatrix x = data.x();
    int n = data.nObs();
    int g = data.nVars();
    long[] nGenes = new long[n];
    double[] total = new double[n];
    double[][] groupTotal = new double[groups.size()][n];
    double[][] topPct = new double[top.length][n];
    boolean[][] masks = groups.values().toArray(new boolean[0][]);
    // Per-gene sums are made per block and added in block order, so any thread count gives the same bits.
    double[][] geneTotal = new double[x.nBlocks()][];
    long[][] geneCells = new long[x.nBlocks()][];
    parallel.forEach(x.nBlocks(), b -> {
      CsrBlock block = x.block(b);
      double[] gt = new double[g];
      long[] gc = new long[g];
      double[] values = new double[g];
      int[] histogram = new int[TopCounts.LARGEST + 1];
      int base = x.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        int i = base + r;
        double sum = 0;
        long expressed = 0;
        int m = 0;
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          double v = block.value(k);
          int j = block.index(k);
          sum += v;
          gt[j] += v;
          if (v > 0) {
            expressed++;
            gc[j]++;
          }
          for (int q = 0; q < masks.length; q++) {
            if (masks[q][j]) {
              groupTotal[q][i] += v;
            }
          }
          values[m++] = v;
        }
        total[i] = sum;
        nGenes[i] = expressed;
        if (top.length > 0 && !TopCounts.sumTop(values, m, sum, top, topPct, i, histogram)) {
          TopCounts.sumTopSorted(values, m, sum, top, topPct, i);
        }
      }
      geneTotal[b] = gt;
      geneCells[b] = gc;
    });
    double[] gTotal = new double[g];
    long[] gCells = new long[g];
    for (int b = 0; b < x.nBlocks(); b++) {
      for (int j = 0; j < g; j++) {
        gTotal[j] += geneTotal[b][j];
        gCells[j] += geneCells[b][j];
      }
    }
    Frame obs = data.obs();
    obs.put("n_genes_by_counts", new IntColumn(nGenes));
    if (options.log1p()) {
      obs.put("log1p_n_genes_by_counts", new DoubleColumn(log1p(nGenes)));
    }
    obs.put("total_counts", new DoubleColumn(total));
    if (options.log1p()) {
      obs.put("log1p_total_counts", new DoubleColumn(log1p(total)));
    }
    for (int t = 0; t < top.length; t++) {
      obs.put("pct_counts_in_top_" + top[t] + "_genes", new DoubleColumn(topPct[t]));
    }
    int q = 0;
    for (String v : groups.keySet()) {
      double[] pct = new double[n];
      for (int i = 0; i < n; i++) {
        pct[i] = total[i] == 0 ? Double.NaN : groupTotal[q][i] / total[i] * 100;
      }
      obs.put("total_counts_" + v, new DoubleColumn(groupTotal[q]));
      if (options.log1p()) {
        obs.put("log1p_total_counts_" + v, new DoubleColumn(log1p(groupTotal[q])));
      }
      obs.put("pct_counts_" + v, new DoubleColumn(pct));
      q++;
    }
    Frame var = data.var();
    double[] mean = new double[g];
    double[] dropout = new double[g];
    for (int j = 0; j < g; j++) {
      mean[j] = gTotal[j] / n;
      dropout[j] = (1 - (double) gCells[j] / n) * 100;
    }
    var.put("n_cells_by_counts", new IntColumn(gCells));
    var.put("mean_counts", new DoubleColumn(mean));
    if (options.log1p()) {
      var.put("log1p_mean_counts", new DoubleColumn(log1p(mean)));
    }
    var.put("pct_dropout_by_counts", new DoubleColumn(dropout));
    var.put("total_counts", new DoubleColumn(gTotal));
    if (options.log1p()) {
      var.put("log1p_total_counts", new DoubleColumn(log1p(gTotal)));
    }
    int mt = List.copyOf(groups.keySet()).indexOf("mt");
    return mt < 0 ? null : new Filter.CellSums(total, nGenes, groupTotal[mt], gCells);
  }

  private static double[] log1p(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.log1p(v[i]);
    }
    return out;
  }

  private static double[] log1p(long[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.log1p(v[i]);
    }
    return out;
  }
}
