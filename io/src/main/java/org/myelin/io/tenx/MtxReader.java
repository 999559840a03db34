package org.myelin.io.tenx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.Frame;
import org.myelin.io.CellNames;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.MalformedFileException;
import org.myelin.io.TextFiles;
import org.myelin.io.UnsupportedFileException;

/**
 * Reads Matrix Market files: 10x folders as scanpy's {@code read_10x_mtx} (v2 {@code genes.tsv},
 * v3 {@code features.tsv.gz} with feature types; genes by cells on disk, cells by genes in
 * memory), and a bare {@code .mtx} file as scanpy's {@code read_mtx} (rows are cells, names are
 * row numbers; transpose for genes by cells).
 */
public final class MtxReader {

  /** Smallest byte count of one entry line ("1 1 1\n"), to bound what a header may claim. */
  private static final int MIN_ENTRY_BYTES = 6;

  /** deflate cannot expand a stream by more than about 1032:1, which bounds a gzip file's content. */
  private static final long MAX_GZIP_RATIO = 1032;

  /**
   * @param geneIds index genes by their ids instead of their symbols
   * @param allFeatures keep every feature type of a v3 folder, not only Gene Expression
   * @param makeUnique rename duplicate barcodes instead of failing
   */
  public record Options(boolean geneIds, boolean allFeatures, boolean makeUnique) {
    public static final Options DEFAULT = new Options(false, false, false);
  }

  private MtxReader() {}

  /** Reads a 10x Matrix Market folder. */
  public static CellData readFolder(Path dir, Options options) {
    Path matrix = TextFiles.firstExisting(dir, "matrix.mtx.gz", "matrix.mtx");
    if (matrix == null) {
      throw new MalformedFileException(dir, null, "no matrix.mtx or matrix.mtx.gz in this folder");
    }
    Path barcodesFile = TextFiles.firstExisting(dir, "barcodes.tsv.gz", "barcodes.tsv");
    if (barcodesFile == null) {
      throw new MalformedFileException(dir, null, "missing barcodes file (barcodes.tsv or barcodes.tsv.gz)");
    }
    Path featuresFile = TextFiles.firstExisting(dir, "features.tsv.gz", "features.tsv", "genes.tsv.gz", "genes.tsv");
    if (featuresFile == null) {
      throw new MalformedFileException(dir, null, "missing features file (features.tsv.gz or genes.tsv)");
    }
    Triplets t = parse(matrix);
    List<String> barcodeLines = nonEmpty(TextFiles.readLines(barcodesFile));
    List<String> featureLines = nonEmpty(TextFiles.readLines(featuresFile));
    if (featureLines.size() != t.nRows) {
      throw new InconsistentDataException(featuresFile, null,
          "has " + featureLines.size() + " features but " + matrix.getFileName() + " has " + t.nRows + " rows");
    }
    if (barcodeLines.size() != t.nCols) {
      throw new InconsistentDataException(barcodesFile, null,
          "has " + barcodeLines.size() + " barcodes but " + matrix.getFileName() + " has " + t.nCols + " columns");
    }
    String[] barcodes = new String[barcodeLines.size()];
    for (int i = 0; i < barcodes.length; i++) {
      barcodes[i] = barcodeLines.get(i).split("\t", -1)[0];
    }
    barcodes = CellNames.checked(barcodes, options.makeUnique(), barcodesFile, null);
    int nFeatures = featureLines.size();
    String[] ids = new String[nFeatures];
    String[] names = new String[nFeatures];
    String[] types = null;
    for (int j = 0; j < nFeatures; j++) {
      String[] f = featureLines.get(j).split("\t", -1);
      ids[j] = f[0];
      names[j] = f.length > 1 ? f[1] : f[0];
      if (f.length > 2) {
        if (types == null) {
          types = new String[nFeatures];
        }
        types[j] = f[2];
      } else if (types != null) {
        throw new InconsistentDataException(featuresFile, "line " + (j + 1), "expected 3 tab-separated fields");
      }
    }
    CsrMatrix x = t.toCsr(true, matrix);
    Features features = new Features(ids, names, types, null);
    if (!options.allFeatures()) {
      int[] keep = features.geneExpressionColumns();
      // scanpy's gex_only: keep Gene Expression when the folder has other types too.
      if (keep != null && keep.length > 0 && keep.length < nFeatures) {
        x = x.selectColumns(keep);
        features = features.geneExpressionOnly();
      }
    }
    Frame var = features.varFrame(options.geneIds());
    return new CellData(x, new Frame(barcodes), var);
  }

  /** Reads a bare Matrix Market file as scanpy's {@code read_mtx}: rows are cells unless transposed. */
  public static CellData readFile(Path file, boolean transpose) {
    Triplets t = parse(file);
    CsrMatrix x = t.toCsr(transpose, file);
    return new CellData(x, new Frame(numbered(x.nRows())), new Frame(numbered(x.nCols())));
  }

  private static String[] numbered(int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = Integer.toString(i);
    }
    return out;
  }


  private static List<String> nonEmpty(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size());
    for (String l : lines) {
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    return out;
  }

  /** Coordinate entries as read, 0-based. */
  private static final class Triplets {
    int nRows;
    int nCols;
    long nnz;
    int[] rows = new int[0];
    int[] cols = new int[0];
    float[] values = new float[0];
    int count;

    void add(int r, int c, float v) {
      if (count == rows.length) {
        // Grow towards what the header claims, never beyond it: a false header cannot make us
        // allocate memory that the file's content does not back.
        int next = (int) Math.min(nnz, Math.max(1024L, rows.length * 2L));
        rows = java.util.Arrays.copyOf(rows, next);
        cols = java.util.Arrays.copyOf(cols, next);
        values = java.util.Arrays.copyOf(values, next);
      }
      rows[count] = r;
      cols[count] = c;
      values[count] = v;
      count++;
    }

    /** CSR with cells as rows: the file's columns when {@code cellsAreColumns}, else its rows. */
    CsrMatrix toCsr(boolean cellsAreColumns, Path file) {
      int outRows = cellsAreColumns ? nCols : nRows;
      int outCols = cellsAreColumns ? nRows : nCols;
      int[] major = cellsAreColumns ? cols : rows;
      int[] minor = cellsAreColumns ? rows : cols;
      long[] indptr = new long[outRows + 1];
      for (int k = 0; k < count; k++) {
        indptr[major[k] + 1]++;
      }
      for (int i = 0; i < outRows; i++) {
        indptr[i + 1] += indptr[i];
      }
      int[] fill = new int[outRows];
      int[] idx = new int[count];
      float[] val = new float[count];
      for (int k = 0; k < count; k++) {
        int r = major[k];
        int pos = (int) indptr[r] + fill[r]++;
        idx[pos] = minor[k];
        val[pos] = values[k];
      }
      rows = null;
      cols = null;
      values = null;
      sortRows(indptr, idx, val);
      return CsrMatrix.fromCsr(outCols, indptr, idx, val);
    }
  }

  /** Sorts each row's entries by column (files need not be sorted); insertion sort per row. */
  private static void sortRows(long[] indptr, int[] idx, float[] val) {
    for (int r = 0; r + 1 < indptr.length; r++) {
      int from = (int) indptr[r];
      int to = (int) indptr[r + 1];
      for (int i = from + 1; i < to; i++) {
        int c = idx[i];
        float v = val[i];
        int j = i - 1;
        while (j >= from && idx[j] > c) {
          idx[j + 1] = idx[j];
          val[j + 1] = val[j];
          j--;
        }
        idx[j + 1] = c;
        val[j + 1] = v;
      }
    }
  }

  private static Triplets parse(Path file) {
    Triplets t = new Triplets();
    try (InputStream in = TextFiles.open(file)) {
      LineScanner s = new LineScanner(in, file);
      String banner = s.readLine();
      if (banner == null || !banner.startsWith("%%MatrixMarket")) {
        throw new MalformedFileException(file, "line 1", "not a Matrix Market file (no %%MatrixMarket banner)");
      }
      String[] b = banner.trim().split("\\s+");
      if (b.length < 5 || !b[1].equalsIgnoreCase("matrix") || !b[2].equalsIgnoreCase("coordinate")) {
        throw new UnsupportedFileException(file, "line 1", "only 'matrix coordinate' Matrix Market files are read: " + banner);
      }
      String field = b[3].toLowerCase(java.util.Locale.ROOT);
      if (!field.equals("integer") && !field.equals("real")) {
        throw new UnsupportedFileException(file, "line 1", "unsupported field type '" + b[3] + "'");
      }
      s.integer = field.equals("integer");
      if (!b[4].equalsIgnoreCase("general")) {
        throw new UnsupportedFileException(file, "line 1", "unsupported symmetry '" + b[4] + "'");
      }
      String size;
      do {
        size = s.readLine();
      } while (size != null && (size.startsWith("%") || size.isBlank()));
      if (size == null) {
        throw new MalformedFileException(file, "line " + s.line, "missing the size line");
      }
      String[] dims = size.trim().split("\\s+");
      if (dims.length != 3) {
        throw new MalformedFileException(file, "line " + s.line, "expected 'rows columns entries' but found '" + size + "'");
      }
      long rows;
      long cols;
      try {
        rows = Long.parseLong(dims[0]);
        cols = Long.parseLong(dims[1]);
        t.nnz = Long.parseLong(dims[2]);
      } catch (NumberFormatException e) {
        throw new MalformedFileException(file, "line " + s.line, "expected three integers but found '" + size + "'");
      }
      if (rows < 0 || cols < 0 || t.nnz < 0 || rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
        throw new MalformedFileException(file, "line " + s.line, "invalid size " + size);
      }
      long fileBytes = Files.size(file);
      long maxEntries = (isGzip(file) ? fileBytes * MAX_GZIP_RATIO : fileBytes) / MIN_ENTRY_BYTES;
      if (t.nnz > maxEntries || t.nnz > Integer.MAX_VALUE - 8) {
        throw new InconsistentDataException(file, "line " + s.line,
            "the header claims " + t.nnz + " entries, more than a file of " + fileBytes + " bytes can hold");
      }
      t.nRows = (int) rows;
      t.nCols = (int) cols;
      s.readEntries(t);
      if (t.count != t.nnz) {
        throw new InconsistentDataException(file, null,
            "the header claims " + t.nnz + " entries but the file holds " + t.count);
      }
      return t;
    } catch (IOException e) {
      throw TextFiles.readFailure(file, e);
    }
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** A byte-level scanner: entry lines are parsed without creating strings. */
  private static final class LineScanner {
    private final InputStream in;
    private final Path file;
    long line;
    /** The header declares integer values: anything but whole numbers is refused, as scipy refuses it. */
    boolean integer;

    LineScanner(InputStream in, Path file) {
      this.in = in;
      this.file = file;
    }

    String readLine() throws IOException {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        if (c != '\r') {
          sb.append((char) c);
        }
      }
      if (c == -1 && sb.isEmpty()) {
        return null;
      }
      line++;
      return sb.toString();
    }

    void readEntries(Triplets t) throws IOException {
      byte[] buf = new byte[1 << 16];
      long[] fields = new long[2];
      double value = 0;
      int n;
      int field = 0;
      long acc = 0;
      boolean inToken = false;
      boolean plainDigits = true;
      StringBuilder token = new StringBuilder();
      boolean comment = false;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          byte c = buf[i];
          if (comment) {
            if (c == '\n') {
              comment = false;
              line++;
            }
            continue;
          }
          if (c == '%' && field == 0 && !inToken) {
            comment = true;
            continue;
          }
          if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (inToken) {
              value = endToken(fields, field, acc, plainDigits, token, value);
              field++;
              inToken = false;
              acc = 0;
              plainDigits = true;
              token.setLength(0);
            }
            if (c == '\n') {
              line++;
              if (field != 0) {
                finishLine(t, fields, field, value);
              }
              field = 0;
            }
            continue;
          }
          if (field > 2) {
            throw new MalformedFileException(file, "line " + (line + 1), "more than three fields in an entry line");
          }
          inToken = true;
          if (c >= '0' && c <= '9') {
            acc = acc * 10 + (c - '0');
          } else {
            plainDigits = false;
          }
          if (field == 2 || !plainDigits) {
            token.append((char) c);
          }
        }
      }
      if (inToken) {
        value = endToken(fields, field, acc, plainDigits, token, value);
        field++;
      }
      if (field != 0) {
        line++;
        finishLine(t, fields, field, value);
      }
    }

    /** Stores a finished row or column index, or returns the parsed value of the third field. */
    private double endToken(long[] fields, int field, long acc, boolean plainDigits, StringBuilder token, double value) {
      if (field < 2) {
        if (!plainDigits) {
          throw new InconsistentDataException(file, "line " + (line + 1),
              "row and column must be positive integers, found '" + token + "'");
        }
        fields[field] = acc;
        return value;
      }
      if (plainDigits) {
        return acc;
      }
      if (integer) {
        if (token.length() > 1 && token.charAt(0) == '-' && token.chars().skip(1).allMatch(Character::isDigit)) {
          return -Double.parseDouble(token.substring(1)); // an integer all the same: refused as a negative count
        }
        throw new MalformedFileException(file, "line " + (line + 1),
            "value '" + token + "' is not an integer, but the header declares integer values");
      }
      String s = token.toString().toLowerCase(java.util.Locale.ROOT);
      switch (s) {
        case "nan", "+nan", "-nan" -> {
          return Double.NaN;
        }
        case "inf", "+inf", "infinity", "+infinity" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-inf", "-infinity" -> {
          return Double.NEGATIVE_INFINITY;
        }
        default -> {
          try {
            return Double.parseDouble(s);
          } catch (NumberFormatException e) {
            throw new MalformedFileException(file, "line " + (line + 1), "cannot parse value '" + token + "'");
          }
        }
      }
    }

    private void finishLine(Triplets t, long[] fields, int field, double value) {
      if (field != 3) {
        throw new MalformedFileException(file, "line " + line, "expected 'row column value' but found " + field + " fields");
      }
      long r = fields[0];
      long c = fields[1];
      if (r < 1 || r > t.nRows || c < 1 || c > t.nCols) {
        throw new InconsistentDataException(file, "line " + line,
            "entry (" + r + ", " + c + ") is outside the " + t.nRows + " x " + t.nCols + " matrix of the header");
      }
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new InconsistentDataException(file, "line " + line, "count " + value + " is not a finite non-negative number");
      }
      if (t.count >= t.nnz) {
        throw new InconsistentDataException(file, "line " + line,
            "more entries than the " + t.nnz + " the header claims");
      }
      t.add((int) r - 1, (int) c - 1, (float) value);
    }
  }
}
