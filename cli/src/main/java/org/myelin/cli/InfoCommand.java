package org.myelin.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.FileSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin info FILE}: what a file holds, for people or (with --json) for scripts. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Show shape, non-zeros, density, whether X holds integer counts, and every slot.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin info sample.h5ad",
        "  myelin info --json filtered_feature_bc_matrix.h5 | jq .n_obs"})
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
    Map<String, Object> info;
    try (Parallel parallel = common.parallel()) {
      info = FileSummary.of(input, inputOptions.toReadOptions(), parallel);
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
