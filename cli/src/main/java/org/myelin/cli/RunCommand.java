package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.myelin.core.data.CellData;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.io.table.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin run}: every step that applies, in order, in one process. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the analysis from the raw matrix in one process: qc (metrics and filtering), normalize "
        + "(normalize_total, log1p), hvg, pca, neighbors, leiden, umap, markers, score, and spatial when the cells "
        + "have coordinates (the spatial graph, Moran's I of the highly variable genes and the scores, neighbourhood "
        + "enrichment of the clusters, and the niche when --niche-reference names the reference cells); each step takes "
        + "the options of its own command. The h5ad holds everything the steps add, under scanpy's and squidpy's "
        + "names; --tables writes obs, var, the PCA variances, the markers, the scores and the spatial tables as TSV.")
final class RunCommand implements Callable<Integer> {

  /** The steps available, in the order they run. */
  static final List<String> STEPS = List.of("qc", "normalize", "hvg", "pca", "neighbors", "leiden", "umap", "markers", "score",
      "spatial");

  @Option(names = "--steps", paramLabel = "STEPS", split = ",",
      defaultValue = "qc,normalize,hvg,pca,neighbors,leiden,umap,markers,score,spatial",
      description = "Steps to run, comma-separated; they run in pipeline order (default: ${DEFAULT-VALUE}).")
  List<String> steps;

  @Option(names = "--tables", paramLabel = "DIR",
      description = "Also write obs.tsv, var.tsv, pca_variance.tsv, markers.tsv, scores.tsv, scores_summary.tsv "
          + "(the scores per --groupby group) and the spatial tables (moranI.tsv, nhood_enrichment_*.tsv, "
          + "centrality_scores.tsv, niche_*.tsv) into this folder.")
  Path tables;

  @Mixin
  QcStep qc;

  @Mixin
  NormalizeStep normalize;

  @Mixin
  HvgStep hvg;

  @Mixin
  PcaStep pca;

  @Mixin
  NeighborsStep neighbors;

  @Mixin
  LeidenStep leiden;

  @Mixin
  UmapStep umap;

  @Mixin
  MarkersStep markers;

  @Mixin
  ScoreStep score;

  @Mixin
  SpatialGraphStep spatialGraph;

  @Mixin
  SpatialAutocorrStep spatialAutocorr;

  @Mixin
  SpatialNhoodStep spatialNhood;

  @Mixin
  SpatialNicheStep spatialNiche;

  /** The spatial tables of this run, for --tables. */
  private final Map<String, Frame> spatialTables = new LinkedHashMap<>();

  @Option(names = "--score-min-genes", paramLabel = "N", defaultValue = "3",
      description = "The score step's --min-genes (run's own --min-genes is QC's) (default: ${DEFAULT-VALUE}).")
  int scoreMinGenes;

  /** The per-cell scores of this run, for --tables. */
  private ScoreStep.Output scoresTable;

  /** The markers table of this run, for --tables. */
  private Frame markersTable;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Set<String> chosen = new LinkedHashSet<>();
    for (String s : steps) {
      String name = s.trim().toLowerCase(Locale.ROOT);
      if (!STEPS.contains(name)) {
        throw new IllegalArgumentException("Invalid --steps: " + s + " (available: " + String.join(", ", STEPS) + ")");
      }
      chosen.add(name);
    }
    normalize.target();
    hvg.flavor();
    pca.clip();
    neighbors.metric();
    leiden.algorithm();
    markers.method();
    umap.options(args.common.seed);
    score.minGenes = scoreMinGenes;
    score.check();
    spatialGraph.check();
    spatialAutocorr.check();
    spatialNhood.check();
    if (spatialNiche.reference != null) {
      spatialNiche.check();
    }
    if (tables != null) {
      for (String name : List.of("obs.tsv", "var.tsv", "pca_variance.tsv", "markers.tsv", "scores.tsv",
          "scores_summary.tsv")) {
        args.outputOptions.checkWritable(tables.resolve(name));
      }
      TableDir.checkWritable(tables, List.of("moranI", "gearyC", "nhood_enrichment_zscore", "nhood_enrichment_count",
          "interaction_matrix", "centrality_scores", "niche_bands", "niche_trend", "niche_composition"),
          args.outputOptions);
    }
    PrintWriter err = spec.commandLine().getErr();
    return StepRunner.run(spec, args, (data, parallel) -> {
      CellData d = data;
      data = null; // the container a step replaces (filtering does) must not stay reachable from here
      for (String step : STEPS) {
        if (!chosen.contains(step)) {
          continue;
        }
        long t0 = System.nanoTime();
        d = switch (step) {
          case "qc" -> qc.apply(d, parallel, err);
          case "normalize" -> normalize.apply(d, parallel);
          case "hvg" -> hvg.apply(d, parallel, err);
          case "pca" -> pca.apply(d, parallel, err);
          case "neighbors" -> neighbors.apply(d, args.common.seed, parallel, err);
          case "leiden" -> leiden.apply(d, args.common.seed, err);
          case "umap" -> umap.apply(d, args.common.seed, parallel, err);
          case "markers" -> {
            markersTable = markers.apply(d, parallel, err);
            yield d;
          }
          case "score" -> {
            // Scores are summarised by the markers' grouping (leiden) when the run has it.
            score.groupby = d.obs().has(markers.groupby) ? markers.groupby : null;
            scoresTable = score.apply(d, args.common.seed, parallel, err);
            yield d;
          }
          case "spatial" -> {
            spatial(d, parallel, err);
            yield d;
          }
          default -> throw new IllegalStateException(step);
        };
        err.printf("myelin run: %s done in %.2f s%n", step, (System.nanoTime() - t0) / 1e9);
      }
      return d;
    }, this::writeTables);
  }

  /**
   * The spatial step: only for cells with coordinates (said and skipped otherwise); the graph,
   * Moran's I, enrichment of the clusters when there are any, the niche when --niche-reference is given.
   */
  private void spatial(CellData d, org.myelin.core.parallel.Parallel parallel, PrintWriter err) {
    if (!d.obsm().containsKey(spatialGraph.spatialKey)) {
      err.printf("myelin run: spatial skipped: no obsm['%s'] (give --coords TABLE for cell coordinates)%n",
          spatialGraph.spatialKey);
      return;
    }
    spatialGraph.apply(d, parallel, err);
    spatialTables.putAll(spatialAutocorr.apply(d, args.common.seed, parallel, err));
    if (d.obs().has(spatialNhood.clusterKey)) {
      spatialTables.putAll(spatialNhood.apply(d, args.common.seed, parallel, err));
    }
    if (spatialNiche.reference != null) {
      spatialTables.putAll(spatialNiche.apply(d, args.common.seed, parallel, err));
    }
  }

  private List<Path> writeTables(CellData data, boolean force) {
    if (tables == null) {
      return List.of();
    }
    try {
      Files.createDirectories(tables);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + tables, e);
    }
    List<Path> written = new ArrayList<>();
    Path obs = tables.resolve("obs.tsv");
    TableWriter.write(data.obs(), "cell", obs, force);
    written.add(obs);
    Path var = tables.resolve("var.tsv");
    TableWriter.write(data.var(), "gene", var, force);
    written.add(var);
    if (data.uns().get("pca") instanceof Map<?, ?> p && p.get("variance") instanceof double[] variance
        && p.get("variance_ratio") instanceof double[] ratio) {
      String[] names = new String[variance.length];
      long[] pc = new long[variance.length];
      for (int c = 0; c < names.length; c++) {
        names[c] = "PC" + (c + 1);
        pc[c] = c + 1;
      }
      Frame f = new Frame(names);
      f.put("pc", new IntColumn(pc));
      f.put("variance", new DoubleColumn(variance.clone()));
      f.put("variance_ratio", new DoubleColumn(ratio.clone()));
      Path out = tables.resolve("pca_variance.tsv");
      TableWriter.write(f, "component", out, force);
      written.add(out);
    }
    if (scoresTable != null) {
      Path out = tables.resolve("scores.tsv");
      TableWriter.write(scoresTable.perCell(), "cell", out, force);
      written.add(out);
      if (scoresTable.summary() != null) {
        Path sum = tables.resolve("scores_summary.tsv");
        TableWriter.write(scoresTable.summary(), "score", sum, force);
        written.add(sum);
      }
    }
    if (markersTable != null) {
      Path out = tables.resolve("markers.tsv");
      MarkersStep.writeTable(markersTable, out, force);
      written.add(out);
    }
    written.addAll(TableDir.write(tables, spatialTables, "name", force));
    return written;
  }
}
