package org.myelin.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.sim.Cohort;
import org.myelin.core.sim.TumourSection;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.io.h5ad.H5adWriter;
import org.myelin.io.tenx.MtxWriter;

/**
 * Writes a simulated section. h5ad and MTX are written block by block as the blocks are made, so
 * the matrix is never whole in memory; the 10x HDF5 file is made in memory. MTX folders get the
 * truth of every cell, with its coordinates in micrometres, in {@code cells.tsv.gz} beside them
 * (join it back with {@code --coords OUT/cells.tsv.gz}).
 */
public final class SimulationWriter {

  private SimulationWriter() {}

  /** The formats a section can be written as. */
  public static boolean writes(CellDataIO.Format format) {
    return format == CellDataIO.Format.H5AD || format == CellDataIO.Format.TENX_H5 || format == CellDataIO.Format.MTX;
  }

  /** Writes {@code section} to {@code out}; returns the non-zeros written (-1 where they were not counted). */
  public static long write(TumourSection section, Path out, CellDataIO.Format format, boolean force,
      Parallel parallel) {
    String[] names = section.geneNames();
    switch (format) {
      case H5AD -> {
        writeSection(section, out, Map.of(), force, parallel);
        return -1;
      }
      case MTX -> {
        Frame truth = section.obs();
        DenseDoubleMatrix xy = section.spatial();
        int n = truth.nRows();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
          x[i] = xy.get(i, 0);
          y[i] = xy.get(i, 1);
        }
        truth.put("x_um", new DoubleColumn(x));
        truth.put("y_um", new DoubleColumn(y));
        String[][] features = new String[names.length][];
        for (int j = 0; j < names.length; j++) {
          features[j] = new String[] {names[j], names[j], "Gene Expression"};
        }
        return MtxWriter.write(out, truth.index(), features, truth,
            RowBlocks.of(names.length, section.nBlocks(), section::block), true, parallel, force);
      }
      case TENX_H5 -> {
        var data = section.toCellData(parallel);
        CellDataIO.write(data, out, format, force, parallel);
        return data.x().nnz();
      }
      default -> throw new UnsupportedFileException(out, null, "a simulation is written as h5ad, 10x-h5 or mtx, not "
          + format.cliName());
    }
  }

  /** A section as h5ad, X streamed, with {@code extraUns} beside the simulation's record. */
  private static void writeSection(TumourSection section, Path out, Map<String, Object> extraUns, boolean force,
      Parallel parallel) {
    String[] names = section.geneNames();
    Map<String, Object> uns = new LinkedHashMap<>();
    uns.put("simulation", section.unsRecord());
    uns.put("nerves", section.nerves());
    uns.put(Keys.UNS_SPATIAL_UNITS, TumourSection.UNITS.asUns());
    uns.putAll(extraUns);
    H5adWriter.writeStreamed(out, RowBlocks.of(names.length, section.nBlocks(), section::block), section.obs(),
        new Frame(names), Map.of(Keys.OBSM_SPATIAL, section.spatial()), uns, force, parallel);
  }

  /** The sample sheet's name in a cohort's folder. */
  public static final String SAMPLE_SHEET = "samples.csv";

  /**
   * Writes a cohort into the folder {@code out}: one h5ad per patient ({@code P01.h5ad}, ...) and
   * {@code samples.csv} (sample, patient, file, response, pfs_months, pfs_event, batch and the planted
   * injury burden), the sheet {@code myelin concat --samples} reads. The folder appears whole or not at all.
   */
  public static void writeCohort(Cohort cohort, Path out, boolean force, Parallel parallel) {
    AtomicOutput.write(out, force, tmp -> {
      java.nio.file.Files.createDirectories(tmp);
      StringBuilder sheet = new StringBuilder(
          "sample,patient,file,response,pfs_months,pfs_event,batch,injury_burden\n");
      for (int i = 0; i < cohort.patients().size(); i++) {
        Cohort.Patient p = cohort.patients().get(i);
        TumourSection section = cohort.section(i);
        String file = p.sample() + ".h5ad";
        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("sample", p.sample());
        truth.put("response", p.response());
        truth.put("batch", p.batch());
        truth.put("injury_burden", p.injuryBurden());
        truth.put("pfs_months", p.pfsMonths());
        truth.put("pfs_event", p.progressed());
        truth.put("cohort", cohort.options().asMap());
        writeSection(section, tmp.resolve(file), Map.of("patient", truth), false, parallel);
        sheet.append(String.format(java.util.Locale.ROOT, "%s,%s,%s,%s,%.1f,%d,%s,%.4f%n", p.sample(),
            "patient" + p.sample().substring(1), file, p.response(), p.pfsMonths(), p.progressed() ? 1 : 0, p.batch(),
            p.injuryBurden()));
      }
      java.nio.file.Files.writeString(tmp.resolve(SAMPLE_SHEET), sheet);
    });
  }

  /** Gene names from a list or a 10x features/genes file (the symbol is the second column). */
  public static List<String> readGeneNames(Path file) {
    List<String> out = new ArrayList<>();
    for (String line : TextFiles.readLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      out.add((f.length > 1 ? f[1] : f[0]).trim());
    }
    if (out.isEmpty()) {
      throw new MalformedFileException(file, null, "no gene names in this file");
    }
    return out;
  }
}
