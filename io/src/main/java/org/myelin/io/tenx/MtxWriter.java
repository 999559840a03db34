package org.myelin.io.tenx;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.Column;
import org.myelin.io.AtomicOutput;
import org.myelin.io.Counts;
import org.myelin.io.TextFiles;

/**
 * Writes a Cell Ranger v3 Matrix Market folder: {@code matrix.mtx.gz} (genes by cells, sorted by
 * cell), {@code features.tsv.gz} (id, name, type) and {@code barcodes.tsv.gz}. Integer values are
 * written as "integer", anything else as "real" with the shortest exact float text.
 */
public final class MtxWriter {

  private MtxWriter() {}

  public static void write(CellData data, Path dir, boolean overwrite) {
    AtomicOutput.write(dir, overwrite, tmp -> {
      Files.createDirectories(tmp);
      writeMatrix(data.x(), tmp.resolve("matrix.mtx.gz"));
      writeFeatures(data, tmp.resolve("features.tsv.gz"));
      writeLines(data.obs().index(), tmp.resolve("barcodes.tsv.gz"));
    });
  }

  private static void writeMatrix(CsrMatrix x, Path file) throws IOException {
    boolean integral = Counts.isIntegral(x);
    try (Writer w = new OutputStreamWriter(TextFiles.create(file, file), StandardCharsets.US_ASCII)) {
      w.write("%%MatrixMarket matrix coordinate " + (integral ? "integer" : "real") + " general\n");
      w.write("%metadata_json: {\"software_version\": \"myelin\", \"format_version\": 2}\n");
      w.write(x.nCols() + " " + x.nRows() + " " + x.nnz() + "\n");
      StringBuilder sb = new StringBuilder(64);
      for (int b = 0; b < x.nBlocks(); b++) {
        CsrBlock block = x.block(b);
        int rowBase = x.rowOffset(b);
        for (int r = 0; r < block.nRows(); r++) {
          for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
            sb.setLength(0);
            sb.append(block.index(k) + 1).append(' ').append(rowBase + r + 1).append(' ');
            double v = block.value(k);
            if (integral) {
              sb.append((long) v);
            } else {
              sb.append(block.isDouble() ? Double.toString(v) : Float.toString((float) v));
            }
            sb.append('\n');
            w.append(sb);
          }
        }
      }
    }
  }

  private static void writeFeatures(CellData data, Path file) throws IOException {
    String[] names = data.var().index();
    Column ids = data.var().get(Keys.VAR_GENE_IDS);
    Column types = data.var().get(Keys.VAR_FEATURE_TYPES);
    String[] lines = new String[names.length];
    for (int j = 0; j < names.length; j++) {
      String id = ids == null ? names[j] : ids.format(j);
      String type = types == null ? TenxH5Reader.GENE_EXPRESSION : types.format(j);
      lines[j] = id + "\t" + names[j] + "\t" + type;
    }
    writeLines(lines, file);
  }

  private static void writeLines(String[] lines, Path file) throws IOException {
    try (OutputStream out = TextFiles.create(file, file);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      for (String l : lines) {
        w.write(l);
        w.write('\n');
      }
    }
  }
}
