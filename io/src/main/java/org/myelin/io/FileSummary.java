package org.myelin.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Column;
import org.myelin.core.table.Frame;
import org.myelin.io.h5ad.H5adFile;
import org.myelin.io.hdf.H5Matrix;

/**
 * What a file holds, as {@code myelin info} reports it: format, shape, non-zeros, density, whether
 * X holds integer counts, and every slot with its type or shape. An h5ad is described from its
 * structure, X streamed once for the counts check, so any size fits in bounded memory.
 */
public final class FileSummary {

  private FileSummary() {}

  /** The report of {@code input} read with {@code options}: keys n_obs, n_vars, nnz, density, ... */
  public static Map<String, Object> of(Path input, CellDataIO.ReadOptions options, Parallel parallel) {
    CellDataIO.Format format = options.format() != null ? options.format() : CellDataIO.detect(input);
    if (format == CellDataIO.Format.H5AD && options.coords() == null) {
      try (H5adFile f = H5adFile.open(input)) {
        return of(input, f);
      }
    }
    return of(input, format, CellDataIO.read(input, options, parallel));
  }

  /** The report of data read whole (any format). */
  public static Map<String, Object> of(Path input, CellDataIO.Format format, CellData data) {
    Map<String, Object> info = new LinkedHashMap<>();
    CsrMatrix x = data.x();
    info.put("file", input.toString());
    info.put("format", format.cliName());
    info.put("n_obs", data.nObs());
    info.put("n_vars", data.nVars());
    info.put("nnz", x.nnz());
    info.put("density", (double) x.nnz() / ((double) data.nObs() * data.nVars()));
    info.put("integer_counts", Counts.isIntegral(x));
    info.put("x_bytes_per_nnz", x.nnz() == 0 ? 0.0 : (double) x.storageBytes() / x.nnz());
    info.put("layers", new ArrayList<>(data.layers().keySet()));
    info.put("obs", columns(data.obs()));
    info.put("var", columns(data.var()));
    info.put("obsm", shapes(data.obsm()));
    info.put("varm", shapes(data.varm()));
    Map<String, Object> obsp = new LinkedHashMap<>();
    data.obsp().forEach((k, m) -> obsp.put(k, List.of(m.nRows(), m.nCols())));
    info.put("obsp", obsp);
    info.put("uns", new ArrayList<>(data.uns().keySet()));
    info.put("raw", data.raw() == null ? null : List.of(data.raw().x().nRows(), data.raw().x().nCols()));
    return info;
  }

  /** The same report for an h5ad, without loading X or the other matrices. */
  public static Map<String, Object> of(Path input, H5adFile f) {
    Map<String, Object> info = new LinkedHashMap<>();
    H5Matrix x = f.x();
    if (f.nObs() == 0 || f.nVars() == 0) {
      throw new InconsistentDataException(input, null,
          "the matrix is empty (" + f.nObs() + " cells x " + f.nVars() + " genes)");
    }
    info.put("file", input.toString());
    info.put("format", CellDataIO.Format.H5AD.cliName());
    info.put("n_obs", f.nObs());
    info.put("n_vars", f.nVars());
    H5Matrix.Scan scan = x.scan();
    info.put("nnz", scan.nnz());
    info.put("density", (double) scan.nnz() / ((double) f.nObs() * f.nVars()));
    info.put("integer_counts", scan.integral());
    info.put("x_bytes_per_nnz", scan.nnz() == 0 ? 0.0 : (double) scan.storageBytes() / scan.nnz());
    info.put("layers", new ArrayList<>(f.slot("layers").keySet()));
    info.put("obs", columns(f.obs()));
    info.put("var", columns(f.var()));
    info.put("obsm", slotShapes(f.slot("obsm")));
    info.put("varm", slotShapes(f.slot("varm")));
    info.put("obsp", slotShapes(f.slot("obsp")));
    info.put("uns", new ArrayList<>(f.slot("uns").keySet()));
    long[] raw = f.rawShape();
    info.put("raw", raw == null ? null : List.of((int) raw[0], (int) raw[1]));
    return info;
  }

  private static Map<String, Object> slotShapes(Map<String, long[]> slot) {
    Map<String, Object> out = new LinkedHashMap<>();
    slot.forEach((k, v) -> {
      List<Integer> dims = new ArrayList<>();
      for (long d : v) {
        dims.add((int) d);
      }
      out.put(k, dims);
    });
    return out;
  }

  private static Map<String, Object> columns(Frame f) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Column> e : f.columns().entrySet()) {
      out.put(e.getKey(), e.getValue().typeName());
    }
    return out;
  }

  private static Map<String, Object> shapes(Map<String, DenseMatrix> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, List.of(v.nRows(), v.nCols())));
    return out;
  }

}
