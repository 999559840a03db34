package org.myelin.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds one broken input of each kind the issue lists, with the words its error must contain.
 * Used by the io tests (exception type and message) and the CLI tests (exit code 2, one line,
 * nothing written).
 */
public final class BadInputs {

  /** A broken input and a fragment its error message must contain. */
  public record Case(Path input, String expected, Class<? extends MyelinFileException> type) {}

  private BadInputs() {}

  public static Map<String, Case> create(Path dir) throws IOException {
    Map<String, Case> cases = new LinkedHashMap<>();
    Path good = SharedData.data("squidpy/test_data.h5ad");
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = dir.resolve("truncated.h5ad");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    cases.put("truncated HDF5", new Case(truncated, "truncated or corrupt", MalformedFileException.class));
    Path corrupt = dir.resolve("corrupt.h5ad");
    Files.writeString(corrupt, "this is not an HDF5 file\n");
    cases.put("corrupt HDF5", new Case(corrupt, "not a readable HDF5 file", MalformedFileException.class));

    cases.put("X shape disagrees with obs", new Case(
        h5ad(dir.resolve("shape.h5ad"), new long[] {3, 2}, new int[] {0, 1, 2, 3}, new int[] {0, 1, 0}, 4),
        "/obs: has 4 rows but X has 3", InconsistentDataException.class));
    cases.put("CSR offsets inconsistent", new Case(
        h5ad(dir.resolve("indptr.h5ad"), new long[] {3, 2}, new int[] {0, 2, 1, 3}, new int[] {0, 1, 0}, 3),
        "offsets decrease at position 1", InconsistentDataException.class));
    cases.put("CSR offsets past the data", new Case(
        h5ad(dir.resolve("indptr-end.h5ad"), new long[] {3, 2}, new int[] {0, 1, 2, 5}, new int[] {0, 1, 0}, 3),
        "must run from 0 to 3", InconsistentDataException.class));
    cases.put("CSR index out of range", new Case(
        h5ad(dir.resolve("indices.h5ad"), new long[] {3, 2}, new int[] {0, 1, 2, 3}, new int[] {0, 7, 0}, 3),
        "index 7 at entry 1 is outside [0, 2)", InconsistentDataException.class));

    cases.put("MTX header disagrees with its lines", new Case(
        mtx(dir.resolve("short"), "%%MatrixMarket matrix coordinate integer general\n3 2 5\n1 1 1\n2 1 4\n3 2 2\n", 3, 2),
        "claims 5 entries but the file holds 3", InconsistentDataException.class));
    cases.put("MTX entry outside its shape", new Case(
        mtx(dir.resolve("outside"), "%%MatrixMarket matrix coordinate integer general\n3 2 2\n1 1 1\n4 1 4\n", 3, 2),
        "line 4: entry (4, 1) is outside the 3 x 2 matrix", InconsistentDataException.class));
    cases.put("NaN count", new Case(
        mtx(dir.resolve("nan"), "%%MatrixMarket matrix coordinate real general\n3 2 2\n1 1 1.5\n2 2 nan\n", 3, 2),
        "count NaN is not a finite non-negative number", InconsistentDataException.class));
    cases.put("infinite count", new Case(
        mtx(dir.resolve("inf"), "%%MatrixMarket matrix coordinate real general\n3 2 1\n1 1 inf\n", 3, 2),
        "count Infinity is not a finite non-negative number", InconsistentDataException.class));
    cases.put("negative count", new Case(
        mtx(dir.resolve("negative"), "%%MatrixMarket matrix coordinate integer general\n3 2 2\n1 1 1\n2 2 -3\n", 3, 2),
        "count -3.0 is not a finite non-negative number", InconsistentDataException.class));
    cases.put("negative count in 10x HDF5", new Case(tenxNegative(dir.resolve("negative.h5")),
        "count -2.0 at cell 1, gene 0 is not a finite non-negative number", InconsistentDataException.class));
    cases.put("empty matrix", new Case(
        mtx(dir.resolve("empty"), "%%MatrixMarket matrix coordinate integer general\n0 0 0\n", 0, 0),
        "the matrix is empty (0 cells x 0 genes)", InconsistentDataException.class));
    cases.put("header claims more entries than the file holds", new Case(
        mtx(dir.resolve("huge"), "%%MatrixMarket matrix coordinate integer general\n3 2 99999999999\n1 1 1\n", 3, 2),
        "the header claims 99999999999 entries, more than a file of", InconsistentDataException.class));

    Path gz = mtx(dir.resolve("truncated-gz"), bigMtx(), 50, 40);
    Path mtxGz = gz.resolve("matrix.mtx.gz");
    gzip(gz.resolve("matrix.mtx"), mtxGz);
    Files.delete(gz.resolve("matrix.mtx"));
    byte[] z = Files.readAllBytes(mtxGz);
    Files.write(mtxGz, java.util.Arrays.copyOf(z, z.length / 2));
    cases.put("truncated gzip", new Case(gz, "truncated or corrupt gzip stream", MalformedFileException.class));

    Path noBarcodes = mtx(dir.resolve("no-barcodes"), "%%MatrixMarket matrix coordinate integer general\n3 2 1\n1 1 1\n", 3, 2);
    Files.delete(noBarcodes.resolve("barcodes.tsv"));
    cases.put("missing barcodes file", new Case(noBarcodes, "missing barcodes file", MalformedFileException.class));
    Path noFeatures = mtx(dir.resolve("no-features"), "%%MatrixMarket matrix coordinate integer general\n3 2 1\n1 1 1\n", 3, 2);
    Files.delete(noFeatures.resolve("genes.tsv"));
    cases.put("missing features file", new Case(noFeatures, "missing features file", MalformedFileException.class));
    Path dupBarcodes = mtx(dir.resolve("dup-barcodes"), "%%MatrixMarket matrix coordinate integer general\n3 2 1\n1 1 1\n", 3, 2);
    Files.writeString(dupBarcodes.resolve("barcodes.tsv"), "AAAC-1\nAAAC-1\n");
    cases.put("duplicate barcodes", new Case(dupBarcodes, "duplicate barcode 'AAAC-1'", InconsistentDataException.class));
    return cases;
  }

  /** A minimal anndata 0.8 file with the given CSR arrays and {@code nObsNames} obs names. */
  static Path h5ad(Path file, long[] shape, int[] indptr, int[] indices, int nObsNames) {
    try (WritableHdfFile f = HdfFile.write(file)) {
      f.putAttribute("encoding-type", "anndata");
      f.putAttribute("encoding-version", "0.1.0");
      WritableGroup x = f.putGroup("X");
      x.putAttribute("encoding-type", "csr_matrix");
      x.putAttribute("encoding-version", "0.1.0");
      x.putAttribute("shape", shape);
      float[] data = new float[indices.length];
      java.util.Arrays.fill(data, 1f);
      x.putDataset("data", data);
      x.putDataset("indices", indices);
      x.putDataset("indptr", indptr);
      frame(f, "obs", nObsNames, "cell");
      frame(f, "var", (int) shape[1], "gene");
    }
    return file;
  }

  /** A 3 x 2 h5ad whose X is stored as CSC: [[1,0],[0,2],[3,0]]. */
  static Path h5adCsc(Path file) {
    try (WritableHdfFile f = HdfFile.write(file)) {
      f.putAttribute("encoding-type", "anndata");
      f.putAttribute("encoding-version", "0.1.0");
      WritableGroup x = f.putGroup("X");
      x.putAttribute("encoding-type", "csc_matrix");
      x.putAttribute("encoding-version", "0.1.0");
      x.putAttribute("shape", new long[] {3, 2});
      x.putDataset("data", new double[] {1, 3, 2});
      x.putDataset("indices", new int[] {0, 2, 1});
      x.putDataset("indptr", new long[] {0, 2, 3});
      frame(f, "obs", 3, "cell");
      frame(f, "var", 2, "gene");
    }
    return file;
  }

  private static void frame(WritableGroup parent, String name, int n, String prefix) {
    WritableGroup g = parent.putGroup(name);
    g.putAttribute("encoding-type", "dataframe");
    g.putAttribute("encoding-version", "0.2.0");
    g.putAttribute("_index", "_index");
    g.putAttribute("column-order", "");
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = prefix + i;
    }
    g.putDataset("_index", names);
  }

  /** A 10x MTX v2 folder with the given matrix text, genes.tsv and barcodes.tsv. */
  static Path mtx(Path dir, String matrix, int genes, int cells) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("matrix.mtx"), matrix);
    StringBuilder g = new StringBuilder();
    for (int j = 0; j < genes; j++) {
      g.append("ENSG").append(j).append("\tGENE").append(j).append('\n');
    }
    Files.writeString(dir.resolve("genes.tsv"), g);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells; i++) {
      b.append("CELL").append(i).append("-1\n");
    }
    Files.writeString(dir.resolve("barcodes.tsv"), b);
    return dir;
  }

  private static String bigMtx() {
    StringBuilder sb = new StringBuilder("%%MatrixMarket matrix coordinate integer general\n50 40 2000\n");
    for (int c = 1; c <= 40; c++) {
      for (int r = 1; r <= 50; r++) {
        sb.append(r).append(' ').append(c).append(' ').append((r * c) % 17 + 1).append('\n');
      }
    }
    return sb.toString();
  }

  private static void gzip(Path in, Path out) throws IOException {
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
      o.write(Files.readAllBytes(in));
    }
  }

  private static Path tenxNegative(Path file) {
    try (WritableHdfFile f = HdfFile.write(file)) {
      WritableGroup m = f.putGroup("matrix");
      m.putDataset("barcodes", new String[] {"A-1", "B-1"});
      m.putDataset("data", new int[] {3, -2});
      m.putDataset("indices", new long[] {1, 0});
      m.putDataset("indptr", new long[] {0, 1, 2});
      m.putDataset("shape", new int[] {2, 2});
      WritableGroup feat = m.putGroup("features");
      feat.putDataset("id", new String[] {"E1", "E2"});
      feat.putDataset("name", new String[] {"G1", "G2"});
      feat.putDataset("feature_type", new String[] {"Gene Expression", "Gene Expression"});
      feat.putDataset("genome", new String[] {"GRCh38", "GRCh38"});
    }
    return file;
  }

}
