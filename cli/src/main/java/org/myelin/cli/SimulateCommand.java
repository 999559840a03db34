package org.myelin.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.sim.Cohort;
import org.myelin.core.sim.TumourSection;
import org.myelin.io.CellDataIO;
import org.myelin.io.SimulationWriter;
import org.myelin.io.gmt.BuiltinSignatures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin simulate}: a tumour section with nerves and immune cells, and its ground truth. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    defaultValueProvider = SimulateCommand.Defaults.class,
    description = "Simulate a spatial single-cell dataset of a squamous carcinoma section: tumour nests, "
        + "stroma, nerve bundles (some invaded and injured) and immune cells, with raw counts in X, "
        + "x/y in micrometres in obsm['spatial'], the truth of every cell in obs (cell_type, cell_state, "
        + "nerve_id, nerve_invaded, nerve_injured, distance_to_nerve_um, distance_to_injured_nerve_um, ...) "
        + "and every parameter in uns['simulation'].",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin simulate --cells 5000 --genes 3000 --seed 0 -o demo.h5ad",
        "  myelin simulate --cells 100000 --invaded-fraction 0.8 -o section.h5ad --threads 2",
        "  myelin simulate --samples 12 --cells 3000 --seed 1 -o cohort/"})
final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--cells", paramLabel = "N", required = true, description = "Cells to simulate.")
  int cells;

  @Option(names = "--genes", paramLabel = "G", description = "Genes (default: ${DEFAULT-VALUE}).")
  int genes;

  @Option(names = {"-o", "--out"}, paramLabel = "OUT", required = true,
      description = "Output: .h5ad (X streamed block by block), .h5 (10x HDF5, made in memory) or a "
          + "folder name (10x MTX, streamed, with the truth and coordinates in cells.tsv.gz beside it).")
  Path out;

  @Option(names = "--to", paramLabel = "FMT", description = "Output format: h5ad, 10x-h5, mtx (default: from OUT).")
  String to;

  @Option(names = "--species", paramLabel = "SPECIES", description = "human (HGNC, MT-) or mouse (MGI, mt-) (default: ${DEFAULT-VALUE}).")
  String species;

  @Option(names = "--gene-names", paramLabel = "FILE",
      description = "Names for the background genes, one per line or a 10x features/genes file (symbol column).")
  Path geneNames;

  @Option(names = "--umi-scale", paramLabel = "X", description = "Multiplies every cell type's median UMIs (default: ${DEFAULT-VALUE}).")
  double umiScale;

  @Option(names = "--library-sd-log", paramLabel = "X", description = "SD of log library size within a type (default: ${DEFAULT-VALUE}).")
  double librarySdLog;

  @Option(names = "--gene-sd-log", paramLabel = "X", description = "SD of log baseline abundance across genes (default: ${DEFAULT-VALUE}).")
  double geneSdLog;

  @Option(names = "--tumour-fraction", paramLabel = "F", description = "Share of the section in tumour nests (default: ${DEFAULT-VALUE}).")
  double tumourFraction;

  @Option(names = "--nerves-per-mm2", paramLabel = "X", description = "Nerve bundles per mm^2, at least 3 in all (default: ${DEFAULT-VALUE}).")
  double nervesPerMm2;

  @Option(names = "--invaded-fraction", paramLabel = "F", description = "Share of nerves invaded by tumour, hence injured (default: ${DEFAULT-VALUE}).")
  double invadedFraction;

  @Option(names = "--marker-fold", paramLabel = "X", description = "Fold change of cell-type markers (default: ${DEFAULT-VALUE}).")
  double markerFold;

  @Option(names = "--injury-fold", paramLabel = "X", description = "Fold change of injury/repair genes in Schwann cells of injured nerves (default: ${DEFAULT-VALUE}).")
  double injuryFold;

  @Option(names = "--myelin-loss-fold", paramLabel = "X", description = "Fold loss of myelin genes in repair Schwann cells (default: ${DEFAULT-VALUE}).")
  double myelinLossFold;

  @Option(names = "--inflammation-fold", paramLabel = "X", description = "Fold change of interferon and IL-6 genes beside an injured nerve (default: ${DEFAULT-VALUE}).")
  double inflammationFold;

  @Option(names = "--inflammation-range-um", paramLabel = "UM", description = "Decay length of inflammation (default: ${DEFAULT-VALUE}).")
  double inflammationRangeUm;

  @Option(names = "--exhaustion-fold", paramLabel = "X", description = "Fold change of exhaustion genes in a fully exhausted CD8 T cell (default: ${DEFAULT-VALUE}).")
  double exhaustionFold;

  @Option(names = "--exhaustion-range-um", paramLabel = "UM", description = "Decay length of exhaustion with distance to an injured nerve (default: ${DEFAULT-VALUE}).")
  double exhaustionRangeUm;

  @Option(names = "--cgrp-range-um", paramLabel = "UM", description = "Decay length of nerve CGRP (default: ${DEFAULT-VALUE}).")
  double cgrpRangeUm;

  @Option(names = "--m2-strength", paramLabel = "X", description = "How strongly CGRP turns macrophages M2-like (default: ${DEFAULT-VALUE}).")
  double m2Strength;

  @Option(names = "--attack-fold", paramLabel = "X", description = "Fold change of ATF4 and SLIT2 in tumour cells under immune attack (default: ${DEFAULT-VALUE}).")
  double attackFold;

  @Option(names = "--attack-radius-um", paramLabel = "UM", description = "Reach of a cytotoxic cell's attack (default: ${DEFAULT-VALUE}).")
  double attackRadiusUm;

  @Option(names = "--damaged-fraction", paramLabel = "F", description = "Share of damaged cells with high mitochondrial fraction (default: ${DEFAULT-VALUE}).")
  double damagedFraction;

  @Option(names = "--doublet-fraction", paramLabel = "F", description = "Share of droplets holding two cells (default: ${DEFAULT-VALUE}).")
  double doubletFraction;

  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "%nA cohort (one section per patient, --samples):%n")
  CohortOptions cohort;

  /** The cohort's options; given together with --samples. */
  static final class CohortOptions {
    private static final Cohort.Options D = Cohort.Options.defaults(2, 0);

    @Option(names = "--samples", paramLabel = "N", required = true,
        description = "Simulate a cohort of N patients into the folder OUT: OUT/P01.h5ad ... (--cells each) and "
            + "OUT/samples.csv (sample, patient, file, response, pfs_months, pfs_event, batch, injury_burden).")
    int samples;

    @Option(names = "--responder-fraction", paramLabel = "F", description = "Share of responders (default: 0.5).")
    double responderFraction = D.responderFraction();

    @Option(names = "--nr-invaded-fraction", paramLabel = "F",
        description = "Invaded, injured share of nerves in non-responders (default: 0.75).")
    double nrInvaded = D.nrInvadedFraction();

    @Option(names = "--r-invaded-fraction", paramLabel = "F",
        description = "The same in responders (default: 0.2).")
    double rInvaded = D.rInvadedFraction();

    @Option(names = "--nr-exhaustion-fold", paramLabel = "X",
        description = "Exhaustion program near injured nerves in non-responders (default: 12).")
    double nrExhaustion = D.nrExhaustionFold();

    @Option(names = "--r-exhaustion-fold", paramLabel = "X", description = "The same in responders (default: 4).")
    double rExhaustion = D.rExhaustionFold();

    @Option(names = "--hazard-ratio", paramLabel = "HR",
        description = "Hazard ratio of progression per SD of the injury burden (default: 2.0).")
    double hazardRatio = D.hazardRatio();

    @Option(names = "--median-pfs-months", paramLabel = "M",
        description = "Median progression-free survival at the mean burden (default: 12).")
    double medianPfs = D.medianPfsMonths();

    @Option(names = "--follow-up-months", paramLabel = "M", description = "Censoring time (default: 36).")
    double followUp = D.followUpMonths();

    @Option(names = "--batches", paramLabel = "N",
        description = "Sequencing batches, samples dealt to them in turn (default: 3, or the samples if fewer).")
    Integer batches;

    @Option(names = "--batch-library-sd-log", paramLabel = "X",
        description = "SD of a batch's log library-size factor (default: 0.3).")
    double batchLibrary = D.batchLibrarySdLog();

    @Option(names = "--batch-gene-sd-log", paramLabel = "X",
        description = "SD of a batch's log shift of each gene (default: 0.3).")
    double batchGene = D.batchGeneSdLog();

    @Option(names = "--batch-genes", paramLabel = "N", description = "Genes on in one batch only (default: 15).")
    int batchGenes = D.batchGenes();

    @Option(names = "--batch-gene-fold", paramLabel = "X", description = "Their fold in their batch (default: 8).")
    double batchGeneFold = D.batchGeneFold();
  }

  @Mixin
  OutputOptions outputOptions;

  @Mixin
  CommonOptions common;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** Defaults come from TumourSection.Options.defaults, so the help and the model never disagree. */
  static final class Defaults implements CommandLine.IDefaultValueProvider {
    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
      if (!(arg instanceof CommandLine.Model.OptionSpec o)) {
        return null;
      }
      if (o.longestName().equals("--species")) {
        return "human";
      }
      if (o.longestName().equals("--genes")) {
        return "3000";
      }
      String component = camel(o.longestName().substring(2));
      Object v = TumourSection.Options.defaults(1, 1, 0).asMap().get(component);
      return v == null || v instanceof Boolean ? null : String.valueOf(v);
    }

    private static String camel(String kebab) {
      StringBuilder sb = new StringBuilder();
      boolean up = false;
      for (char c : kebab.toCharArray()) {
        if (c == '-') {
          up = true;
        } else {
          sb.append(up ? Character.toUpperCase(c) : c);
          up = false;
        }
      }
      return sb.toString();
    }
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    boolean mouse = switch (species.toLowerCase(Locale.ROOT)) {
      case "human" -> false;
      case "mouse" -> true;
      default -> throw new IllegalArgumentException("Invalid --species: " + species + " (human or mouse)");
    };
    if (cohort != null) {
      return simulateCohort(start, mouse);
    }
    CellDataIO.Format format = to == null ? CellDataIO.outputFormat(out) : CellDataIO.Format.fromCliName(to);
    if (!SimulationWriter.writes(format)) {
      throw new IllegalArgumentException("simulate writes h5ad, 10x-h5 or mtx, not " + format.cliName());
    }
    outputOptions.checkWritable(out);
    TumourSection.Options options = sectionOptions(mouse, doubletFraction);
    var library = BuiltinSignatures.load(mouse ? BuiltinSignatures.Species.MOUSE : BuiltinSignatures.Species.HUMAN);
    TumourSection section = new TumourSection(options, library,
        geneNames == null ? null : SimulationWriter.readGeneNames(geneNames));
    long nnz;
    try (Parallel parallel = common.parallel()) {
      nnz = SimulationWriter.write(section, out, format, outputOptions.force, parallel);
    }
    Provenance.write(spec, geneNames == null ? List.of() : List.of(geneNames), List.of(out), start, true);
    double seconds = (System.nanoTime() - start) / 1e9;
    common.log(spec.commandLine().getErr()).info("simulate", "%d cells x %d genes%s; wrote %s in %.1f s (%.0f cells/s)",
        cells, section.geneNames().length, nnz < 0 ? "" : ", " + nnz + " non-zeros", out, seconds, cells / seconds);
    return 0;
  }

  private TumourSection.Options sectionOptions(boolean mouse, double doublets) {
    return new TumourSection.Options(cells, genes, common.seed, mouse, umiScale, librarySdLog, geneSdLog,
        tumourFraction, nervesPerMm2, invadedFraction, markerFold, injuryFold, myelinLossFold, inflammationFold,
        inflammationRangeUm, exhaustionFold, exhaustionRangeUm, cgrpRangeUm, m2Strength, attackFold, attackRadiusUm,
        damagedFraction, doublets);
  }

  /** A cohort into the folder OUT: one h5ad per patient and the sample sheet. */
  private int simulateCohort(long start, boolean mouse) {
    if (to != null && !to.equalsIgnoreCase("h5ad")) {
      throw new IllegalArgumentException("Invalid --to: " + to + " (a cohort's sections are written as h5ad)");
    }
    CohortOptions c = cohort;
    boolean doubletsGiven = spec.commandLine().getParseResult().hasMatchedOption("--doublet-fraction");
    Cohort.Options o = new Cohort.Options(c.samples, common.seed, c.responderFraction, c.nrInvaded, c.rInvaded,
        c.nrExhaustion, c.rExhaustion, c.hazardRatio, c.medianPfs, c.followUp,
        c.batches != null ? c.batches : Math.min(3, Math.max(1, c.samples)), c.batchLibrary, c.batchGene, c.batchGenes,
        c.batchGeneFold);
    TumourSection.Options template = sectionOptions(mouse, doubletsGiven ? doubletFraction
        : Cohort.Options.DOUBLET_FRACTION);
    var library = BuiltinSignatures.load(mouse ? BuiltinSignatures.Species.MOUSE : BuiltinSignatures.Species.HUMAN);
    Cohort plan = new Cohort(o, template, library);
    outputOptions.checkWritable(out);
    try (Parallel parallel = common.parallel()) {
      SimulationWriter.writeCohort(plan, out, outputOptions.force, parallel);
    }
    Provenance.write(spec, List.of(), List.of(out), start, true);
    long nr = plan.patients().stream().filter(p -> !p.responder()).count();
    common.log(spec.commandLine().getErr()).info("simulate", "a cohort of %d patients (%d responders, %d "
        + "non-responders) in %d batches, %d cells each; wrote %s with %s in %.1f s", c.samples, c.samples - nr, nr,
        o.nBatches(), cells, out, SimulationWriter.SAMPLE_SHEET, (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
