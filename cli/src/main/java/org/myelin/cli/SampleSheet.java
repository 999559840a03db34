package org.myelin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.io.Concat;
import org.myelin.io.table.DelimitedTable;

/**
 * A sample sheet (CSV or TSV): a {@code sample} and a {@code file} column, the other columns the
 * samples' annotations (response, survival, batch, ...). Files are as written, for the caller to
 * resolve against the sheet's folder, wherever that lies.
 *
 * @param samples sample names in the sheet's order
 * @param files each sample's file as written in the sheet
 * @param columns every other column by name, one value per sample
 */
public record SampleSheet(Path file, List<String> samples, List<String> files, Map<String, String[]> columns) {

  /**
   * Reads and checks a sheet: both columns present, every row named once, two samples or more.
   *
   * @throws IllegalArgumentException naming the sheet and the problem
   */
  public static SampleSheet read(Path sheet) {
    if (!Files.isRegularFile(sheet)) {
      throw new IllegalArgumentException(sheet + ": no such sample sheet");
    }
    DelimitedTable t = DelimitedTable.read(sheet);
    List<String> header = Arrays.asList(t.header());
    for (String required : new String[] {"sample", "file"}) {
      if (!header.contains(required)) {
        throw new IllegalArgumentException(sheet + ": no column '" + required + "' (columns: "
            + String.join(", ", header) + "); a sample sheet names each sample and its file");
      }
    }
    int sampleAt = header.indexOf("sample");
    int fileAt = header.indexOf("file");
    int n = t.rows().size();
    List<String> samples = new ArrayList<>();
    List<String> files = new ArrayList<>();
    Map<String, String[]> columns = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      if (c != sampleAt && c != fileAt) {
        columns.put(header.get(c), new String[n]);
      }
    }
    for (int r = 0; r < n; r++) {
      String[] row = t.rows().get(r);
      String sample = row[sampleAt].strip();
      if (sample.isEmpty()) {
        throw new IllegalArgumentException(sheet + ": a row has no sample name");
      }
      if (samples.contains(sample)) {
        throw new IllegalArgumentException(sheet + ": sample '" + sample + "' is named twice (rows "
            + (samples.indexOf(sample) + 1) + " and " + (r + 1) + ")");
      }
      samples.add(sample);
      files.add(row[fileAt].strip());
      for (int c = 0; c < header.size(); c++) {
        if (c != sampleAt && c != fileAt) {
          columns.get(header.get(c))[r] = row[c].strip();
        }
      }
    }
    if (n < 2) {
      throw new IllegalArgumentException(sheet + ": " + n + " sample(s); a sample sheet needs two or more");
    }
    return new SampleSheet(sheet, List.copyOf(samples), List.copyOf(files), columns);
  }

  /** The samples with their files resolved against the sheet's folder; a missing file is refused. */
  public List<Concat.Input> localInputs() {
    Path base = file.toAbsolutePath().getParent();
    List<Concat.Input> out = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      Path f = base.resolve(files.get(i));
      if (!Files.exists(f)) {
        throw new IllegalArgumentException(file + ": sample '" + samples.get(i) + "': file " + f + " does not exist");
      }
      Map<String, String> annotations = new LinkedHashMap<>();
      for (var c : columns.entrySet()) {
        annotations.put(c.getKey(), c.getValue()[i]);
      }
      out.add(new Concat.Input(samples.get(i), f, annotations));
    }
    return out;
  }
}
