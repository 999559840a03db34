package org.myelin.core.de;

import java.util.ArrayList;
import java.util.List;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.Column;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;

/**
 * Pseudobulk counts: the raw counts of each sample's cells of one type summed into one profile, so
 * that differential expression across patients treats the patient, not the cell, as the replicate
 * (Squair et al., Nat Commun 2021; Crowell et al., Nat Commun 2020, muscat's {@code
 * aggregateData(fun = "sum")}).
 */
public final class Pseudobulk {

  /**
   * @param sampleKey the obs column naming each cell's sample
   * @param groupKey the obs column of cell types or clusters; null sums all of a sample's cells
   * @param minCells pseudo-samples of fewer cells are left out
   */
  public record Options(String sampleKey, String groupKey, int minCells) {
    public Options {
      if (minCells < 1) {
        throw new IllegalArgumentException("--min-cells must be at least 1, got " + minCells);
      }
    }
  }

  /**
   * One row per pseudo-sample kept (groups in order, samples in order within each group).
   *
   * @param counts pseudo-samples by genes
   * @param dropped pseudo-samples left out for having fewer than minCells cells (sample, group, cells)
   */
  public record Result(String[] samples, String[] groups, int[] cells, double[][] counts, List<String> dropped)
      implements java.io.Serializable {
    /** Row names: the sample, and the group after a colon when there are groups. */
    public String[] names() {
      String[] out = new String[samples.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = groups[i] == null ? samples[i] : samples[i] + ":" + groups[i];
      }
      return out;
    }

    /**
     * The pseudo-samples as data: X the summed counts, obs the sample, the group (under {@code
     * groupKey}), n_cells and every obs column of {@code source} that is constant within each
     * sample (the sheet's response, batch, ...); var as the source's.
     */
    public CellData toCellData(CellData source, String sampleKey, String groupKey) {
      Frame obs = new Frame(names());
      obs.put("sample", new StringColumn(samples.clone()));
      if (groupKey != null) {
        obs.put(groupKey, new StringColumn(groups.clone()));
      }
      long[] n = new long[cells.length];
      for (int i = 0; i < n.length; i++) {
        n[i] = cells[i];
      }
      obs.put("n_cells", new IntColumn(n));
      Groups bySample = Groups.of(source.obs(), sampleKey, "pseudobulk samples");
      java.util.Map<String, Integer> sampleCode = new java.util.HashMap<>();
      for (int s = 0; s < bySample.nGroups(); s++) {
        sampleCode.put(bySample.labels()[s], s);
      }
      for (var e : source.obs().columns().entrySet()) {
        String name = e.getKey();
        if (name.equals(sampleKey) || name.equals(groupKey) || obs.has(name)) {
          continue;
        }
        String[] value = constantPerSample(e.getValue(), bySample);
        if (value != null) {
          String[] out = new String[samples.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = value[sampleCode.get(samples[i])];
          }
          obs.put(name, new StringColumn(out));
        }
      }
      long[] indptr = new long[counts.length + 1];
      int nnz = 0;
      for (double[] row : counts) {
        for (double v : row) {
          nnz += v != 0 ? 1 : 0;
        }
      }
      int[] idx = new int[nnz];
      double[] val = new double[nnz];
      int k = 0;
      for (int i = 0; i < counts.length; i++) {
        for (int g = 0; g < counts[i].length; g++) {
          if (counts[i][g] != 0) {
            idx[k] = g;
            val[k++] = counts[i][g];
          }
        }
        indptr[i + 1] = k;
      }
      return new CellData(CsrMatrix.fromCsr(source.nVars(), indptr, idx, val), obs, source.var());
    }

    /** The genes-by-samples matrix of one group, for {@link DESeq2}. */
    public double[][] genesBySamples(int[] rows) {
      int nGenes = counts.length == 0 ? 0 : counts[0].length;
      double[][] out = new double[nGenes][rows.length];
      for (int j = 0; j < rows.length; j++) {
        double[] r = counts[rows[j]];
        for (int g = 0; g < nGenes; g++) {
          out[g][j] = r[g];
        }
      }
      return out;
    }
  }

  private Pseudobulk() {}

  /** Each sample's value of a column when it is the same for all the sample's cells, else null. */
  private static String[] constantPerSample(Column c, Groups bySample) {
    String[] value = new String[bySample.nGroups()];
    for (int i = 0; i < c.size(); i++) {
      int s = bySample.codes()[i];
      String v = c.format(i);
      if (value[s] == null) {
        value[s] = v;
      } else if (!value[s].equals(v)) {
        return null;
      }
    }
    return value;
  }

  /** Cells per sample (rows) and group (columns; one column "cells" without groups), every cell counted. */
  public static Frame cellCounts(CellData data, String sampleKey, String groupKey) {
    Groups samples = Groups.of(data.obs(), sampleKey, "pseudobulk samples");
    Groups groups = groupKey == null ? new Groups(new int[data.nObs()], new String[] {"cells"})
        : Groups.of(data.obs(), groupKey, "pseudobulk groups");
    long[][] n = new long[groups.nGroups()][samples.nGroups()];
    for (int i = 0; i < data.nObs(); i++) {
      n[groups.codes()[i]][samples.codes()[i]]++;
    }
    Frame f = new Frame(samples.labels().clone());
    for (int g = 0; g < groups.nGroups(); g++) {
      f.put(groups.labels()[g], new IntColumn(n[g]));
    }
    return f;
  }

  /**
   * Sums {@code layers["counts"]}, or X when it holds whole numbers.
   *
   * @throws IllegalArgumentException when there are no raw counts or a key is missing
   */
  public static Result of(CellData data, Options o) {
    return of(data, Groups.of(data.obs(), o.sampleKey(), "pseudobulk samples"), o);
  }

  /** The pseudobulk of one sample's data: every cell belongs to {@code sample}. */
  public static Result ofSample(CellData data, String sample, String groupKey, int minCells) {
    return of(data, new Groups(new int[data.nObs()], new String[] {sample}), new Options(null, groupKey, minCells));
  }

  private static Result of(CellData data, Groups samples, Options o) {
    CsrMatrix m = data.layers().getOrDefault(Keys.LAYER_COUNTS, data.x());
    if (!CsrMatrix.isIntegral(m)) {
      throw new IllegalArgumentException(
          "pseudobulk needs raw counts: X holds non-integer values and there is no layers['counts']");
    }
    Groups groups = o.groupKey() == null ? null : Groups.of(data.obs(), o.groupKey(), "pseudobulk groups");
    int nGroups = groups == null ? 1 : groups.nGroups();
    int nSamples = samples.nGroups();
    int nGenes = m.nCols();
    int[][] cells = new int[nGroups][nSamples];
    for (int i = 0; i < data.nObs(); i++) {
      cells[groups == null ? 0 : groups.codes()[i]][samples.codes()[i]]++;
    }
    int[][] row = new int[nGroups][nSamples];
    List<String> outSamples = new ArrayList<>();
    List<String> outGroups = new ArrayList<>();
    List<Integer> outCells = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (int g = 0; g < nGroups; g++) {
      for (int s = 0; s < nSamples; s++) {
        String group = groups == null ? null : groups.labels()[g];
        if (cells[g][s] >= o.minCells()) {
          row[g][s] = outSamples.size();
          outSamples.add(samples.labels()[s]);
          outGroups.add(group);
          outCells.add(cells[g][s]);
        } else {
          row[g][s] = -1;
          if (cells[g][s] > 0) {
            dropped.add(samples.labels()[s] + (group == null ? "" : ":" + group) + " (" + cells[g][s] + " cells)");
          }
        }
      }
    }
    double[][] sums = new double[outSamples.size()][nGenes];
    for (int i = 0; i < data.nObs(); i++) {
      int r = row[groups == null ? 0 : groups.codes()[i]][samples.codes()[i]];
      if (r < 0) {
        continue;
      }
      CsrMatrix.Row cellRow = m.row(i);
      double[] target = sums[r];
      for (int k = cellRow.start(); k < cellRow.end(); k++) {
        target[cellRow.index(k)] += cellRow.value(k);
      }
    }
    return new Result(
        outSamples.toArray(String[]::new),
        outGroups.toArray(String[]::new),
        outCells.stream().mapToInt(Integer::intValue).toArray(),
        sums,
        List.copyOf(dropped));
  }
}
