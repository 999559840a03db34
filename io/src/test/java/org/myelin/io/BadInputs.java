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
    cases.put("truncated HDF5", new Case(truncated, "truncated: its HDF5 superblock says the file ends at byte",
        MalformedFileException.class));
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
    hdf5Damage(dir, cases);
    mtxKinds(dir, cases);
    textKinds(dir, cases);
    visiumKinds(dir, cases);
    return cases;
  }

  /** A small h5ad with every slot: X, obs and var columns, obsm, a layer, a graph, nested uns. */
  static Path fullH5ad(Path file) {
    org.myelin.core.matrix.CsrMatrix x = org.myelin.core.matrix.CsrMatrix.fromCsr(3, new long[] {0, 2, 3, 5, 6},
        new int[] {0, 2, 1, 0, 1, 2}, new double[] {1, 2, 3, 4, 5, 6});
    org.myelin.core.table.Frame obs = new org.myelin.core.table.Frame(new String[] {"c0", "c1", "c2", "c3"});
    obs.put("cell_type", new org.myelin.core.table.CategoricalColumn(new int[] {0, 1, 0, 1}, new String[] {"a", "b"},
        false));
    obs.put("score", new org.myelin.core.table.DoubleColumn(new double[] {0.1, 0.2, 0.3, 0.4}));
    org.myelin.core.table.Frame var = new org.myelin.core.table.Frame(new String[] {"G0", "G1", "G2"});
    var.put("mean", new org.myelin.core.table.DoubleColumn(new double[] {1, 2, 3}));
    org.myelin.core.data.CellData d = new org.myelin.core.data.CellData(x, obs, var);
    d.putObsm("X_pca", new org.myelin.core.matrix.DenseDoubleMatrix(4, 2, new double[] {1, 2, 3, 4, 5, 6, 7, 8}));
    d.putLayer("counts", x);
    d.putObsp("connectivities", org.myelin.core.matrix.CsrMatrix.fromCsr(4, new long[] {0, 1, 2, 3, 4},
        new int[] {1, 0, 3, 2}, new double[] {1, 1, 1, 1}));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("text", "hello");
    nested.put("values", new double[] {1, 2, 3});
    d.uns().put("params", nested);
    d.uns().put("number", 3.5);
    org.myelin.io.h5ad.H5adWriter.write(d, file, true);
    return file;
  }

  /**
   * Damage inside the object header of one member, wherever it sits in the tree (zeroed, or the
   * file cut there), the file one byte short, and a superblock claiming a terabyte.
   */
  private static void hdf5Damage(Path dir, Map<String, Case> cases) throws IOException {
    Path full = fullH5ad(dir.resolve("full.h5ad"));
    byte[] bytes = Files.readAllBytes(full);
    String[][] members = {{"/uns/params/text", "/uns/params"}, {"/uns/number", "/uns"}, {"/obsm/X_pca", "/obsm"},
        {"/obs/score", "/obs"}, {"/var/mean", "/var"}, {"/layers/counts", "/layers"},
        {"/obsp/connectivities", "/obsp"}, {"/X/indptr", "/X"}, {"/obs/cell_type/categories", "/obs/cell_type"}};
    for (String[] m : members) {
      long at;
      try (HdfFile h = new HdfFile(full)) {
        at = h.getByPath(m[0]).getAddress();
      }
      byte[] zeroed = bytes.clone();
      java.util.Arrays.fill(zeroed, (int) at, (int) at + 64, (byte) 0);
      Path z = dir.resolve("zeroed" + m[0].replace('/', '_') + ".h5ad");
      Files.write(z, zeroed);
      cases.put("zeroed header of " + m[0], new Case(z, ": " + m[1] + ": ", MalformedFileException.class));
    }
    // A byte of X's compressed values changed: the chunk no longer inflates to its values.
    byte[] stream;
    try (HdfFile h = new HdfFile(full)) {
      java.nio.ByteBuffer raw = ((io.jhdf.api.dataset.ChunkedDataset) h.getDatasetByPath("/X/data"))
          .getRawChunkBuffer(new int[] {0});
      stream = new byte[raw.remaining()];
      raw.get(stream);
    }
    int chunkAt = indexOf(bytes, stream);
    byte[] flipped = bytes.clone();
    flipped[chunkAt + stream.length / 2] ^= 0x5A;
    Path corrupt = dir.resolve("corrupt-chunk.h5ad");
    Files.write(corrupt, flipped);
    cases.put("corrupt compressed chunk", new Case(corrupt, ": /X/data: corrupt deflate chunk", MalformedFileException.class));
    Path short1 = dir.resolve("one-byte-short.h5ad");
    Files.write(short1, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    cases.put("one byte short", new Case(short1, "says the file ends at byte " + bytes.length + " but it has "
        + (bytes.length - 1) + " bytes", MalformedFileException.class));
    byte[] huge = bytes.clone();
    java.nio.ByteBuffer.wrap(huge).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(huge[8] == 0 ? 40 : 44, 1L << 40);
    Path tib = dir.resolve("terabyte.h5ad");
    Files.write(tib, huge);
    cases.put("superblock claims a terabyte", new Case(tib, "says the file ends at byte 1099511627776",
        MalformedFileException.class));
    Path noX = dir.resolve("no-x.h5ad");
    try (io.jhdf.WritableHdfFile f = HdfFile.write(noX)) {
      f.putAttribute("encoding-type", "anndata");
      frame(f, "obs", 2, "cell");
    }
    cases.put("h5ad without X", new Case(noX, "neither h5ad (no /X) nor a 10x matrix", UnsupportedFileException.class));
    Path tenx = tenxNegative(dir.resolve("tenx-damaged.h5"));
    byte[] t = Files.readAllBytes(tenx);
    long at;
    try (HdfFile h = new HdfFile(tenx)) {
      at = h.getByPath("/matrix/barcodes").getAddress();
    }
    java.util.Arrays.fill(t, (int) at, (int) at + 64, (byte) 0);
    Files.write(tenx, t);
    cases.put("zeroed header in a 10x HDF5", new Case(tenx, ": /matrix: ", MalformedFileException.class));
    Path tenxShort = tenxNegative(dir.resolve("tenx-short.h5"));
    byte[] ts = Files.readAllBytes(tenxShort);
    Files.write(tenxShort, java.util.Arrays.copyOf(ts, ts.length - 1));
    cases.put("10x HDF5 one byte short", new Case(tenxShort, "says the file ends at byte", MalformedFileException.class));
  }

  /** Where {@code part} first occurs in {@code whole}. */
  private static int indexOf(byte[] whole, byte[] part) {
    for (int i = 0; i + part.length <= whole.length; i++) {
      if (java.util.Arrays.equals(whole, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new IllegalStateException("the chunk's bytes are not in the file");
  }

  private static void mtxKinds(Path dir, Map<String, Case> cases) throws IOException {
    String head = "%%MatrixMarket matrix coordinate integer general\n";
    Object[][] kinds = {
        {"fraction in an integer MTX", head + "3 2 2\n1 1 1\n2 2 2.5\n", "value '2.5' is not an integer"},
        {"unparseable MTX value", "%%MatrixMarket matrix coordinate real general\n3 2 1\n1 1 north\n",
            "cannot parse value 'north'"},
        {"MTX entry with two fields", head + "3 2 1\n1 1\n", "expected 'row column value' but found 2 fields"},
        {"MTX entry with four fields", head + "3 2 1\n1 1 1 1\n", "more than three fields"},
        {"MTX without its banner", "3 2 1\n1 1 1\n", "no %%MatrixMarket banner"},
        {"symmetric MTX", "%%MatrixMarket matrix coordinate integer symmetric\n3 2 1\n1 1 1\n",
            "unsupported symmetry 'symmetric'"},
        {"complex MTX", "%%MatrixMarket matrix coordinate complex general\n3 2 1\n1 1 1 0\n",
            "unsupported field type 'complex'"},
        {"dense MTX", "%%MatrixMarket matrix array integer general\n3 2\n1\n", "only 'matrix coordinate'"},
        {"MTX without a size line", head, "missing the size line"},
        {"MTX size line of words", head + "three two one\n", "expected three integers but found"},
        {"MTX size line of two numbers", head + "3 2\n", "expected 'rows columns entries'"},
        {"MTX row index of zero", head + "3 2 1\n0 1 1\n", "entry (0, 1) is outside"},
        {"MTX row index not a number", head + "3 2 1\nx 1 1\n", "row and column must be positive integers"},
        {"MTX bytes of a binary file", head + "3 2 1\n1 1 \u00ff\u00fe\n", "\\xff\\xfe"}};
    int k = 0;
    for (Object[] c : kinds) {
      Path m = mtx(dir.resolve("mtx-kind-" + k++), (String) c[1], 3, 2);
      if (((String) c[1]).contains("\u00ff")) {
        // Raw bytes 0xff 0xfe, as a binary file would hold them, not their UTF-8 spelling.
        Files.write(m.resolve("matrix.mtx"), ((String) c[1]).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      cases.put((String) c[0], new Case(m, (String) c[2], MyelinFileException.class));
    }
    Path fewGenes = mtx(dir.resolve("few-genes"), head + "3 2 1\n1 1 1\n", 2, 2);
    cases.put("features file shorter than the matrix", new Case(fewGenes, "genes", MyelinFileException.class));
    Path fewCells = mtx(dir.resolve("few-cells"), head + "3 2 1\n1 1 1\n", 3, 1);
    cases.put("barcodes file shorter than the matrix", new Case(fewCells, "barcodes", MyelinFileException.class));
    Path extra = mtx(dir.resolve("extra-entries"), head + "3 2 1\n1 1 1\n2 2 2\n", 3, 2);
    cases.put("MTX with more entries than its header claims", new Case(extra, "more entries than the 1 the header claims",
        MyelinFileException.class));
  }

  private static void textKinds(Path dir, Map<String, Case> cases) throws IOException {
    Object[][] kinds = {
        {"ragged CSV row", "cell,G1,G2\nc1,1,2\nc2,3\n", "line 3: has 2 fields but the header has 3"},
        {"word in a CSV matrix", "cell,G1,G2\nc1,1,2\nc2,3,many\n", "many"},
        {"empty CSV", "", "empty"},
        {"CSV with a header only", "cell,G1,G2\n", "the matrix is empty"},
        {"NaN in a CSV matrix", "cell,G1\nc1,nan\n", "line 2, column 2: not a number: 'nan'"},
        {"infinite value in a CSV matrix", "cell,G1\nc1,1e999\n", "value is not finite: 1e999"},
        {"CSV of another separator", "cell;G1\nc1;1\n", "expected a header with column names"},
        {"duplicate cell names in a CSV matrix", "cell,G1,G2\nc1,1,2\nc1,3,4\n", "c1"}};
    int k = 0;
    for (Object[] c : kinds) {
      Path f = dir.resolve("text-kind-" + k++ + ".csv");
      Files.writeString(f, (String) c[1]);
      cases.put((String) c[0], new Case(f, (String) c[2], MyelinFileException.class));
    }
  }

  private static void visiumKinds(Path dir, Map<String, Case> cases) throws IOException {
    Object[][] kinds = {
        {"scale factors that are not JSON", "{\"tissue_hires_scalef\": 0.17,, }", "not valid JSON at line 1"},
        {"a scale factor that is a word", "{\"tissue_hires_scalef\": \"north\"}",
            "'tissue_hires_scalef' should be a number, not string \"north\""},
        {"scale factors that are a list", "[0.17, 0.05]", "not a JSON object"}};
    int k = 0;
    for (Object[] c : kinds) {
      Path v = visium(dir.resolve("visium-kind-" + k++));
      Files.writeString(v.resolve("spatial/scalefactors_json.json"), (String) c[1]);
      cases.put((String) c[0], new Case(v, (String) c[2], MalformedFileException.class));
    }
    Path positions = visium(dir.resolve("visium-positions"));
    Files.writeString(positions.resolve("spatial/tissue_positions_list.csv"), "CELL0-1,1,0,0\nCELL1-1,1,0,2,10,20\n");
    cases.put("Visium positions with missing fields", new Case(positions, "tissue_positions", MyelinFileException.class));
    Path word = visium(dir.resolve("visium-word"));
    Files.writeString(word.resolve("spatial/tissue_positions_list.csv"), "CELL0-1,1,0,0,x,5\nCELL1-1,1,0,2,10,20\n");
    cases.put("Visium positions with a word for a pixel", new Case(word, "tissue_positions", MyelinFileException.class));
    Path noPositions = visium(dir.resolve("visium-no-positions"));
    Files.delete(noPositions.resolve("spatial/tissue_positions_list.csv"));
    cases.put("Visium folder without positions", new Case(noPositions, "neither a 10x matrix folder",
        MyelinFileException.class));
  }

  /** A Space Ranger 1.x folder of two spots: an MTX matrix, positions and scale factors. */
  private static Path visium(Path dir) throws IOException {
    mtx(dir.resolve("filtered_feature_bc_matrix"), "%%MatrixMarket matrix coordinate integer general\n3 2 2\n1 1 1\n"
        + "2 2 4\n", 3, 2);
    Path spatial = dir.resolve("spatial");
    Files.createDirectories(spatial);
    Files.writeString(spatial.resolve("tissue_positions_list.csv"), "CELL0-1,1,0,0,5,5\nCELL1-1,1,0,2,10,20\n");
    Files.writeString(spatial.resolve("scalefactors_json.json"), "{\"tissue_hires_scalef\": 0.17, "
        + "\"spot_diameter_fullres\": 89.4}");
    return dir;
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
    return tenx(file, new int[] {3, -2});
  }

  /** A valid 10x HDF5 matrix of two cells and two genes. */
  static Path tenxValid(Path file) {
    return tenx(file, new int[] {3, 2});
  }

  private static Path tenx(Path file, int[] data) {
    try (WritableHdfFile f = HdfFile.write(file)) {
      WritableGroup m = f.putGroup("matrix");
      m.putDataset("barcodes", new String[] {"A-1", "B-1"});
      m.putDataset("data", data);
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
