package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.de.RankGenesGroups;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;
import org.myelin.io.table.TableWriter;
import picocli.CommandLine.Option;

/** The marker-gene step's options and the step, shared by {@code myelin markers} and {@code myelin run}. */
final class MarkersStep {

  @Option(names = "--groupby", paramLabel = "COLUMN", defaultValue = "leiden",
      description = "obs column of the groups (default: ${DEFAULT-VALUE}).")
  String groupby;

  @Option(names = "--method", paramLabel = "TEST", defaultValue = "wilcoxon",
      description = "wilcoxon or t-test (Welch) (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--reference", paramLabel = "GROUP", defaultValue = "rest",
      description = "Compare each group with this group, or with all other cells: 'rest' (default: ${DEFAULT-VALUE}).")
  String reference;

  @Option(names = "--no-tie-correct", description = "Leave the Wilcoxon variance without the tie correction "
      + "(scanpy's default; ties are everywhere in sparse data, so myelin corrects unless told not to).")
  boolean noTieCorrect;

  @Option(names = "--n-genes", paramLabel = "N", defaultValue = "25",
      description = "Genes per group in the table and in uns['rank_genes_groups'] (default: ${DEFAULT-VALUE}).")
  int nGenes;

  /** The test; checked before any input is read. */
  RankGenesGroups.Method method() {
    if (nGenes < 1) {
      throw new IllegalArgumentException("Invalid --n-genes: " + nGenes);
    }
    return switch (method.toLowerCase(Locale.ROOT)) {
      case "wilcoxon" -> RankGenesGroups.Method.WILCOXON;
      case "t-test", "t_test", "ttest" -> RankGenesGroups.Method.T_TEST;
      default -> throw new IllegalArgumentException("Invalid --method: " + method + " (wilcoxon or t-test)");
    };
  }

  /**
   * Ranks genes per group; records the top genes in uns['rank_genes_groups'] (a dict per field,
   * keyed by group, rather than scanpy's record arrays) and returns the table.
   */
  Frame apply(CellData data, Parallel parallel, PrintWriter err) {
    RankGenesGroups.Method m = method();
    Groups groups = Groups.of(data.obs(), groupby, "marker genes");
    double base = Double.NaN;
    if (data.uns().get("log1p") instanceof Map<?, ?> log && log.get("base") instanceof Double b) {
      base = b;
    }
    List<RankGenesGroups.GroupResult> results = RankGenesGroups.compute(data.x(), groups, m, !noTieCorrect,
        reference.equals("rest") ? null : reference, base, parallel);
    int per = Math.min(nGenes, data.nVars());
    int rows = per * results.size();
    String[] group = new String[rows];
    String[] names = new String[rows];
    long[] rank = new long[rows];
    double[][] cols = new double[6][rows];
    Map<String, Object> uns = new LinkedHashMap<>();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("groupby", groupby);
    params.put("reference", reference);
    params.put("method", m == RankGenesGroups.Method.WILCOXON ? "wilcoxon" : "t-test");
    params.put("tie_correct", !noTieCorrect);
    params.put("use_raw", false);
    params.put("corr_method", "benjamini-hochberg");
    uns.put("params", params);
    String[] fields = {"scores", "logfoldchanges", "pvals", "pvals_adj", "pts", "pts_rest"};
    Map<String, Map<String, Object>> byField = new LinkedHashMap<>();
    byField.put("names", new LinkedHashMap<>());
    for (String f : fields) {
      byField.put(f, new LinkedHashMap<>());
    }
    int r = 0;
    for (RankGenesGroups.GroupResult res : results) {
      String[] topNames = new String[per];
      double[][] top = new double[6][per];
      for (int t = 0; t < per; t++) {
        int j = res.order()[t];
        double[] v = {res.scores()[j], res.logFoldChanges()[j], res.pvals()[j], res.pvalsAdj()[j], res.pts()[j],
            res.ptsRest()[j]};
        group[r] = res.group();
        names[r] = data.var().index()[j];
        rank[r] = t + 1;
        topNames[t] = names[r];
        for (int f = 0; f < 6; f++) {
          cols[f][r] = v[f];
          top[f][t] = v[f];
        }
        r++;
      }
      byField.get("names").put(res.group(), topNames);
      for (int f = 0; f < 6; f++) {
        byField.get(fields[f]).put(res.group(), top[f]);
      }
    }
    uns.putAll(byField);
    data.uns().put("rank_genes_groups", uns);
    Frame table = new Frame(group);
    table.put("rank", new IntColumn(rank));
    table.put("names", new StringColumn(names));
    for (int f = 0; f < 6; f++) {
      table.put(fields[f], new DoubleColumn(cols[f]));
    }
    err.printf("myelin markers: %d groups of %s, %s, top %d genes each%n", results.size(), groupby,
        params.get("method"), per);
    return table;
  }

  /** Writes the table, one row per group and rank, the group first. */
  static void writeTable(Frame table, Path file, boolean force) {
    TableWriter.write(table, "group", file, force);
  }
}
