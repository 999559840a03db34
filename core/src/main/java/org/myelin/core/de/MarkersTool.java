package org.myelin.core.de;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.RecordArray;
import org.myelin.core.table.StringColumn;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Marker genes per group, as scanpy's {@code rank_genes_groups} (Wilcoxon rank-sum with tie
 * correction, or Welch's t-test; Benjamini-Hochberg FDR): the top genes of each group in
 * {@code uns["rank_genes_groups"]} and the table "markers", one row per group and rank.
 */
public final class MarkersTool {

  /** The table this tool makes. */
  public static final String TABLE = "markers";

  private static final String[] FIELDS = {"scores", "logfoldchanges", "pvals", "pvals_adj", "pts", "pts_rest"};

  private MarkersTool() {}

  /**
   * @param groupby obs column of the groups
   * @param method the test
   * @param reference compare each group with this group, or with all other cells ("rest")
   * @param tieCorrect correct the Wilcoxon variance for ties
   * @param nGenes genes per group in the table and in uns
   */
  public record Options(String groupby, RankGenesGroups.Method method, String reference, boolean tieCorrect,
      int nGenes) {

    public Options {
      InvalidOptionException.check(groupby != null && !groupby.isBlank(), "groupby", groupby, "an obs column");
      InvalidOptionException.check(method != null, "method", method, "wilcoxon or t-test");
      InvalidOptionException.check(reference != null && !reference.isBlank(), "reference", reference,
          "a group, or 'rest'");
      InvalidOptionException.check(nGenes >= 1, "n_genes", nGenes, "positive");
    }

    /** Wilcoxon of each leiden cluster against the rest, tie-corrected, top 25 genes. */
    public static Options defaults() {
      return new Options(Keys.OBS_LEIDEN, RankGenesGroups.Method.WILCOXON, "rest", true, 25);
    }
  }

  /** Ranks genes per group; returns the same container and the table "markers". */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    Groups groups = Groups.of(data.obs(), o.groupby(), "marker genes");
    double base = Double.NaN;
    if (data.uns().get(Keys.UNS_LOG1P) instanceof Map<?, ?> log && log.get("base") instanceof Double b) {
      base = b;
    }
    List<RankGenesGroups.GroupResult> results = RankGenesGroups.compute(data.x(), groups, o.method(), o.tieCorrect(),
        o.reference().equals("rest") ? null : o.reference(), base, ctx.parallel(), ctx.progress());
    int per = Math.min(o.nGenes(), data.nVars());
    int rows = per * results.size();
    String[] group = new String[rows];
    String[] names = new String[rows];
    long[] rank = new long[rows];
    double[][] cols = new double[FIELDS.length][rows];
    String method = o.method() == RankGenesGroups.Method.WILCOXON ? "wilcoxon" : "t-test";
    Map<String, Object> uns = new LinkedHashMap<>();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("groupby", o.groupby());
    params.put("reference", o.reference());
    params.put("method", method);
    params.put("tie_correct", o.tieCorrect());
    params.put("use_raw", false);
    params.put("corr_method", "benjamini-hochberg");
    uns.put("params", params);
    // uns as scanpy writes it: one record array per field, one field per group (names as strings,
    // scores and log fold changes float32, p-values float64), so sc.get.rank_genes_groups_df reads it.
    String[] groupNames = results.stream().map(RankGenesGroups.GroupResult::group).toArray(String[]::new);
    Object[] names0 = new Object[results.size()];
    Object[][] perField = new Object[4][results.size()];
    int r = 0;
    for (int g = 0; g < results.size(); g++) {
      RankGenesGroups.GroupResult res = results.get(g);
      String[] topNames = new String[per];
      float[] sc = new float[per];
      float[] lfc = new float[per];
      double[] pv = new double[per];
      double[] padj = new double[per];
      for (int t = 0; t < per; t++) {
        int j = res.order()[t];
        double[] v = {res.scores()[j], res.logFoldChanges()[j], res.pvals()[j], res.pvalsAdj()[j], res.pts()[j],
            res.ptsRest()[j]};
        group[r] = res.group();
        names[r] = data.var().index()[j];
        rank[r] = t + 1;
        topNames[t] = names[r];
        sc[t] = (float) v[0];
        lfc[t] = (float) v[1];
        pv[t] = v[2];
        padj[t] = v[3];
        for (int f = 0; f < FIELDS.length; f++) {
          cols[f][r] = v[f];
        }
        r++;
      }
      names0[g] = topNames;
      perField[0][g] = sc;
      perField[1][g] = lfc;
      perField[2][g] = pv;
      perField[3][g] = padj;
    }
    uns.put("names", new RecordArray(groupNames, names0));
    for (int f = 0; f < 4; f++) {
      uns.put(FIELDS[f], new RecordArray(groupNames, perField[f]));
    }
    data.uns().put(Keys.UNS_RANK_GENES_GROUPS, uns);
    Frame table = new Frame(group);
    table.put("rank", new IntColumn(rank));
    table.put("names", new StringColumn(names));
    for (int f = 0; f < FIELDS.length; f++) {
      table.put(FIELDS[f], new DoubleColumn(cols[f]));
    }
    ctx.info("%d groups of %s, %s, top %d genes each", results.size(), o.groupby(), method, per);
    return new ToolResult(data, Map.of(TABLE, new ToolResult.Table(table, "group")));
  }
}
