package org.myelin.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.myelin.core.data.CellData;
import org.myelin.core.de.Pseudobulk;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin pseudobulk}: raw counts summed per sample and cell type. */
@Command(name = "pseudobulk", mixinStandardHelpOptions = true,
    description = "Sum the raw counts (layers['counts'], or X when it holds whole numbers) of each sample's cells of "
        + "each cell type into one profile, the replicate of differential expression across patients: an h5ad of "
        + "pseudo-samples by genes with obs sample, cell_type (the --group-key), n_cells and every obs column that "
        + "is constant within a sample (response, batch, ...). Pseudo-samples of fewer than --min-cells cells are "
        + "left out and named.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin pseudobulk cohort.h5ad -o pseudobulk.h5ad",
        "  myelin pseudobulk cohort.h5ad -o pseudobulk.h5ad --group-key leiden --min-cells 20"})
final class PseudobulkCommand implements Callable<Integer> {

  @Parameters(paramLabel = "INPUT", description = "Cells of many samples (an h5ad from concat and run).")
  Path input;

  @Option(names = {"-o", "--out"}, paramLabel = "OUT", required = true, description = "The pseudobulk h5ad.")
  Path out;

  @Option(names = "--sample-key", paramLabel = "COLUMN",
      description = "obs column of each cell's sample (default: ${DEFAULT-VALUE}).")
  String sampleKey = org.myelin.core.data.Keys.OBS_SAMPLE;

  @Option(names = "--group-key", paramLabel = "COLUMN",
      description = "obs column of cell types or clusters; 'none' sums all of a sample's cells "
          + "(default: ${DEFAULT-VALUE}).")
  String groupKey = "cell_type";

  @Option(names = "--min-cells", paramLabel = "N",
      description = "Leave out pseudo-samples of fewer cells (default: ${DEFAULT-VALUE}).")
  int minCells = 10;

  @Option(names = "--cells", paramLabel = "TABLE",
      description = "Also write the cells of each sample (rows) and group (columns), before the --min-cells cut, "
          + "as TSV or CSV.")
  Path cellsTable;

  @Mixin
  OutputOptions outputOptions;

  @Mixin
  CommonOptions common;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    String group = groupKey.equalsIgnoreCase("none") ? null : groupKey;
    Pseudobulk.Options options = new Pseudobulk.Options(sampleKey, group, minCells);
    outputOptions.checkWritable(out);
    if (CellDataIO.outputFormat(out) != CellDataIO.Format.H5AD) {
      throw new IllegalArgumentException(out + ": pseudobulk writes an h5ad (name it .h5ad)");
    }
    if (cellsTable != null) {
      outputOptions.checkWritable(cellsTable);
      if (org.myelin.io.table.TableWriter.formatOf(cellsTable) == null) {
        throw new IllegalArgumentException(cellsTable + ": name the --cells table .tsv or .csv");
      }
    }
    Log log = common.log(spec.commandLine().getErr());
    try (Parallel parallel = common.parallel()) {
      CellData data = CellDataIO.read(input, CellDataIO.ReadOptions.DEFAULT, parallel);
      Pseudobulk.Result r;
      try {
        r = Pseudobulk.of(data, options);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(input + ": " + e.getMessage(), e);
      }
      if (r.samples().length == 0) {
        throw new IllegalArgumentException(input + ": no sample has " + minCells + " cells of any group (--min-cells)");
      }
      CellData pb = r.toCellData(data, sampleKey, group);
      java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
      params.put("sample_key", sampleKey);
      params.put("group_key", group == null ? "none" : group);
      params.put("min_cells", (long) minCells);
      params.put("left_out", String.join("; ", r.dropped()));
      pb.uns().put("pseudobulk", params);
      CellDataIO.write(pb, out, CellDataIO.Format.H5AD, outputOptions.force, parallel);
      List<Path> outputs = new ArrayList<>(List.of(out));
      if (cellsTable != null) {
        org.myelin.io.table.TableWriter.write(Pseudobulk.cellCounts(data, sampleKey, group), "sample", cellsTable,
            outputOptions.force);
        outputs.add(cellsTable);
      }
      Provenance.write(spec, List.of(input), outputs, start, true);
      log.info("pseudobulk", "%d pseudo-samples of %d samples%s (%d left out under %d cells) x %d genes; wrote %s",
          r.samples().length, new java.util.HashSet<>(List.of(r.samples())).size(),
          group == null ? "" : " by " + group, r.dropped().size(), minCells, data.nVars(), out);
    }
    return 0;
  }
}
