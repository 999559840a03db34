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
        + "enrichment and centrality, and the nerve niche.",
    subcommands = {SpatialCommand.Graph.class, SpatialCommand.Autocorr.class, SpatialCommand.Nhood.class,
        SpatialCommand.Niche.class})
final class SpatialCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: graph, autocorr, nhood or niche");
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
}
