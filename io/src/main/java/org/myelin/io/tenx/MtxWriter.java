package org.myelin.io.tenx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Column;
import org.myelin.core.table.Frame;
import org.myelin.io.AtomicOutput;
import org.myelin.io.Counts;
import org.myelin.io.RowBlocks;
import org.myelin.io.table.TableWriter;

/**
 * Writes a 10x v3 Matrix Market folder ({@code matrix.mtx.gz} genes by cells, sorted by cell;
 * {@code features.tsv.gz}; {@code barcodes.tsv.gz}) from row blocks, which may be made on demand
 * so that a matrix larger than memory (a million simulated cells) never exists whole. Integer
 * values are written as "integer", anything else as "real" with the shortest exact text. Blocks are made and gzip-compressed in
 * parallel, each into its own gzip member, and the members are appended in block order: a file of
 * concatenated gzip members is one valid gzip stream for zcat, Python's gzip, R and myelin. The
 * header, which needs the total count of entries, is a member written last in front of the rest.
 */
public final class MtxWriter {

  /** Blocks in flight per worker thread: bounds memory at a few blocks per thread. */
  private static final int BLOCKS_PER_THREAD = 2;

  private MtxWriter() {}

  /** Writes CellData's X, with var's gene_ids and feature_types when present. */
  public static void write(CellData data, Path dir, boolean overwrite, Parallel parallel) {
    String[] names = data.var().index();
    Column ids = data.var().get(Keys.VAR_GENE_IDS);
    Column types = data.var().get(Keys.VAR_FEATURE_TYPES);
    String[][] features = new String[names.length][];
    for (int j = 0; j < names.length; j++) {
      features[j] = new String[] {ids == null ? names[j] : ids.format(j), names[j],
          types == null ? TenxH5Reader.GENE_EXPRESSION : types.format(j)};
    }
    write(dir, data.obs().index(), features, null, RowBlocks.of(data.x()), Counts.isIntegral(data.x()), parallel,
        overwrite);
  }

  /**
   * @param features gene ids, names and types, as in features.tsv
   * @param cells a table written beside the matrix as {@code cells.tsv.gz} (the truth of a
   *     simulation, with coordinates), or null
   * @param blocks the rows, made on worker threads
   * @param integral every value is a whole number (counts), written as integers
   * @return the number of stored entries written
   */
  public static long write(Path dir, String[] barcodes, String[][] features, Frame cells, RowBlocks blocks,
      boolean integral, Parallel parallel, boolean overwrite) {
    int nGenes = blocks.nCols();
    int nBlocks = blocks.nBlocks();
    long[] nnz = {0};
    AtomicOutput.write(dir, overwrite, tmp -> {
      Files.createDirectories(tmp);
      Path body = tmp.resolve(".matrix-body.gz");
      int[] rowOffset = {0};
      try (OutputStream out = Files.newOutputStream(body, StandardOpenOption.CREATE_NEW)) {
        int wave = Math.max(1, parallel.threads() * BLOCKS_PER_THREAD);
        for (int first = 0; first < nBlocks; first += wave) {
          int count = Math.min(wave, nBlocks - first);
          byte[][] members = new byte[count][];
          int[] rows = new int[count];
          long[] entries = new long[count];
          final int base = first;
          final int offset = rowOffset[0];
          int[] starts = new int[count];
          // Row offsets of the wave's blocks are known only after they are made; format in a second pass.
          CsrBlock[] made = new CsrBlock[count];
          parallel.forEach(count, k -> made[k] = blocks.block(base + k));
          int start = offset;
          for (int k = 0; k < count; k++) {
            starts[k] = start;
            rows[k] = made[k].nRows();
            entries[k] = made[k].nnz();
            start += rows[k];
          }
          parallel.forEach(count, k -> {
            members[k] = gzipBlock(made[k], starts[k], integral);
            made[k] = null;
          });
          for (int k = 0; k < count; k++) {
            out.write(members[k]);
            nnz[0] += entries[k];
          }
          rowOffset[0] = start;
        }
      }
      if (rowOffset[0] != barcodes.length) {
        throw new IllegalStateException("blocks held " + rowOffset[0] + " rows for " + barcodes.length + " barcodes");
      }
      Path matrix = tmp.resolve("matrix.mtx.gz");
      try (OutputStream out = Files.newOutputStream(matrix, StandardOpenOption.CREATE_NEW)) {
        String header = "%%MatrixMarket matrix coordinate " + (integral ? "integer" : "real") + " general\n"
            + "%metadata_json: {\"software_version\": \"myelin\", \"format_version\": 2}\n"
            + nGenes + " " + barcodes.length + " " + nnz[0] + "\n";
        out.write(gzip(header.getBytes(StandardCharsets.US_ASCII)));
        Files.copy(body, out);
      }
      Files.delete(body);
      writeLines(tmp.resolve("barcodes.tsv.gz"), barcodes);
      String[] lines = new String[features.length];
      for (int j = 0; j < features.length; j++) {
        lines[j] = String.join("\t", features[j]);
      }
      writeLines(tmp.resolve("features.tsv.gz"), lines);
      if (cells != null) {
        TableWriter.writeTo(cells, "cell_id", tmp.resolve("cells.tsv.gz"));
      }
    });
    return nnz[0];
  }

  /** One block as "gene cell value" lines (1-based, genes by cells), compressed as one gzip member. */
  private static byte[] gzipBlock(CsrBlock block, int firstRow, boolean integral) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(block.nnz() * 5 + 64);
    try (OutputStream gz = new FastGzip(bytes)) {
      byte[] line = new byte[64];
      for (int r = 0; r < block.nRows(); r++) {
        int cell = firstRow + r + 1;
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          int n = appendInt(line, 0, block.index(k) + 1);
          line[n++] = ' ';
          n = appendInt(line, n, cell);
          line[n++] = ' ';
          if (integral) {
            n = appendInt(line, n, (int) block.value(k));
          } else {
            double v = block.value(k);
            byte[] text = (block.isDouble() ? Double.toString(v) : Float.toString((float) v))
                .getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, line, n, text.length);
            n += text.length;
          }
          line[n++] = '\n';
          gz.write(line, 0, n);
        }
      }
    }
    return bytes.toByteArray();
  }

  private static int appendInt(byte[] buf, int pos, int v) {
    if (v == 0) {
      buf[pos] = '0';
      return pos + 1;
    }
    int start = pos;
    while (v > 0) {
      buf[pos++] = (byte) ('0' + v % 10);
      v /= 10;
    }
    for (int i = start, j = pos - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
    return pos;
  }

  /** gzip at zlib level 1: text of counts compresses nearly as well, several times faster. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }

  private static void writeLines(Path file, String[] lines) throws IOException {
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (String l : lines) {
        gz.write(l.getBytes(StandardCharsets.UTF_8));
        gz.write('\n');
      }
    }
  }
}
