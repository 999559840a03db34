package org.myelin.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.sim.TumourSection;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.io.CellDataIO;
import org.myelin.io.TextFiles;
import org.myelin.io.gmt.BuiltinSignatures;
import org.myelin.io.h5ad.H5adWriter;
import org.myelin.io.RowBlocks;
import org.myelin.io.tenx.MtxWriter;
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
        + "and every parameter in uns['simulation'].")
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
    CellDataIO.Format format = to == null ? CellDataIO.outputFormat(out) : CellDataIO.Format.fromCliName(to);
    if (format != CellDataIO.Format.H5AD && format != CellDataIO.Format.TENX_H5 && format != CellDataIO.Format.MTX) {
      throw new IllegalArgumentException("simulate writes h5ad, 10x-h5 or mtx, not " + format.cliName());
    }
    outputOptions.checkWritable(out);
    TumourSection.Options options = new TumourSection.Options(cells, genes, common.seed, mouse, umiScale,
        librarySdLog, geneSdLog, tumourFraction, nervesPerMm2, invadedFraction, markerFold, injuryFold,
        myelinLossFold, inflammationFold, inflammationRangeUm, exhaustionFold, exhaustionRangeUm, cgrpRangeUm,
        m2Strength, attackFold, attackRadiusUm, damagedFraction, doubletFraction);
    var library = BuiltinSignatures.load(mouse ? BuiltinSignatures.Species.MOUSE : BuiltinSignatures.Species.HUMAN);
    TumourSection section = new TumourSection(options, library, geneNames == null ? null : readGeneNames(geneNames));
    if (format == CellDataIO.Format.MTX) {
      return streamMtx(section, start);
    }
    if (format == CellDataIO.Format.H5AD) {
      return streamH5ad(section, start);
    }
    CellData data;
    double made;
    try (Parallel parallel = common.parallel()) {
      data = section.toCellData(parallel);
      made = (System.nanoTime() - start) / 1e9;
      CellDataIO.write(data, out, format, outputOptions.force, parallel);
    }
    Provenance.write(spec, geneNames == null ? List.of() : List.of(geneNames), List.of(out), start, true);
    spec.commandLine().getErr().printf("myelin simulate: %d cells x %d genes, %d non-zeros (%.0f cells/s); wrote %s in %.1f s%n",
        data.nObs(), data.nVars(), data.x().nnz(), cells / made, out, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  /** An h5ad whose X is made block by block as it is written: the matrix is never whole in memory. */
  private Integer streamH5ad(TumourSection section, long start) {
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("simulation", section.unsRecord());
    uns.put("nerves", section.nerves());
    String[] names = section.geneNames();
    try (Parallel parallel = common.parallel()) {
      H5adWriter.writeStreamed(out, RowBlocks.of(names.length, section.nBlocks(), section::block),
          section.obs(), new Frame(names), Map.of(Keys.OBSM_SPATIAL, section.spatial()), uns, outputOptions.force, parallel);
    }
    Provenance.write(spec, geneNames == null ? List.of() : List.of(geneNames), List.of(out), start, true);
    double seconds = (System.nanoTime() - start) / 1e9;
    spec.commandLine().getErr().printf("myelin simulate: %d cells x %d genes; streamed to %s in %.1f s (%.0f cells/s)%n",
        cells, names.length, out, seconds, cells / seconds);
    return 0;
  }

  /**
   * A 10x MTX folder written block by block as the blocks are made, so the matrix is never whole
   * in memory; the truth of every cell, with its coordinates, goes to {@code cells.tsv.gz} beside it
   * (join it back with {@code --coords OUT/cells.tsv.gz}).
   */
  private Integer streamMtx(TumourSection section, long start) {
    Frame truth = section.obs();
    DenseDoubleMatrix xy = section.spatial();
    double[] x = new double[cells];
    double[] y = new double[cells];
    for (int i = 0; i < cells; i++) {
      x[i] = xy.get(i, 0);
      y[i] = xy.get(i, 1);
    }
    truth.put("x_um", new DoubleColumn(x));
    truth.put("y_um", new DoubleColumn(y));
    String[] names = section.geneNames();
    String[][] features = new String[names.length][];
    for (int j = 0; j < names.length; j++) {
      features[j] = new String[] {names[j], names[j], "Gene Expression"};
    }
    long nnz;
    try (Parallel parallel = common.parallel()) {
      nnz = MtxWriter.write(out, truth.index(), features, truth,
          RowBlocks.of(names.length, section.nBlocks(), section::block), true, parallel, outputOptions.force);
    }
    Provenance.write(spec, geneNames == null ? List.of() : List.of(geneNames), List.of(out), start, true);
    double seconds = (System.nanoTime() - start) / 1e9;
    spec.commandLine().getErr().printf("myelin simulate: %d cells x %d genes, %d non-zeros; streamed to %s in %.1f s (%.0f cells/s)%n",
        cells, names.length, nnz, out, seconds, cells / seconds);
    return 0;
  }

  /** Gene names from a list or a 10x features/genes file (the symbol is the second column). */
  static List<String> readGeneNames(Path file) {
    List<String> out = new ArrayList<>();
    for (String line : TextFiles.readLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      out.add((f.length > 1 ? f[1] : f[0]).trim());
    }
    if (out.isEmpty()) {
      throw new org.myelin.io.MalformedFileException(file, null, "no gene names in this file");
    }
    return out;
  }
}
