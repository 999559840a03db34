package org.myelin.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import org.myelin.io.table.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin convert IN OUT}: any readable format to any writable one. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert between formats. The output format comes from OUTPUT's name (.h5ad; .h5 "
        + "for a 10x HDF5 matrix; a name without extension for a 10x MTX folder; .tsv/.csv for a dense "
        + "table) or --to. --obs-table and --var-table also write obs and var as TSV or Arrow IPC.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin convert filtered_feature_bc_matrix/ sample.h5ad",
        "  myelin convert sample.h5ad matrix_folder --to mtx --obs-table obs.tsv"})
final class ConvertCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "INPUT", description = "Any input myelin reads.")
  Path input;

  @Parameters(index = "1", paramLabel = "OUTPUT", description = "The file or folder to write.")
  Path output;

  @Option(names = "--to", paramLabel = "FMT", description = "Output format: h5ad, 10x-h5, mtx, csv (default: from OUTPUT).")
  String to;

  @Option(names = "--obs-table", paramLabel = "FILE", description = "Also write obs as a table (.tsv, .tsv.gz, .csv, .arrow).")
  Path obsTable;

  @Option(names = "--var-table", paramLabel = "FILE", description = "Also write var as a table (.tsv, .tsv.gz, .csv, .arrow).")
  Path varTable;

  @Mixin
  OutputOptions outputOptions;

  @Mixin
  CommonOptions common;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  InputOptions inputOptions;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    CellDataIO.Format format = to == null ? CellDataIO.outputFormat(output) : CellDataIO.Format.fromCliName(to);
    java.util.Set<Path> outputs = new java.util.HashSet<>();
    for (Path out : new Path[] {output, obsTable, varTable}) {
      if (out == null) {
        continue;
      }
      if (!outputs.add(out.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("the same path is named for two outputs: " + out);
      }
      outputOptions.checkWritable(out);
    }
    CellData data;
    try (Parallel parallel = common.parallel()) {
      data = CellDataIO.read(input, inputOptions.toReadOptions(), parallel);
      CellDataIO.write(data, output, format, outputOptions.force, parallel);
    }
    if (obsTable != null) {
      TableWriter.write(data.obs(), "obs_names", obsTable, outputOptions.force);
    }
    if (varTable != null) {
      TableWriter.write(data.var(), "var_names", varTable, outputOptions.force);
    }
    List<Path> written = new java.util.ArrayList<>(List.of(output));
    if (obsTable != null) {
      written.add(obsTable);
    }
    if (varTable != null) {
      written.add(varTable);
    }
    List<Path> inputs = new java.util.ArrayList<>(List.of(input));
    if (inputOptions.coords != null) {
      inputs.add(inputOptions.coords);
    }
    Provenance.write(spec, inputs, written, start, true);
    common.log(spec.commandLine().getErr()).info("convert", "wrote %s (%s, %d cells x %d genes, %d non-zeros) in %.1f s",
        output, format.cliName(), data.nObs(), data.nVars(), data.x().nnz(), (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
