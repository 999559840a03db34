package org.myelin.io;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CountCsrBlock;
import org.myelin.core.matrix.CountEncoding;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.h5ad.H5adFile;
import org.myelin.io.h5ad.H5adWriter;
import org.myelin.io.hdf.H5;
import org.myelin.io.table.CellTable;
import org.myelin.io.table.DenseTextMatrix;
import org.myelin.io.table.TableWriter;
import org.myelin.io.tenx.MtxReader;
import org.myelin.io.tenx.MtxWriter;
import org.myelin.io.tenx.TenxH5Reader;
import org.myelin.io.tenx.TenxH5Writer;
import org.myelin.io.visium.VisiumReader;

/**
 * Reads any supported input into a {@link CellData} and writes one out, choosing the format from
 * the path (or an explicit {@link Format}). The one door through which the CLI touches files.
 */
public final class CellDataIO {

  /** The matrix formats myelin reads and writes. */
  public enum Format {
    H5AD("h5ad"), TENX_H5("10x-h5"), MTX("mtx"), VISIUM("visium"), TEXT("csv");

    private final String cliName;

    Format(String cliName) {
      this.cliName = cliName;
    }

    public String cliName() {
      return cliName;
    }

    /** The format for a --format value. */
    public static Format fromCliName(String name) {
      for (Format f : values()) {
        if (f.cliName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)
            || (f == TEXT && (name.equalsIgnoreCase("tsv") || name.equalsIgnoreCase("txt")))) {
          return f;
        }
      }
      throw new IllegalArgumentException("Invalid format: " + name + " (h5ad, 10x-h5, mtx, visium, csv)");
    }
  }

  /**
   * How to read.
   *
   * @param format the input format, or null to detect it
   * @param genome the genome of a multi-genome Cell Ranger v2 file
   * @param allFeatures keep all 10x feature types, not only Gene Expression
   * @param geneIds index genes by id instead of symbol
   * @param transpose for text and bare MTX files: rows are genes
   * @param makeObsUnique rename duplicate cell names instead of failing
   * @param allSpots keep Visium spots outside the tissue
   * @param coords a cell table whose coordinates go to obsm["spatial"], or null
   * @param coordColumns its id, x and y columns (null fields are detected)
   * @param encoding how X's counts are held in memory (HDF5 inputs encode each block as it is read)
   */
  public record ReadOptions(Format format, String genome, boolean allFeatures, boolean geneIds,
      boolean transpose, boolean makeObsUnique, boolean allSpots, Path coords,
      CellTable.Columns coordColumns, CountEncoding encoding) {

    public static final ReadOptions DEFAULT = new ReadOptions(null, null, false, false, false, false, false, null,
        CellTable.Columns.DETECT, CountEncoding.FLOAT);

    TenxH5Reader.Options tenx() {
      return new TenxH5Reader.Options(genome, allFeatures, geneIds, makeObsUnique, encoding);
    }
  }

  private CellDataIO() {}

  /** The format of an input path, from what is there (magic bytes, folder contents), then its name. */
  public static Format detect(Path input) {
    String lower = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".zarr") || lower.endsWith(".loom") || lower.endsWith(".rds") || lower.endsWith(".rda")
        || lower.endsWith(".parquet")) {
      throw new UnsupportedFileException(input, null,
          "this format is not read; convert it to h5ad (anndata/scanpy) or 10x MTX (Seurat) first");
    }
    if (Files.isDirectory(input)) {
      if (VisiumReader.isVisiumFolder(input)) {
        return Format.VISIUM;
      }
      if (TextFiles.firstExisting(input, "matrix.mtx.gz", "matrix.mtx") != null) {
        return Format.MTX;
      }
      throw new UnsupportedFileException(input, null,
          "folder is neither a 10x matrix folder (matrix.mtx[.gz]) nor a Space Ranger folder (spatial/)");
    }
    if (!Files.exists(input)) {
      throw new MalformedFileException(input, null, "no such file or folder");
    }
    String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".h5ad") || name.endsWith(".h5") || name.endsWith(".hdf5")) {
      try (HdfFile h = H5.open(input)) {
        if (H5.child(h, "X") != null) {
          return Format.H5AD;
        }
        if (TenxH5Reader.looksLikeTenx(h)) {
          return Format.TENX_H5;
        }
        throw new UnsupportedFileException(input, "/", "HDF5 file is neither h5ad (no /X) nor a 10x matrix");
      }
    }
    String base = name.replaceFirst("\\.gz$", "");
    if (base.endsWith(".mtx")) {
      return Format.MTX;
    }
    if (base.endsWith(".csv") || base.endsWith(".tsv") || base.endsWith(".txt") || base.endsWith(".tab")) {
      return Format.TEXT;
    }
    throw new UnsupportedFileException(input, null,
        "unknown input format; name it with --format (h5ad, 10x-h5, mtx, visium, csv)");
  }

  /** Reads an input whole, checks it is not empty, and joins coordinates when asked. */
  public static CellData read(Path input, ReadOptions options, Parallel parallel) {
    return read(input, options, parallel, org.myelin.core.tool.Progress.NONE);
  }

  /** As {@link #read(Path, ReadOptions, Parallel)}, reporting the cells of an HDF5 matrix read to {@code progress}. */
  public static CellData read(Path input, ReadOptions options, Parallel parallel,
      org.myelin.core.tool.Progress progress) {
    Format format = options.format() != null ? options.format() : detect(input);
    CellData data = switch (format) {
      case H5AD -> {
        try (H5adFile f = H5adFile.open(input)) {
          yield f.read(parallel, options.makeObsUnique(), progress, options.encoding());
        }
      }
      case TENX_H5 -> TenxH5Reader.read(input, options.tenx(), parallel, progress);
      case MTX -> Files.isDirectory(input)
          ? MtxReader.readFolder(input, new MtxReader.Options(options.geneIds(), options.allFeatures(), options.makeObsUnique()))
          : MtxReader.readFile(input, options.transpose());
      case VISIUM -> VisiumReader.read(input, options.allSpots(), options.tenx(), parallel);
      case TEXT -> DenseTextMatrix.read(input, options.transpose(), options.makeObsUnique());
    };
    if (data.nObs() == 0 || data.nVars() == 0) {
      throw new InconsistentDataException(input, null,
          "the matrix is empty (" + data.nObs() + " cells x " + data.nVars() + " genes)");
    }
    if ((format == Format.MTX || format == Format.TEXT)
        && options.encoding().compact(data.x().nnz(), Runtime.getRuntime().maxMemory())) {
      // Text formats are read whole first; the HDF5 readers encode each block as it is read.
      data.setX(CountCsrBlock.encode(data.x()));
    }
    if (options.coords() != null) {
      CellTable.read(options.coords(), options.coordColumns()).joinInto(data);
    }
    return data;
  }

  /** The output format a path asks for: by extension; a name without one is an MTX folder. */
  public static Format outputFormat(Path output) {
    String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".h5ad")) {
      return Format.H5AD;
    }
    if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
      return Format.TENX_H5;
    }
    if (TableWriter.formatOf(output) == TableWriter.Format.TSV || TableWriter.formatOf(output) == TableWriter.Format.CSV) {
      return Format.TEXT;
    }
    if (Files.isDirectory(output) || !name.contains(".")) {
      return Format.MTX;
    }
    throw new UnsupportedFileException(output, null,
        "unknown output format; use .h5ad, .h5 (10x), a folder name (10x MTX), .tsv or .csv, or --format");
  }

  /**
   * Writes {@code data} in the given format (null: from the name). Refuses to overwrite an input
   * or an existing file unless {@code overwrite}.
   */
  public static void write(CellData data, Path output, Format format, boolean overwrite, Parallel parallel) {
    write(data, output, format, overwrite, parallel, org.myelin.core.tool.Progress.NONE);
  }

  /** As above; an h5ad reports the rows of X written to {@code progress}. */
  public static void write(CellData data, Path output, Format format, boolean overwrite, Parallel parallel,
      org.myelin.core.tool.Progress progress) {
    write(data, output, format, overwrite, parallel, progress, org.myelin.io.hdf.Compression.DEFAULT);
  }

  /** As above; an h5ad's large datasets are stored as {@code compression} says. */
  public static void write(CellData data, Path output, Format format, boolean overwrite, Parallel parallel,
      org.myelin.core.tool.Progress progress, org.myelin.io.hdf.Compression compression) {
    Format f = format != null ? format : outputFormat(output);
    switch (f) {
      case H5AD -> H5adWriter.write(data, output, overwrite, parallel, progress, compression);
      case TENX_H5 -> TenxH5Writer.write(data, output, overwrite, parallel);
      case MTX -> MtxWriter.write(data, output, overwrite, parallel);
      case TEXT -> DenseTextMatrix.write(data, output, false, overwrite);
      case VISIUM -> throw new UnsupportedFileException(output, null,
          "Visium folders are not written; write h5ad (coordinates go to obsm['spatial'])");
    }
  }
}
