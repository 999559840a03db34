package org.myelin.cli;

import java.nio.file.Path;
import org.myelin.core.matrix.CountEncoding;
import org.myelin.io.CellDataIO;
import org.myelin.io.table.CellTable;
import picocli.CommandLine.Option;

/** How to read the input: format, 10x choices, orientation, and a coordinate table to join. */
public final class InputOptions {

  @Option(names = "--format", paramLabel = "FMT",
      description = "Input format: h5ad, 10x-h5, mtx, visium, csv (default: detected).")
  String format;

  @Option(names = "--genome", paramLabel = "NAME", description = "Genome group of a multi-genome Cell Ranger v2 file.")
  String genome;

  @Option(names = "--all-features", description = "Keep every 10x feature type, not only Gene Expression.")
  boolean allFeatures;

  @Option(names = "--var-names", paramLabel = "KIND", defaultValue = "gene_symbols",
      description = "Index genes by gene_symbols (default) or gene_ids.")
  String varNames;

  @Option(names = "--transpose", description = "Text and bare .mtx input holds genes as rows.")
  boolean transpose;

  @Option(names = "--make-unique", description = "Rename duplicate cell barcodes (-1, -2, ...) instead of failing.")
  boolean makeUnique;

  @Option(names = "--all-spots", description = "Keep Visium spots outside the tissue.")
  boolean allSpots;

  @Option(names = "--coords", paramLabel = "TABLE",
      description = "Cell table (CSV/TSV/Arrow) with a cell id and x, y: joined into obsm['spatial'].")
  Path coords;

  @Option(names = "--coords-id", paramLabel = "COL", description = "Cell-id column of --coords (default: detected).")
  String coordsId;

  @Option(names = "--coords-x", paramLabel = "COL", description = "x column of --coords (default: detected).")
  String coordsX;

  @Option(names = "--coords-y", paramLabel = "COL", description = "y column of --coords (default: detected).")
  String coordsY;

  @Option(names = "--microns-per-unit", paramLabel = "UM",
      description = "Micrometres per unit of the coordinates, when the input does not say (Visium folders and "
          + "myelin's simulations do); recorded in uns['spatial_units'], so distances are reported in micrometres.")
  Double micronsPerUnit;

  @Option(names = "--counts-in-memory", paramLabel = "ENC", defaultValue = "auto",
      description = "How raw counts are held: float (8 bytes a non-zero), compact (about 3: 16-bit genes, "
          + "8-bit counts, larger counts aside; whole counts only) or auto (compact when float would take over a third "
          + "of the heap). Results are the same either way.")
  String countsInMemory;

  /** The scale given on the command line, checked, or null. */
  org.myelin.core.spatial.SpatialUnits units() {
    if (micronsPerUnit == null) {
      return null;
    }
    if (!(micronsPerUnit > 0) || micronsPerUnit.isInfinite()) {
      throw new IllegalArgumentException("Invalid --microns-per-unit: " + micronsPerUnit + " (must be positive)");
    }
    return new org.myelin.core.spatial.SpatialUnits(micronsPerUnit, "--microns-per-unit");
  }

  CellDataIO.ReadOptions toReadOptions() {
    boolean geneIds = switch (varNames) {
      case "gene_symbols" -> false;
      case "gene_ids" -> true;
      default -> throw new IllegalArgumentException("Invalid --var-names: " + varNames + " (gene_symbols or gene_ids)");
    };
    return new CellDataIO.ReadOptions(
        format == null ? null : CellDataIO.Format.fromCliName(format), genome, allFeatures, geneIds,
        transpose, makeUnique, allSpots, coords, new CellTable.Columns(coordsId, coordsX, coordsY), encoding());
  }

  private CountEncoding encoding() {
    return switch (countsInMemory) {
      case "auto" -> CountEncoding.AUTO;
      case "float" -> CountEncoding.FLOAT;
      case "compact" -> CountEncoding.COMPACT;
      default -> throw new IllegalArgumentException(
          "Invalid --counts-in-memory: " + countsInMemory + " (auto, float or compact)");
    };
  }
}
