package org.myelin.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Column;
import org.myelin.core.table.Frame;
import org.myelin.io.CellDataIO;
import org.myelin.io.Counts;
import org.myelin.io.hdf.H5Matrix;
import org.myelin.io.h5ad.H5adFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin info FILE}: what a file holds, for people or (with --json) for scripts. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Show shape, non-zeros, density, whether X holds integer counts, and every slot.")
final class InfoCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "INPUT", description = "h5ad, 10x h5, MTX folder or file, Visium folder, CSV/TSV.")
  Path input;

  @Option(names = "--json", description = "Print one JSON object (n_obs, n_vars, nnz, ...).")
  boolean json;

  @Mixin
  CommonOptions common;

  @Mixin
  InputOptions inputOptions;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CellDataIO.ReadOptions options = inputOptions.toReadOptions();
    CellDataIO.Format format = options.format() != null ? options.format() : CellDataIO.detect(input);
    Map<String, Object> info;
    if (format == CellDataIO.Format.H5AD && options.coords() == null) {
      // From the file's structure, X streamed for the integer check: bounded memory on any size.
      try (H5adFile f = H5adFile.open(input)) {
        info = describe(input, f);
      }
    } else {
      CellData data;
      try (Parallel parallel = common.parallel()) {
        data = CellDataIO.read(input, options, parallel);
      }
      info = describe(input, format, data);
    }
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(info));
    } else {
      printText(out, info);
    }
    out.flush();
    return 0;
  }

  static Map<String, Object> describe(Path input, CellDataIO.Format format, CellData data) {
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
  static Map<String, Object> describe(Path input, H5adFile f) {
    Map<String, Object> info = new LinkedHashMap<>();
    H5Matrix x = f.x();
    if (f.nObs() == 0 || f.nVars() == 0) {
      throw new org.myelin.io.InconsistentDataException(input, null,
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

  @SuppressWarnings("unchecked")
  private static void printText(java.io.PrintWriter out, Map<String, Object> info) {
    out.printf("%s (%s)%n", info.get("file"), info.get("format"));
    out.printf("  %d cells x %d genes, %d non-zeros, density %.4f, %s%n", info.get("n_obs"), info.get("n_vars"),
        info.get("nnz"), (Double) info.get("density"),
        (Boolean) info.get("integer_counts") ? "integer counts" : "non-integer values");
    out.printf("  X in memory: %.2f bytes per non-zero%n", (Double) info.get("x_bytes_per_nnz"));
    for (String key : new String[] {"obs", "var"}) {
      Map<String, Object> cols = (Map<String, Object>) info.get(key);
      List<String> parts = new ArrayList<>();
      cols.forEach((k, v) -> parts.add(k + " (" + v + ")"));
      out.printf("  %s: %s%n", key, parts.isEmpty() ? "-" : String.join(", ", parts));
    }
    for (String key : new String[] {"layers", "obsm", "varm", "obsp", "uns"}) {
      Object v = info.get(key);
      String text = v instanceof Map<?, ?> m ? (m.isEmpty() ? "-" : m.toString()) : v instanceof List<?> l && l.isEmpty() ? "-" : String.valueOf(v);
      out.printf("  %s: %s%n", key, text);
    }
    if (info.get("raw") != null) {
      out.printf("  raw: %s%n", info.get("raw"));
    }
  }
}
