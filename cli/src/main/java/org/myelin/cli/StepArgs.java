package org.myelin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.myelin.io.CellDataIO;
import org.myelin.io.MalformedFileException;
import org.myelin.io.UnsupportedFileException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every step command takes: its input, its output and format, and the shared options. */
public final class StepArgs {

  @Parameters(index = "0", paramLabel = "INPUT", description = "Any input myelin reads.")
  Path input;

  @Option(names = {"-o", "--out"}, paramLabel = "OUT", required = true, description = "Output (format from its name).")
  Path out;

  @Option(names = "--to", paramLabel = "FMT", description = "Output format: h5ad, 10x-h5, mtx, csv (default: from OUT).")
  String to;

  @Option(names = "--compression", paramLabel = "HOW",
      description = "How an h5ad output's large datasets are stored: none, gzip (level 4, as h5py) or gzip:LEVEL, 1 "
          + "fastest to 9 smallest (default: ${DEFAULT-VALUE}).")
  String compression = org.myelin.io.hdf.Compression.DEFAULT.toString();

  @Mixin
  InputOptions inputOptions;

  @Mixin
  OutputOptions outputOptions;

  @Mixin
  CommonOptions common;

  /** The --compression chosen, refused by name when it is not one. */
  org.myelin.io.hdf.Compression compression() {
    return org.myelin.io.hdf.Compression.parse(compression);
  }

  /**
   * The output's format, checked before any work: a known format, not an existing file without
   * --force, in a folder that exists and may be written. {@code h5adOnly}: the whole pipeline's
   * result, which only h5ad holds (another format would silently drop the embeddings and tables).
   */
  CellDataIO.Format checkOutput(boolean h5adOnly) {
    compression();
    CellDataIO.Format format = to == null ? CellDataIO.outputFormat(out) : CellDataIO.Format.fromCliName(to);
    if (h5adOnly && format != CellDataIO.Format.H5AD) {
      throw new UnsupportedFileException(out, null, "myelin run writes h5ad (every slot the steps add): name the "
          + "output OUT.h5ad; convert it afterwards with 'myelin convert' if another format is needed");
    }
    outputOptions.checkWritable(out);
    outputOptions.checkFolder(out.toAbsolutePath().getParent());
    return format;
  }

  /** The input must exist before any work starts. */
  void checkInput() {
    if (!Files.exists(input)) {
      throw new MalformedFileException(input, null, "no such file or folder");
    }
    if (inputOptions.coords != null && !Files.isRegularFile(inputOptions.coords)) {
      throw new MalformedFileException(inputOptions.coords, null, "no such file (--coords)");
    }
    inputOptions.toReadOptions();
    inputOptions.units();
  }

  /** Reads the input, recording the scale given by --microns-per-unit. */
  org.myelin.core.data.CellData read(org.myelin.core.parallel.Parallel parallel,
      org.myelin.core.tool.Progress progress) {
    org.myelin.core.data.CellData d = CellDataIO.read(input, inputOptions.toReadOptions(), parallel, progress);
    org.myelin.core.spatial.SpatialUnits units = inputOptions.units();
    if (units != null) {
      units.record(d);
    }
    return d;
  }
}
