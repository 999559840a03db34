package org.myelin.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.myelin.core.table.Frame;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin spatial}: the spatial statistics, one subcommand each. */
@Command(name = "spatial", mixinStandardHelpOptions = true,
    description = "Spatial statistics on obsm['spatial']: the neighbour graph, autocorrelation, neighbourhood "
        + "enrichment and centrality, co-occurrence, Ripley's functions, ligand-receptor co-localisation, and the "
        + "nerve niche.",
    subcommands = {SpatialCommand.Graph.class, SpatialCommand.Autocorr.class, SpatialCommand.Nhood.class,
        SpatialCommand.CoOccurrenceCommand.class, SpatialCommand.RipleyCommand.class, SpatialCommand.Ligrec.class,
        SpatialCommand.Niche.class})
final class SpatialCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: graph, autocorr, nhood, "
        + "co-occurrence, ripley, ligrec or niche");
  }

  /** The --tables option of the subcommands that make tables. */
  static final class TablesOption {
    @Option(names = "--tables", paramLabel = "DIR", description = "Also write the result tables as TSV into this folder.")
    Path dir;
  }

  @Command(name = "graph", mixinStandardHelpOptions = true,
      description = "The spatial neighbour graph, as squidpy's spatial_neighbors: obsp['spatial_connectivities'] "
          + "and obsp['spatial_distances'] (column i holds cell i's k nearest cells, as squidpy stores them), "
          + "uns['spatial_neighbors']. Visium input gets the hexagonal grid, cells their 6 nearest neighbours.")
  static final class Graph implements Callable<Integer> {
    @Mixin
    SpatialGraphStep step;

    @Mixin
    StepArgs args;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      step.check();
      return StepRunner.run(spec, args, (data, parallel) -> step.apply(data, parallel, spec.commandLine().getErr()));
    }
  }

  @Command(name = "autocorr", mixinStandardHelpOptions = true,
      description = "Moran's I and Geary's C of genes and scores on the spatial graph, as squidpy's spatial_autocorr: "
          + "analytic p-values (and permutation ones with --autocorr-perms), BH FDR; uns['moranI'] and uns['gearyC'] "
          + "as tables indexed by feature with squidpy's columns.")
  static final class Autocorr implements Callable<Integer> {
    @Mixin
    SpatialAutocorrStep step;

    @Mixin
    TablesOption tables;

    @Mixin
    StepArgs args;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      step.check();
      TableDir.checkWritable(tables.dir, List.of("moranI", "gearyC"), args.outputOptions);
      Map<String, Frame> out = new LinkedHashMap<>();
      return StepRunner.run(spec, args, (data, parallel) -> {
        out.putAll(step.apply(data, args.common.seed, parallel, spec.commandLine().getErr()));
        return data;
      }, (data, force) -> TableDir.write(tables.dir, out, "feature", force));
    }
  }

  @Command(name = "nhood", mixinStandardHelpOptions = true,
      description = "Neighbourhood enrichment between categories (count and permutation z-score, as squidpy's "
          + "nhood_enrichment), the interaction matrix and per-category centrality scores (degree, closeness, "
          + "average clustering) in uns['<key>_nhood_enrichment'], uns['<key>_interactions'] and "
          + "uns['<key>_centrality_scores'].")
  static final class Nhood implements Callable<Integer> {
    @Mixin
    SpatialNhoodStep step;

    @Mixin
    TablesOption tables;

    @Mixin
    StepArgs args;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      step.check();
      TableDir.checkWritable(tables.dir, List.of("nhood_enrichment_zscore", "nhood_enrichment_count",
          "interaction_matrix", "centrality_scores"), args.outputOptions);
      Map<String, Frame> out = new LinkedHashMap<>();
      return StepRunner.run(spec, args, (data, parallel) -> {
        out.putAll(step.apply(data, args.common.seed, parallel, spec.commandLine().getErr()));
        return data;
      }, (data, force) -> TableDir.write(tables.dir, out, "category", force));
    }
  }

  @Command(name = "niche", mixinStandardHelpOptions = true,
      description = "The nerve niche: each cell's distance to the nearest reference cell (nerves, Schwann cells, or "
          + "cells above a score), scores and cell-type shares per distance band with 95% intervals, the trend "
          + "(Spearman, permutation p) and the niche against distal tissue (Wilcoxon), and reference cells with tumour "
          + "cells close by (perineural-invasion candidates).")
  static final class Niche implements Callable<Integer> {
    @Mixin
    SpatialNicheStep step;

    @Mixin
    TablesOption tables;

    @Mixin
    StepArgs args;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      step.check();
      TableDir.checkWritable(tables.dir, List.of("niche_bands", "niche_trend", "niche_composition"), args.outputOptions);
      Map<String, Frame> out = new LinkedHashMap<>();
      return StepRunner.run(spec, args, (data, parallel) -> {
        out.putAll(step.apply(data, args.common.seed, parallel, spec.commandLine().getErr()));
        return data;
      }, (data, force) -> TableDir.write(tables.dir, out, "name", force));
    }
  }

  /** The categories of a column and the coordinates, for the commands that need both. */
  private static org.myelin.core.table.Groups groups(org.myelin.core.data.CellData data, String key, String what) {
    return org.myelin.core.table.Groups.of(data.obs(), key, what);
  }

  @Command(name = "co-occurrence", mixinStandardHelpOptions = true,
      description = "The co-occurrence ratio of categories across distance bins, as squidpy's co_occurrence "
          + "(P(b | a at that distance) / P(b)); pairs are counted exactly on a bucket grid, never a distance "
          + "matrix. uns['<key>_co_occurrence'] and the table co_occurrence.tsv.")
  static final class CoOccurrenceCommand implements Callable<Integer> {
    @Option(names = "--cluster-key", paramLabel = "COLUMN", defaultValue = "leiden",
        description = "The obs column of categories (default: ${DEFAULT-VALUE}).")
    String clusterKey;

    @Option(names = "--interval", paramLabel = "N", defaultValue = "50",
        description = "Distance thresholds (N - 1 bins) (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--max-distance", paramLabel = "UM",
        description = "Largest threshold; default squidpy's: half the distance between the cells of smallest and "
            + "largest x + y, which makes every pair count (quadratic in the cells).")
    Double maxDistance;

    @Mixin
    TablesOption tables;

    @Mixin
    StepArgs args;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (interval < 2 || (maxDistance != null && !(maxDistance > 0))) {
        throw new IllegalArgumentException("Invalid --interval " + interval + " or --max-distance " + maxDistance);
      }
      TableDir.checkWritable(tables.dir, List.of("co_occurrence"), args.outputOptions);
      Map<String, Frame> out = new LinkedHashMap<>();
      return StepRunner.run(spec, args, (data, parallel) -> {
        double[][] xy = SpatialGraphStep.coordinates(data, "spatial");
        org.myelin.core.table.Groups g = groups(data, clusterKey, "spatial co-occurrence (--cluster-key)");
        double[] t = org.myelin.core.spatial.CoOccurrence.defaultInterval(xy[0], xy[1], interval);
        if (maxDistance != null) {
          t = org.myelin.core.spatial.CoOccurrence.linspace(t[0], maxDistance, interval);
        }
        double[][][] r = org.myelin.core.spatial.CoOccurrence.ratio(
            org.myelin.core.spatial.CoOccurrence.counts(xy[0], xy[1], g.codes(), g.nGroups(), t, parallel));
        int k = g.nGroups();
        int bins = t.length - 1;
        String[] a = new String[k * k * bins];
        String[] b = new String[a.length];
        double[] end = new double[a.length];
        double[] ratio = new double[a.length];
        int row = 0;
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            for (int bin = 0; bin < bins; bin++) {
              a[row] = g.labels()[i];
              b[row] = g.labels()[j];
              end[row] = t[bin + 1];
              ratio[row++] = r[i][j][bin];
            }
          }
        }
        Frame f = new Frame(a);
        f.put("cluster_b", new org.myelin.core.table.StringColumn(b));
        f.put("interval_end", new org.myelin.core.table.DoubleColumn(end));
        f.put("occ_ratio", new org.myelin.core.table.DoubleColumn(ratio));
        Map<String, Object> uns = new LinkedHashMap<>();
        uns.put("occ", f);
        uns.put("interval", t);
        data.uns().put(clusterKey + "_co_occurrence", uns);
        out.put("co_occurrence", f);
        spec.commandLine().getErr().printf("myelin spatial co-occurrence: %d categories, %d bins up to %.4g%n", k, bins,
            t[bins]);
        return data;
      }, (data, force) -> TableDir.write(tables.dir, out, "cluster_a", force));
    }
  }

  @Command(name = "ripley", mixinStandardHelpOptions = true,
      description = "Ripley's K or L, or the G (nearest neighbour) or F (empty space) function of each category, "
          + "with pointwise envelopes and p-values from uniform random patterns in the cells' convex hull. "
          + "uns['<key>_ripley_<mode>'] and the table ripley_<mode>.tsv.")
  static final class RipleyCommand implements Callable<Integer> {
    @Option(names = "--cluster-key", paramLabel = "COLUMN", defaultValue = "leiden",
        description = "The obs column of categories (default: ${DEFAULT-VALUE}).")
    String clusterKey;

    @Option(names = "--mode", paramLabel = "F", defaultValue = "L", description = "K, L, F or G (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--n-simulations", paramLabel = "N", defaultValue = "100",
        description = "Random patterns for the envelopes (default: ${DEFAULT-VALUE}).")
    int nSims;

    @Option(names = "--n-observations", paramLabel = "N", defaultValue = "1000",
        description = "Points of a random pattern at most, and of F's empty-space sample (default: ${DEFAULT-VALUE}).")
    int nObs;

    @Option(names = "--max-dist", paramLabel = "UM", description = "Largest distance; default sqrt(hull area / 2), as squidpy.")
    Double maxDist;

    @Option(names = "--n-steps", paramLabel = "N", defaultValue = "50", description = "Distances (default: ${DEFAULT-VALUE}).")
    int nSteps;

    @Mixin
    TablesOption tables;

    @Mixin
    StepArgs args;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      org.myelin.core.spatial.Ripley.Mode m;
      try {
        m = org.myelin.core.spatial.Ripley.Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid --mode: " + mode + " (K, L, F or G)");
      }
      if (nSims < 0 || nObs < 2 || nSteps < 2) {
        throw new IllegalArgumentException("Invalid --n-simulations, --n-observations or --n-steps");
      }
      String name = "ripley_" + m.name();
      TableDir.checkWritable(tables.dir, List.of(name), args.outputOptions);
      Map<String, Frame> out = new LinkedHashMap<>();
      return StepRunner.run(spec, args, (data, parallel) -> {
        double[][] xy = SpatialGraphStep.coordinates(data, "spatial");
        org.myelin.core.table.Groups g = groups(data, clusterKey, "spatial ripley (--cluster-key)");
        org.myelin.core.spatial.Ripley.Setup s = org.myelin.core.spatial.Ripley.setup(xy[0], xy[1],
            maxDist == null ? Double.NaN : maxDist, nSteps);
        org.myelin.core.spatial.Ripley.Curve[] c = org.myelin.core.spatial.Ripley.compute(m, xy[0], xy[1], g.codes(),
            g.nGroups(), s, nSims, nObs, args.common.seed, parallel);
        int k = g.nGroups();
        int steps = s.support().length;
        String[] cat = new String[k * steps];
        double[][] v = new double[5][k * steps];
        for (int i = 0; i < k; i++) {
          for (int t = 0; t < steps; t++) {
            int row = i * steps + t;
            cat[row] = g.labels()[i];
            v[0][row] = s.support()[t];
            v[1][row] = c[i].stat()[t];
            v[2][row] = c[i].low()[t];
            v[3][row] = c[i].high()[t];
            v[4][row] = c[i].pValue()[t];
          }
        }
        Frame f = new Frame(cat);
        String[] cols = {"distance", m.name() + "_stat", "envelope_low", "envelope_high", "pvalue"};
        for (int q = 0; q < cols.length; q++) {
          f.put(cols[q], new org.myelin.core.table.DoubleColumn(v[q]));
        }
        Map<String, Object> uns = new LinkedHashMap<>();
        uns.put("stats", f);
        uns.put("hull_area", s.area());
        uns.put("n_simulations", (long) nSims);
        data.uns().put(clusterKey + "_ripley_" + m.name(), uns);
        out.put(name, f);
        spec.commandLine().getErr().printf("myelin spatial ripley: %s of %d categories, %d simulations%n", m.name(), k,
            nSims);
        return data;
      }, (data, force) -> TableDir.write(tables.dir, out, "category", force));
    }
  }

  @Command(name = "ligrec", mixinStandardHelpOptions = true,
      description = "Ligand-receptor co-localisation for the pairs of cancer neuroscience (CALCA and CALCB with "
          + "CALCRL+RAMP1, SLIT2 with ROBO1 and ROBO2, NGF with NGFR) and any from --pairs: CellPhoneDB's "
          + "permutation test between categories (as squidpy's ligrec) and the bivariate Moran's I on the "
          + "spatial graph. Tables ligrec.tsv and ligrec_spatial.tsv, uns['ligrec'].")
  static final class Ligrec implements Callable<Integer> {
    static final String[][] BUILTIN = {{"CALCA", "CALCRL+RAMP1"}, {"CALCB", "CALCRL+RAMP1"}, {"SLIT2", "ROBO1"},
        {"SLIT2", "ROBO2"}, {"NGF", "NGFR"}};

    @Option(names = "--cluster-key", paramLabel = "COLUMN", defaultValue = "leiden",
        description = "The obs column of categories (default: ${DEFAULT-VALUE}).")
    String clusterKey;

    @Option(names = "--pairs", paramLabel = "FILE",
        description = "More pairs: a TSV of ligand and receptor per line (subunits joined by +).")
    Path pairs;

    @Option(names = "--n-perms", paramLabel = "N", defaultValue = "1000",
        description = "Permutations, of the labels and of the receptor over the cells (default: ${DEFAULT-VALUE}).")
    int nPerms;

    @Option(names = "--min-fraction", paramLabel = "F", defaultValue = "0.1",
        description = "A side counts only when expressed in this share of its category (default: ${DEFAULT-VALUE}).")
    double minFraction;

    @Mixin
    TablesOption tables;

    @Mixin
    StepArgs args;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (nPerms < 1 || !(minFraction >= 0 && minFraction <= 1)) {
        throw new IllegalArgumentException("Invalid --n-perms " + nPerms + " or --min-fraction " + minFraction);
      }
      List<String[]> all = new java.util.ArrayList<>(List.of(BUILTIN));
      if (pairs != null) {
        all.addAll(readPairs(pairs));
      }
      TableDir.checkWritable(tables.dir, List.of("ligrec", "ligrec_spatial"), args.outputOptions);
      Map<String, Frame> out = new LinkedHashMap<>();
      return StepRunner.run(spec, args, (data, parallel) -> {
        out.putAll(ligrec(data, all, parallel));
        return data;
      }, (data, force) -> TableDir.write(tables.dir, out, "ligand", force));
    }

    private static List<String[]> readPairs(Path file) {
      List<String[]> out = new java.util.ArrayList<>();
      List<String> lines;
      try {
        lines = java.nio.file.Files.readAllLines(file);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("--pairs " + file + ": cannot read (" + e.getMessage() + ")");
      }
      for (int l = 0; l < lines.size(); l++) {
        String line = lines.get(l).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length < 2 || f[0].isBlank() || f[1].isBlank()) {
          throw new IllegalArgumentException("--pairs " + file + " line " + (l + 1) + ": expected ligand<TAB>receptor");
        }
        out.add(new String[] {f[0].strip(), f[1].strip()});
      }
      return out;
    }

    private Map<String, Frame> ligrec(org.myelin.core.data.CellData data, List<String[]> pairs,
        org.myelin.core.parallel.Parallel parallel) {
      org.myelin.core.table.Groups g = groups(data, clusterKey, "spatial ligrec (--cluster-key)");
      Map<String, Integer> gene = new java.util.HashMap<>();
      for (int j = 0; j < data.nVars(); j++) {
        gene.putIfAbsent(data.var().index()[j].toUpperCase(java.util.Locale.ROOT), j);
      }
      org.myelin.core.matrix.CsrMatrix graph = data.obsp().get(org.myelin.core.data.Keys.OBSP_SPATIAL_CONNECTIVITIES);
      org.myelin.core.spatial.SpatialAutocorrelation.Weights w = graph == null ? null
          : new org.myelin.core.spatial.SpatialAutocorrelation.Weights(graph, true);
      java.util.List<String> lig = new java.util.ArrayList<>();
      java.util.List<String> rec = new java.util.ArrayList<>();
      java.util.List<String> src = new java.util.ArrayList<>();
      java.util.List<String> dst = new java.util.ArrayList<>();
      java.util.List<double[]> num = new java.util.ArrayList<>();
      java.util.List<String> sLig = new java.util.ArrayList<>();
      java.util.List<String> sRec = new java.util.ArrayList<>();
      java.util.List<double[]> sNum = new java.util.ArrayList<>();
      int skipped = 0;
      for (int pi = 0; pi < pairs.size(); pi++) {
        String[] pair = pairs.get(pi);
        String[] units = pair[1].split("\\+");
        Integer l = gene.get(pair[0].toUpperCase(java.util.Locale.ROOT));
        int[] r = new int[units.length];
        boolean found = l != null;
        for (int u = 0; u < units.length; u++) {
          Integer j = gene.get(units[u].strip().toUpperCase(java.util.Locale.ROOT));
          found &= j != null;
          r[u] = j == null ? -1 : j;
        }
        if (!found) {
          skipped++;
          continue;
        }
        double[] lv = column(data, l);
        double[][] rv = new double[units.length][];
        for (int u = 0; u < units.length; u++) {
          rv[u] = column(data, r[u]);
        }
        org.myelin.core.spatial.LigandReceptor.Result res = org.myelin.core.spatial.LigandReceptor.permutationTest(
            lv, rv, g.codes(), g.nGroups(), minFraction, nPerms, args.common.seed + pi, parallel);
        for (int a = 0; a < g.nGroups(); a++) {
          for (int b = 0; b < g.nGroups(); b++) {
            lig.add(pair[0]);
            rec.add(pair[1]);
            src.add(g.labels()[a]);
            dst.add(g.labels()[b]);
            num.add(new double[] {res.ligandMean()[a][b], res.receptorMean()[a][b], res.score()[a][b],
                res.pValue()[a][b]});
          }
        }
        if (w != null) {
          org.myelin.core.spatial.LigandReceptor.Bivariate bi = org.myelin.core.spatial.LigandReceptor.bivariateMoran(w,
              lv, org.myelin.core.spatial.LigandReceptor.complex(rv), nPerms, args.common.seed + pi);
          sLig.add(pair[0]);
          sRec.add(pair[1]);
          sNum.add(new double[] {bi.stat(), bi.pValue()});
        }
      }
      if (lig.isEmpty()) {
        throw new IllegalArgumentException("no ligand-receptor pair has all its genes in the data (" + pairs.size()
            + " pairs tried)");
      }
      Frame f = new Frame(lig.toArray(new String[0]));
      f.put("receptor", new org.myelin.core.table.StringColumn(rec.toArray(new String[0])));
      f.put("source", new org.myelin.core.table.StringColumn(src.toArray(new String[0])));
      f.put("target", new org.myelin.core.table.StringColumn(dst.toArray(new String[0])));
      String[] names = {"ligand_mean", "receptor_mean", "score", "pvalue"};
      for (int q = 0; q < names.length; q++) {
        final int qq = q;
        f.put(names[q], new org.myelin.core.table.DoubleColumn(num.stream().mapToDouble(v -> v[qq]).toArray()));
      }
      f.put("pvalue_fdr_bh", new org.myelin.core.table.DoubleColumn(
          org.myelin.core.de.MultipleTesting.benjaminiHochberg(num.stream().mapToDouble(v -> v[3]).toArray())));
      Map<String, Frame> out = new LinkedHashMap<>();
      out.put("ligrec", f);
      Map<String, Object> uns = new LinkedHashMap<>();
      uns.put("categories", f);
      if (!sLig.isEmpty()) {
        Frame sp = new Frame(sLig.toArray(new String[0]));
        sp.put("receptor", new org.myelin.core.table.StringColumn(sRec.toArray(new String[0])));
        sp.put("bivariate_moran_i", new org.myelin.core.table.DoubleColumn(sNum.stream().mapToDouble(v -> v[0]).toArray()));
        sp.put("pvalue_perm", new org.myelin.core.table.DoubleColumn(sNum.stream().mapToDouble(v -> v[1]).toArray()));
        out.put("ligrec_spatial", sp);
        uns.put("spatial", sp);
      }
      data.uns().put("ligrec", uns);
      spec.commandLine().getErr().printf("myelin spatial ligrec: %d pairs tested, %d without their genes%s%n",
          pairs.size() - skipped, skipped, w == null ? " (no spatial graph: run 'myelin spatial graph' for the "
              + "bivariate Moran's I)" : "");
      return out;
    }

    /** One gene's values in every cell. */
    private static double[] column(org.myelin.core.data.CellData data, int j) {
      double[] v = new double[data.nObs()];
      org.myelin.core.matrix.CsrMatrix x = data.x();
      for (int b = 0; b < x.nBlocks(); b++) {
        org.myelin.core.matrix.CsrBlock block = x.block(b);
        for (int r = 0; r < block.nRows(); r++) {
          for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
            if (block.index(e) == j) {
              v[x.rowOffset(b) + r] = block.value(e);
            }
          }
        }
      }
      return v;
    }
  }
}
