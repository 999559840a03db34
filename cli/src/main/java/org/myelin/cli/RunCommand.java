package org.myelin.cli;

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
import org.myelin.core.data.Keys;
import org.myelin.core.pp.Modality;
import org.myelin.core.spatial.SpatialUnits;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.tool.ToolResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin run}: every step that applies, in pipeline order, in one process. */
@Command(name = "run", mixinStandardHelpOptions = true,
    customSynopsis = "myelin run INPUT -o OUT.h5ad [--tables DIR] [--report FILE.html] [--figures DIR] [--steps STEPS] [OPTIONS of each step]",
    description = "Run the analysis from the raw matrix in one process: qc (metrics and filtering), normalize "
        + "(normalize_total, log1p), hvg, pca, neighbors, leiden, umap, annotate (cell types from markers), markers, "
        + "score, and, when the cells have "
        + "coordinates, spatial-graph, autocorr (Moran's I of the highly variable genes and the scores), nhood "
        + "(enrichment of the clusters) and niche (when --niche-reference names the reference cells); co-occurrence, "
        + "ripley and ligrec run when --steps names them. Every option is checked before the input is read. The "
        + "h5ad holds everything the steps add, under scanpy's and squidpy's names; --tables writes obs, var and every "
        + "table the steps make as TSV.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin run filtered_feature_bc_matrix.h5 -o sample.h5ad --tables tables/",
        "  myelin run visium_folder -o visium.h5ad --niche-reference 'NERVE_INJURY_NEURON_RAG_UP_module>0.3'",
        "  myelin run panel.h5ad --coords cells.csv -o panel.h5ad --min-genes 10 --steps qc,normalize,pca,neighbors,"
            + "leiden,umap,spatial"})
final class RunCommand implements Callable<Integer> {

  /** Names --steps takes for several steps at once. */
  private static final Map<String, List<String>> SHORTHANDS = Map.of("spatial",
      List.of("spatial-graph", "autocorr", "nhood", "niche"));

  @Option(names = "--steps", paramLabel = "STEPS", split = ",",
      description = "Steps to run, comma-separated, in pipeline order whatever the order given: qc, doublets (droplet data), "
          + "normalize, hvg, "
          + "pca, integrate (when --batch-key is given), neighbors, leiden, umap, annotate, markers, score, spatial-graph, autocorr, nhood, niche, co-occurrence, "
          + "ripley, ligrec; 'spatial' stands for spatial-graph,autocorr,nhood,niche (default: all but "
          + "co-occurrence, ripley and ligrec).")
  List<String> steps;

  @Option(names = "--tables", paramLabel = "DIR",
      description = "Also write obs.tsv, var.tsv and every table the steps make (pca_variance, markers, scores, "
          + "scores_summary, moranI, nhood_enrichment_*, centrality_scores, niche_*, ...) as TSV into this folder.")
  Path tables;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Also write an HTML report of the run (metrics, figures, tables, provenance; one file that opens "
          + "anywhere) and myelin_mqc.json (MultiQC custom content) beside it.")
  Path report;

  @Option(names = "--figures", paramLabel = "DIR",
      description = "Also write every figure the run has the data for as DIR/KIND.png (the kinds of myelin plot).")
  Path figures;

  @Mixin(name = "qc")
  QcStep qc;

  @Mixin(name = "doublets")
  DoubletsStep doublets;

  @Mixin(name = "normalize")
  NormalizeStep normalize;

  @Mixin(name = "hvg")
  HvgStep hvg;

  @Mixin(name = "pca")
  PcaStep pca;

  @Mixin(name = "integrate")
  IntegrateStep integrate;

  @Mixin(name = "neighbors")
  NeighborsStep neighbors;

  @Mixin(name = "leiden")
  LeidenStep leiden;

  @Mixin(name = "umap")
  UmapStep umap;

  @Mixin(name = "batches (highly variable genes, integrate)")
  BatchKey batches;

  @Mixin(name = "groups (annotation, markers, score summary, spatial statistics of categories)")
  Grouping grouping;

  @Mixin(name = "annotate")
  AnnotateStep annotate;

  @Mixin(name = "markers")
  MarkersStep markers;

  @Mixin(name = "score")
  ScoreStep score;

  @Mixin(name = "spatial-graph")
  SpatialGraphStep spatialGraph;

  @Mixin(name = "autocorr")
  SpatialAutocorrStep autocorr;

  @Mixin(name = "nhood")
  SpatialNhoodStep nhood;

  @Mixin(name = "niche")
  SpatialNicheStep niche;

  @Mixin(name = "co-occurrence")
  CoOccurrenceStep coOccurrence;

  @Mixin(name = "ripley")
  RipleyStep ripley;

  @Mixin(name = "ligrec")
  LigrecStep ligrec;

  @Option(names = "--preset", paramLabel = "KIND",
      description = "Defaults for the kind of data: scrna, visium, xenium, merfish, cosmx, none, or auto: "
          + "recognised from the input (Visium's spot array; a panel of at most 1,500 genes; else scRNA-seq) "
          + "(default: ${DEFAULT-VALUE}). Options given on the command line always win.")
  String preset = "auto";

  @Mixin
  StepArgs args;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The pipeline: every step in the order it runs. The only place the order is written. */
  List<Step> pipeline() {
    return List.of(qc, doublets, normalize, hvg, pca, integrate, neighbors, leiden, umap, annotate, markers, score, spatialGraph, autocorr,
        nhood, niche, coOccurrence, ripley, ligrec);
  }

  /** The steps --steps chose, in pipeline order. */
  List<Step> chosen() {
    List<Step> all = pipeline();
    if (steps == null) {
      return all.stream().filter(Step::inRunByDefault).toList();
    }
    Set<String> names = new LinkedHashSet<>();
    for (String s : steps) {
      String name = s.trim().toLowerCase(Locale.ROOT);
      if (SHORTHANDS.containsKey(name)) {
        names.addAll(SHORTHANDS.get(name));
      } else if (all.stream().anyMatch(st -> st.name().equals(name))) {
        names.add(name);
      } else {
        throw new IllegalArgumentException("Invalid --steps: " + s + " (available: "
            + String.join(", ", all.stream().map(Step::name).toList()) + ", or spatial)");
      }
    }
    return all.stream().filter(st -> names.contains(st.name())).toList();
  }

  @Override
  public Integer call() {
    niche.referenceRequired = false; // run profiles the niche only when told which cells are the reference
    integrate.batchKeyRequired = false; // run integrates only when told the batches
    for (Step s : pipeline()) {
      if (s instanceof GroupedStep g) {
        g.grouping(grouping);
      }
      if (s instanceof BatchedStep b) {
        b.batchKey(batches);
      }
    }
    List<Step> run = chosen();
    if (!preset.equals("auto") && !preset.equals("none")) {
      try {
        Modality.of(preset);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid --preset: " + preset + " (auto, scrna, visium, xenium, merfish, "
            + "cosmx or none)");
      }
    }
    if (report != null) {
      Pictures.checkReport(report, args.outputOptions);
    }
    if (figures != null) {
      Pictures.checkFigures(figures, args.outputOptions);
    }
    return StepRunner.run(spec, args, run, new StepRunner.Tables(tables, Map.of()), List.of("obs", "var"),
        RunCommand::dataTables, true, this::applyPreset, report == null && figures == null ? null : this::pictures);
  }

  /**
   * The defaults of the data's kind, said in one line: for every option of the preset that the
   * command line did not give. Recorded in uns['modality'].
   */
  private void applyPreset(CellData data, Log log) {
    if (preset.equals("none")) {
      return;
    }
    Modality.Detection found = preset.equals("auto") ? Modality.detect(data)
        : new Modality.Detection(Modality.of(preset), "--preset " + preset);
    Modality.Preset p = found.modality().preset();
    CommandLine.ParseResult given = spec.commandLine().getParseResult();
    List<String> applied = new ArrayList<>();
    if (!given.hasMatchedOption("--min-counts")) {
      qc.minCounts = p.minCounts();
      applied.add("--min-counts " + Step.number(p.minCounts()));
    }
    if (!given.hasMatchedOption("--min-genes")) {
      qc.minGenes = p.minGenes();
      applied.add("--min-genes " + p.minGenes());
    }
    if (!given.hasMatchedOption("--min-cells")) {
      qc.minCells = p.minCells();
      applied.add("--min-cells " + p.minCells());
    }
    if (!given.hasMatchedOption("--percent-top")) {
      qc.percentTop = p.percentTop().clone();
      applied.add("--percent-top " + Provenance.text(p.percentTop()));
    }
    if (p.allGenes() && !given.hasMatchedOption("--all-genes")) {
      pca.allGenes = true;
      applied.add("--all-genes (every panel gene in PCA)");
    }
    if (!Double.isNaN(p.micronsPerUnit()) && SpatialUnits.of(data) == null && !given.hasMatchedOption(
        "--microns-per-unit") && data.obsm().containsKey(Keys.OBSM_SPATIAL)) {
      new SpatialUnits(p.micronsPerUnit(), found.modality().key() + " preset").record(data);
      applied.add(Step.number(p.micronsPerUnit()) + " um per coordinate unit");
    }
    qc.check();
    pca.check();
    data.uns().put(Keys.UNS_MODALITY, found.modality().asUns(found.evidence(), preset.equals("auto")));
    log.info("run", "modality %s (%s); preset %s", found.modality().key(), found.evidence(),
        applied.isEmpty() ? "not used: every option was given" : String.join(", ", applied));
  }

  /** The figures and the report, once the result is written. */
  private List<Path> pictures(CellData result, Log log, java.util.function.Function<List<Path>, Map<String, Object>>
      record) {
    List<Path> written = new ArrayList<>();
    long t0 = System.nanoTime();
    if (figures != null) {
      written.addAll(Pictures.writeFigures(result, figures, args.outputOptions.force, log, "run"));
    }
    if (report != null) {
      List<Path> both = List.of(report, Pictures.multiQcFile(report));
      List<Path> all = new ArrayList<>(written);
      all.addAll(both);
      String provenance = Json.pretty(record.apply(all));
      written.addAll(Pictures.writeReport(result, report, Pictures.sampleName(args.input), provenance, log.warnings(),
          args.outputOptions.force));
    }
    log.info("run", "figures and report done in %.2f s", (System.nanoTime() - t0) / 1e9);
    return written;
  }

  /** obs (with the UMAP and spatial coordinates as columns) and var of the result, for --tables. */
  private static Map<String, ToolResult.Table> dataTables(CellData data) {
    Map<String, ToolResult.Table> t = new LinkedHashMap<>();
    Frame obs = data.obs().withIndex(data.obs().index());
    String[][] embeddings = {{Keys.OBSM_UMAP, "X_umap_1", "X_umap_2"}, {Keys.OBSM_SPATIAL, "spatial_x", "spatial_y"}};
    for (String[] e : embeddings) {
      DenseMatrix m = data.obsm().get(e[0]);
      if (m != null && m.nCols() >= 2) {
        for (int c = 0; c < 2; c++) {
          double[] v = new double[data.nObs()];
          for (int i = 0; i < v.length; i++) {
            v[i] = m.get(i, c);
          }
          obs.put(e[1 + c], new DoubleColumn(v));
        }
      }
    }
    t.put("obs", new ToolResult.Table(obs, "cell"));
    t.put("var", new ToolResult.Table(data.var(), "gene"));
    return t;
  }

  /**
   * Renders run's options step by step: the options of the command first, then each step's under a
   * heading, in pipeline order, so a hundred options read as the steps they belong to.
   */
  static final class StepSections implements CommandLine.IHelpSectionRenderer {
    @Override
    public String render(CommandLine.Help help) {
      CommandLine.Model.CommandSpec spec = help.commandSpec();
      List<CommandLine.Model.OptionSpec> stepOptions = new ArrayList<>();
      StringBuilder sections = new StringBuilder();
      for (Map.Entry<String, CommandLine.Model.CommandSpec> m : spec.mixins().entrySet()) {
        Object options = m.getValue().userObject();
        if (!(options instanceof Step) && !(options instanceof Grouping) && !(options instanceof BatchKey)) {
          continue;
        }
        List<CommandLine.Model.OptionSpec> own = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o : m.getValue().options()) {
          own.add(spec.findOption(o.longestName()));
        }
        stepOptions.addAll(own);
        sections.append(String.format("%n%s:%n", m.getKey()));
        sections.append(help.optionListExcludingGroups(own));
      }
      List<CommandLine.Model.OptionSpec> general = new ArrayList<>(spec.options());
      general.removeAll(stepOptions);
      return help.optionListExcludingGroups(general) + sections;
    }
  }
}
