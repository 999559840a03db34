package org.myelin.io.tenx;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.table.Column;
import org.myelin.io.AtomicOutput;
import org.myelin.io.Counts;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.UnsupportedFileException;
import org.myelin.io.hdf.H5Writing;

/**
 * Writes a Cell Ranger v3 HDF5 feature-barcode matrix ({@code /matrix}, int32 counts, CSC of genes
 * by cells) that scanpy's {@code read_10x_h5} and Seurat's {@code Read10X_h5} read.
 */
public final class TenxH5Writer {

  private TenxH5Writer() {}

  public static void write(CellData data, Path target, boolean overwrite) {
    CsrMatrix x = data.x();
    if (!Counts.isIntegral(x)) {
      throw new InconsistentDataException(target, "/X",
          "a 10x HDF5 matrix holds integer counts, but X holds non-integer values (normalized data?)");
    }
    long nnz = x.nnz();
    if (nnz > Integer.MAX_VALUE - 8 || nnz == 0) {
      throw new UnsupportedFileException(target, "/matrix/data",
          nnz == 0 ? "the matrix has no stored entries" : "more than 2^31 non-zeros in one 10x HDF5 file is not supported yet");
    }
    AtomicOutput.write(target, overwrite, tmp -> writeTo(data, tmp));
  }

  private static void writeTo(CellData data, Path tmp) {
    CsrMatrix x = data.x();
    int n = (int) x.nnz();
    int[] values = new int[n];
    int[] indices = new int[n];
    int pos = 0;
    for (CsrBlock b : x.blocks()) {
      b.copyIndices(0, indices, pos, b.nnz());
      for (int k = 0; k < b.nnz(); k++) {
        values[pos + k] = (int) b.value(k);
      }
      pos += b.nnz();
    }
    String[] genes = data.var().index();
    String[] ids = column(data, Keys.VAR_GENE_IDS, genes);
    String[] types = column(data, Keys.VAR_FEATURE_TYPES, null);
    String[] genome = column(data, Keys.VAR_GENOME, null);
    if (types == null) {
      types = new String[genes.length];
      java.util.Arrays.fill(types, TenxH5Reader.GENE_EXPRESSION);
    }
    if (genome == null) {
      genome = new String[genes.length];
      java.util.Arrays.fill(genome, "unknown");
    }
    try (WritableHdfFile f = HdfFile.write(tmp)) {
      WritableGroup m = f.putGroup("matrix");
      H5Writing.putArray(m, "barcodes", data.obs().index(), data.nObs());
      H5Writing.putArray(m, "data", values, n);
      H5Writing.putArray(m, "indices", indices, n);
      long[] indptr = x.indptr();
      H5Writing.putArray(m, "indptr", indptr, indptr.length);
      m.putDataset("shape", new int[] {data.nVars(), data.nObs()});
      WritableGroup feat = m.putGroup("features");
      feat.putDataset("_all_tag_keys", new String[] {"genome"});
      H5Writing.putArray(feat, "feature_type", types, types.length);
      H5Writing.putArray(feat, "genome", genome, genome.length);
      H5Writing.putArray(feat, "id", ids, ids.length);
      H5Writing.putArray(feat, "name", genes, genes.length);
    }
  }

  private static String[] column(CellData data, String name, String[] fallback) {
    Column c = data.var().get(name);
    if (c == null) {
      return fallback;
    }
    String[] out = new String[c.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.format(i);
    }
    return out;
  }
}
