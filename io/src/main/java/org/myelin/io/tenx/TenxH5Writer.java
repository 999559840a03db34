package org.myelin.io.tenx;

import java.nio.file.Path;
import java.util.Arrays;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Column;
import org.myelin.io.AtomicOutput;
import org.myelin.io.Counts;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.hdf.H5Writer;

/**
 * Writes a Cell Ranger v3 HDF5 feature-barcode matrix ({@code /matrix}, int32 counts, CSC of genes
 * by cells) that scanpy's {@code read_10x_h5} and Seurat's {@code Read10X_h5} read.
 */
public final class TenxH5Writer {

  private TenxH5Writer() {}

  public static void write(CellData data, Path target, boolean overwrite, Parallel parallel) {
    CsrMatrix x = data.x();
    if (!Counts.isIntegral(x)) {
      throw new InconsistentDataException(target, "/X",
          "a 10x HDF5 matrix holds integer counts, but X holds non-integer values (normalized data?)");
    }
    AtomicOutput.write(target, overwrite, tmp -> {
      try (H5Writer w = new H5Writer(tmp)) {
        writeTo(w, data, parallel);
      }
    });
  }

  private static void writeTo(H5Writer w, CellData data, Parallel parallel) {
    CsrMatrix x = data.x();
    H5Writer.Group m = w.root().group("matrix");
    m.dataset("barcodes", data.obs().index(), null);
    H5Writer.ChunkedDataset values = m.chunked("data", H5Writer.Type.INT32, null);
    H5Writer.ChunkedDataset indices = m.chunked("indices", H5Writer.Type.INT64, null);
    for (CsrBlock b : x.blocks()) {
      int n = b.nnz();
      int[] v = new int[n];
      long[] idx = new long[n];
      for (int k = 0; k < n; k++) {
        v[k] = (int) b.value(k);
        idx[k] = b.index(k);
      }
      values.append(v, 0, n, parallel);
      indices.append(idx, 0, n, parallel);
    }
    values.finish();
    indices.finish();
    m.dataset("indptr", x.indptr(), null);
    m.dataset("shape", new int[] {data.nVars(), data.nObs()}, null);
    String[] genes = data.var().index();
    String[] types = column(data, Keys.VAR_FEATURE_TYPES, TenxH5Reader.GENE_EXPRESSION);
    H5Writer.Group feat = m.group("features");
    feat.dataset("_all_tag_keys", new String[] {"genome"}, null);
    feat.dataset("feature_type", types, null);
    feat.dataset("genome", column(data, Keys.VAR_GENOME, ""), null);
    feat.dataset("id", data.var().get(Keys.VAR_GENE_IDS) == null ? genes : column(data, Keys.VAR_GENE_IDS, ""), null);
    feat.dataset("name", genes, null);
  }

  private static String[] column(CellData data, String name, String fallback) {
    Column c = data.var().get(name);
    String[] out = new String[data.nVars()];
    if (c == null) {
      Arrays.fill(out, fallback);
      return out;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = c.format(i);
    }
    return out;
  }
}
