package org.myelin.core.score;

import java.util.ArrayList;
import java.util.List;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.de.MultipleTesting;
import org.myelin.core.stats.SortedArrays;
import org.myelin.core.table.Groups;
import smile.math.special.Erf;

/**
 * Scores summarised per group of cells (clusters, cell types): size, mean, median, the fraction of
 * cells above a threshold, and a two-sided Wilcoxon rank-sum test of the group against all other
 * cells (Mann &amp; Whitney 1947; normal approximation with the tie correction, as scanpy's
 * rank_genes_groups), with the AUC U / (n1 n2) as effect size and Benjamini-Hochberg FDR over every
 * test of the table. Cells whose score is NaN (an empty set) are left out.
 */
public final class ScoreSummary {

  private ScoreSummary() {}

  /** One score in one group. */
  public record Row(String score, String group, int n, double mean, double median, double fractionAbove,
      double meanRest, double auc, double z, double pValue, double fdr) {}

  /**
   * @param names score names
   * @param scores scores[score][cell]
   */
  public static List<Row> of(String[] names, double[][] scores, Groups groups, double threshold) {
    return of(names, scores, groups, threshold, new Parallel(1));
  }

  /** As {@link #of(String[], double[][], Groups, double)}, the scores shared over threads; the same rows. */
  public static List<Row> of(String[] names, double[][] scores, Groups groups, double threshold, Parallel parallel) {
    @SuppressWarnings("unchecked")
    List<Row>[] perScore = new List[names.length];
    parallel.forEach(names.length, s -> perScore[s] = rows(names[s], scores[s], groups, threshold));
    List<Row> rows = new ArrayList<>();
    for (List<Row> r : perScore) {
      rows.addAll(r);
    }
    double[] p = rows.stream().mapToDouble(Row::pValue).toArray();
    double[] q = MultipleTesting.benjaminiHochberg(p);
    List<Row> out = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Row x = rows.get(r);
      out.add(new Row(x.score(), x.group(), x.n(), x.mean(), x.median(), x.fractionAbove(), x.meanRest(), x.auc(),
          x.z(), x.pValue(), q[r]));
    }
    return out;
  }

  /** One score's rows, one per group, before the FDR across every row. */
  private static List<Row> rows(String name, double[] v, Groups groups, double threshold) {
    List<Row> rows = new ArrayList<>();
    int[] order = SortedArrays.order(v);
    int valid = 0;
    while (valid < order.length && !Double.isNaN(v[order[valid]])) {
      valid++;
    }
    // Average ranks of the valid cells (NaN sort last), and the tie term sum(t^3 - t).
    double[] rank = new double[v.length];
    double ties = 0;
    for (int a = 0; a < valid;) {
      int b = a;
      while (b + 1 < valid && v[order[b + 1]] == v[order[a]]) {
        b++;
      }
      double avg = (a + b + 2) / 2.0;
      for (int k = a; k <= b; k++) {
        rank[order[k]] = avg;
      }
      double t = b - a + 1;
      ties += t * t * t - t;
      a = b + 1;
    }
    double total = 0;
    for (int k = 0; k < valid; k++) {
      total += v[order[k]];
    }
    // One pass in cell order: each group's sums add its cells in cell order, as a pass per group would.
    int nGroups = groups.nGroups();
    int[] codes = groups.codes();
    int[] size = new int[nGroups];
    double[] sum = new double[nGroups];
    double[] rankSum = new double[nGroups];
    int[] above = new int[nGroups];
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i])) {
        int grp = codes[i];
        size[grp]++;
        sum[grp] += v[i];
        rankSum[grp] += rank[i];
        if (v[i] > threshold) {
          above[grp]++;
        }
      }
    }
    // The order lists each group's cells by value (Double.compare, as a sort of the group's own
    // values would), so each group's middle values are found by counting along it.
    double[] lowMiddle = new double[nGroups];
    double[] highMiddle = new double[nGroups];
    int[] seen = new int[nGroups];
    for (int k = 0; k < valid; k++) {
      int grp = codes[order[k]];
      int at = seen[grp]++;
      if (at == (size[grp] - 1) / 2) {
        lowMiddle[grp] = v[order[k]];
      }
      if (at == size[grp] / 2) {
        highMiddle[grp] = v[order[k]];
      }
    }
    for (int grp = 0; grp < nGroups; grp++) {
      int n1 = size[grp];
      int n2 = valid - n1;
      double median = n1 == 0 ? Double.NaN : n1 % 2 == 1 ? highMiddle[grp] : (lowMiddle[grp] + highMiddle[grp]) / 2;
      double u = rankSum[grp] - n1 * (n1 + 1.0) / 2;
      double z = Double.NaN;
      double p = Double.NaN;
      double auc = Double.NaN;
      if (n1 > 0 && n2 > 0) {
        double nn = valid;
        double var = n1 * (double) n2 / 12 * ((nn + 1) - ties / (nn * (nn - 1)));
        auc = u / ((double) n1 * n2);
        z = var > 0 ? (u - n1 * (double) n2 / 2) / Math.sqrt(var) : 0;
        p = var > 0 ? Erf.erfc(Math.abs(z) / Math.sqrt(2)) : 1;
      }
      rows.add(new Row(name, groups.labels()[grp], n1, n1 == 0 ? Double.NaN : sum[grp] / n1, median,
          n1 == 0 ? Double.NaN : above[grp] / (double) n1, n2 == 0 ? Double.NaN : (total - sum[grp]) / n2, auc, z, p,
          Double.NaN));
    }
    return rows;
  }
}
