package org.myelin.core.pp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.IntColumn;

/**
 * Cell and gene filtering as scanpy's {@code filter_cells} and {@code filter_genes}, plus a cap on
 * the mitochondrial share: cells are filtered first, genes then counted on the cells kept (the
 * order scanpy tutorials use). Writes scanpy's {@code obs["n_genes"]} and {@code var["n_cells"]},
 * and returns what was removed and why.
 */
public final class Filter {

  private Filter() {}

  /**
   * Thresholds; a value of 0 (or NaN for {@code maxPctMt}) means no limit.
   *
   * @param minCounts cells with fewer total counts go
   * @param maxCounts cells with more total counts go
   * @param minGenes cells expressing fewer genes go (scanpy's default pipeline: 200)
   * @param maxGenes cells expressing more genes go
   * @param maxPctMt cells with a larger mitochondrial percentage go
   * @param minCells genes expressed in fewer kept cells go (scanpy's default pipeline: 3)
   */
  public record Options(double minCounts, double maxCounts, int minGenes, int maxGenes, double maxPctMt, int minCells) {
    public Options {
      if (minCounts < 0 || maxCounts < 0 || minGenes < 0 || maxGenes < 0 || minCells < 0 || maxPctMt < 0) {
        throw new IllegalArgumentException("Invalid filter thresholds: they cannot be negative");
      }
    }
  }

  /** How many cells and genes each rule removed, in the order the rules ran. */
  public record Summary(int cellsBefore, int cellsAfter, int genesBefore, int genesAfter, Map<String, Integer> removed,
      Medians medians) {}

  /** The medians per cell before filtering, by which a threshold can be judged. */
  public record Medians(double genes, double counts, double pctMt) {}

  /**
   * Filters {@code data}, returning the filtered data and the summary. The filtered data shares the
   * blocks of X and the layers that lost no cell with {@code data} (it is {@code data} itself when
   * no cell goes): a pipeline goes on with it, not with both.
   */
  public static Map.Entry<CellData, Summary> apply(CellData data, Options o, Parallel parallel) {
    return apply(data, o, sums(data, parallel), parallel);
  }

  /**
   * Per cell, the total counts, the genes expressed and the mitochondrial counts that filtering
   * reads; per gene, the cells expressing it. QC metrics make the same numbers by the same
   * additions in the same order, so {@code qc} hands them on instead of passing over X twice more.
   */
  public record CellSums(double[] total, long[] genes, double[] mt, long[] cellsPerGene) {}

  /** The sums of X that {@link #apply(CellData, Options, CellSums, Parallel)} reads, made in one pass. */
  public static CellSums sums(CellData data, Parallel parallel) {
    CsrMatrix x = data.x();
    int n = data.nObs();
    double[] total = new double[n];
    long[] genes = new long[n];
    double[] mt = new double[n];
    boolean[] mtGene = new boolean[data.nVars()];
    String[] names = data.var().index();
    for (int j = 0; j < names.length; j++) {
      mtGene[j] = QcMetrics.inGroup(names[j], "mt");
    }
    // Per-gene counts are made per block and added in block order: integers, the same for any thread count.
    long[][] perBlock = new long[x.nBlocks()][];
    parallel.forEach(x.nBlocks(), b -> {
      CsrBlock block = x.block(b);
      long[] cells = new long[data.nVars()];
      for (int r = 0; r < block.nRows(); r++) {
        int i = x.rowOffset(b) + r;
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          double v = block.value(k);
          total[i] += v;
          if (v > 0) {
            genes[i]++;
            cells[block.index(k)]++;
          }
          if (mtGene[block.index(k)]) {
            mt[i] += v;
          }
        }
      }
      perBlock[b] = cells;
    });
    long[] cellsPerGene = new long[data.nVars()];
    for (long[] c : perBlock) {
      for (int j = 0; j < c.length; j++) {
        cellsPerGene[j] += c[j];
      }
    }
    return new CellSums(total, genes, mt, cellsPerGene);
  }

  /** As {@link #apply(CellData, Options, Parallel)}, from sums of X already made. */
  public static Map.Entry<CellData, Summary> apply(CellData data, Options o, CellSums sums, Parallel parallel) {
    CsrMatrix x = data.x();
    int n = data.nObs();
    double[] total = sums.total();
    long[] genes = sums.genes();
    double[] mt = sums.mt();
    Map<String, Integer> removed = new LinkedHashMap<>();
    boolean[] keep = new boolean[n];
    int[] reasons = new int[5];
    for (int i = 0; i < n; i++) {
      double pct = total[i] == 0 ? 0 : mt[i] / total[i] * 100;
      if (o.minCounts() > 0 && total[i] < o.minCounts()) {
        reasons[0]++;
      } else if (o.maxCounts() > 0 && total[i] > o.maxCounts()) {
        reasons[1]++;
      } else if (o.minGenes() > 0 && genes[i] < o.minGenes()) {
        reasons[2]++;
      } else if (o.maxGenes() > 0 && genes[i] > o.maxGenes()) {
        reasons[3]++;
      } else if (!Double.isNaN(o.maxPctMt()) && o.maxPctMt() > 0 && pct > o.maxPctMt()) {
        reasons[4]++;
      } else {
        keep[i] = true;
      }
    }
    String[] labels = {"cells below min_counts", "cells above max_counts", "cells below min_genes",
        "cells above max_genes", "cells above max_pct_mt"};
    for (int k = 0; k < labels.length; k++) {
      removed.put(labels[k], reasons[k]);
    }
    int[] rows = indices(keep);
    CellData cells = rows.length == n ? data : data.keepObs(rows, parallel);
    if (o.minGenes() > 0) {
      long[] kept = new long[rows.length];
      for (int k = 0; k < rows.length; k++) {
        kept[k] = genes[rows[k]];
      }
      cells.obs().put("n_genes", new IntColumn(kept));
    }
    // Genes are counted on the cells that stay: all cells' counts, less those of the cells removed.
    long[] nCells = sums.cellsPerGene().clone();
    for (int i = 0; i < n; i++) {
      if (!keep[i]) {
        CsrMatrix.Row row = x.row(i);
        for (int k = row.start(); k < row.end(); k++) {
          if (row.block().value(k) > 0) {
            nCells[row.block().index(k)]--;
          }
        }
      }
    }
    boolean[] keepGene = new boolean[cells.nVars()];
    int genesRemoved = 0;
    for (int j = 0; j < keepGene.length; j++) {
      keepGene[j] = o.minCells() == 0 || nCells[j] >= o.minCells();
      if (!keepGene[j]) {
        genesRemoved++;
      }
    }
    removed.put("genes below min_cells", genesRemoved);
    CellData out = cells;
    int[] cols = indices(keepGene);
    if (o.minCells() > 0) {
      if (cols.length < cells.nVars()) {
        out = cells.selectVars(cols);
      }
      long[] kept = new long[cols.length];
      for (int k = 0; k < cols.length; k++) {
        kept[k] = nCells[cols[k]];
      }
      out.var().put("n_cells", new IntColumn(kept));
    }
    double[] g = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = genes[i];
      p[i] = total[i] == 0 ? 0 : mt[i] / total[i] * 100;
    }
    Medians medians = new Medians(median(g), median(total.clone()), median(p));
    return Map.entry(out, new Summary(n, out.nObs(), data.nVars(), out.nVars(), removed, medians));
  }

  /** The median of {@code v} (sorted in place); NaN when empty. */
  private static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    java.util.Arrays.sort(v);
    int h = v.length / 2;
    return v.length % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
  }

  private static int[] indices(boolean[] keep) {
    int count = 0;
    for (boolean k : keep) {
      if (k) {
        count++;
      }
    }
    int[] out = new int[count];
    int c = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        out[c++] = i;
      }
    }
    return out;
  }
}
