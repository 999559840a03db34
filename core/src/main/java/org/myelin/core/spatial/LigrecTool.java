package org.myelin.core.spatial;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.de.MultipleTesting;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.table.StringColumn;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Ligand-receptor co-localisation: CellPhoneDB's permutation test between categories (Efremova et
 * al., Nat Protoc 2020; as squidpy's {@code ligrec}) and the bivariate Moran's I of each pair on the
 * spatial graph (Wartenberg 1985). Tables "ligrec" and "ligrec_spatial", {@code uns["ligrec"]}.
 */
public final class LigrecTool {

  /**
   * The pairs of cancer neuroscience scored by default: CGRP (CALCA, CALCB) on its receptor
   * CALCRL+RAMP1, SLIT2 on ROBO1 and ROBO2, NGF on NGFR. A receptor of several subunits is joined by +.
   */
  public static final List<Pair> BUILTIN_PAIRS = List.of(new Pair("CALCA", "CALCRL+RAMP1"),
      new Pair("CALCB", "CALCRL+RAMP1"), new Pair("SLIT2", "ROBO1"), new Pair("SLIT2", "ROBO2"),
      new Pair("NGF", "NGFR"));

  private LigrecTool() {}

  /** A ligand and its receptor (subunits joined by +). */
  public record Pair(String ligand, String receptor) {
    public Pair {
      InvalidOptionException.check(ligand != null && !ligand.isBlank(), "ligand", ligand, "a gene");
      InvalidOptionException.check(receptor != null && !receptor.isBlank(), "receptor", receptor,
          "a gene, or subunits joined by +");
    }
  }

  /**
   * @param clusterKey the obs column of categories
   * @param pairs the pairs tested
   * @param nPerms permutations, of the labels and of the receptor over the cells
   * @param threshold a side counts only when expressed in this share of its category
   */
  public record Options(String clusterKey, List<Pair> pairs, int nPerms, double threshold) {

    public Options {
      pairs = List.copyOf(pairs);
      InvalidOptionException.check(clusterKey != null && !clusterKey.isBlank(), "cluster_key", clusterKey,
          "an obs column");
      InvalidOptionException.check(!pairs.isEmpty(), "pairs", pairs, "at least one pair");
      InvalidOptionException.check(nPerms >= 1, "n_perms", nPerms, "positive");
      InvalidOptionException.check(threshold >= 0 && threshold <= 1, "threshold", threshold, "in [0, 1]");
    }

    /** The built-in pairs, 1000 permutations, sides expressed in 10% of their category, as squidpy. */
    public static Options defaults() {
      return new Options(Keys.OBS_LEIDEN, BUILTIN_PAIRS, 1000, 0.1);
    }
  }

  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    Groups g = Groups.of(data.obs(), o.clusterKey(), "spatial ligrec (--groupby)");
    Map<String, Integer> gene = new HashMap<>();
    for (int j = 0; j < data.nVars(); j++) {
      gene.putIfAbsent(data.var().index()[j].toUpperCase(Locale.ROOT), j);
    }
    CsrMatrix graph = data.obsp().get(Keys.OBSP_SPATIAL_CONNECTIVITIES);
    SpatialAutocorrelation.Weights w = graph == null ? null : new SpatialAutocorrelation.Weights(graph, true);
    List<String> lig = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    List<String> src = new ArrayList<>();
    List<String> dst = new ArrayList<>();
    List<double[]> num = new ArrayList<>();
    List<String> sLig = new ArrayList<>();
    List<String> sRec = new ArrayList<>();
    List<double[]> sNum = new ArrayList<>();
    int skipped = 0;
    for (int pi = 0; pi < o.pairs().size(); pi++) {
      Pair pair = o.pairs().get(pi);
      String[] units = pair.receptor().split("\\+");
      Integer l = gene.get(pair.ligand().toUpperCase(Locale.ROOT));
      int[] r = new int[units.length];
      boolean found = l != null;
      for (int u = 0; u < units.length; u++) {
        Integer j = gene.get(units[u].strip().toUpperCase(Locale.ROOT));
        found &= j != null;
        r[u] = j == null ? -1 : j;
      }
      if (!found) {
        skipped++;
        continue;
      }
      double[] lv = data.x().column(l);
      double[][] rv = new double[units.length][];
      for (int u = 0; u < units.length; u++) {
        rv[u] = data.x().column(r[u]);
      }
      long seed = ctx.seed() + pi;
      LigandReceptor.Result res = LigandReceptor.permutationTest(lv, rv, g.codes(), g.nGroups(), o.threshold(),
          o.nPerms(), seed, ctx.parallel());
      for (int a = 0; a < g.nGroups(); a++) {
        for (int b = 0; b < g.nGroups(); b++) {
          lig.add(pair.ligand());
          rec.add(pair.receptor());
          src.add(g.labels()[a]);
          dst.add(g.labels()[b]);
          num.add(new double[] {res.ligandMean()[a][b], res.receptorMean()[a][b], res.score()[a][b],
              res.pValue()[a][b]});
        }
      }
      if (w != null) {
        LigandReceptor.Bivariate bi = LigandReceptor.bivariateMoran(w, lv, LigandReceptor.complex(rv), o.nPerms(),
            seed);
        sLig.add(pair.ligand());
        sRec.add(pair.receptor());
        sNum.add(new double[] {bi.stat(), bi.pValue()});
      }
    }
    if (lig.isEmpty()) {
      throw new IllegalArgumentException("no ligand-receptor pair has all its genes in the data (" + o.pairs().size()
          + " pairs tried)");
    }
    Frame f = new Frame(lig.toArray(new String[0]));
    f.put("receptor", new StringColumn(rec.toArray(new String[0])));
    f.put("source", new StringColumn(src.toArray(new String[0])));
    f.put("target", new StringColumn(dst.toArray(new String[0])));
    String[] names = {"ligand_mean", "receptor_mean", "score", "pvalue"};
    for (int q = 0; q < names.length; q++) {
      final int qq = q;
      f.put(names[q], new DoubleColumn(num.stream().mapToDouble(v -> v[qq]).toArray()));
    }
    f.put("pvalue_fdr_bh", new DoubleColumn(MultipleTesting.benjaminiHochberg(num.stream().mapToDouble(v -> v[3])
        .toArray())));
    Map<String, Frame> out = new LinkedHashMap<>();
    out.put("ligrec", f);
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("categories", f);
    if (!sLig.isEmpty()) {
      Frame sp = new Frame(sLig.toArray(new String[0]));
      sp.put("receptor", new StringColumn(sRec.toArray(new String[0])));
      sp.put("bivariate_moran_i", new DoubleColumn(sNum.stream().mapToDouble(v -> v[0]).toArray()));
      sp.put("pvalue_perm", new DoubleColumn(sNum.stream().mapToDouble(v -> v[1]).toArray()));
      out.put("ligrec_spatial", sp);
      uns.put("spatial", sp);
    }
    data.uns().put(Keys.UNS_LIGREC, uns);
    ctx.info("%d pairs tested, %d without their genes%s", o.pairs().size() - skipped, skipped, w == null
        ? " (no spatial graph: run 'myelin spatial graph' for the bivariate Moran's I)" : "");
    return ToolResult.of(data, out, "ligand");
  }
}
