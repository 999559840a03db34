package org.myelin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.spatial.LigrecTool;
import org.myelin.io.MalformedFileException;
import picocli.CommandLine.Option;

/** Ligand-receptor co-localisation ({@link LigrecTool}): {@code myelin spatial ligrec} and a step run includes on request. */
final class LigrecStep extends SpatialCategoryStep<LigrecTool.Options> {

  private static final LigrecTool.Options DEFAULTS = LigrecTool.Options.defaults();

  LigrecStep() {
    super("ligrec", LigrecTool::run);
  }

  @Option(names = "--ligrec-pairs", paramLabel = "FILE",
      description = "More pairs: a TSV of ligand and receptor per line (subunits joined by +).")
  Path pairs;

  @Option(names = "--ligrec-perms", paramLabel = "N",
      description = "Permutations, of the labels and of the receptor over the cells (default: ${DEFAULT-VALUE}).")
  int nPerms = DEFAULTS.nPerms();

  @Option(names = "--ligrec-min-fraction", paramLabel = "F",
      description = "A side counts only when expressed in this share of its category (default: ${DEFAULT-VALUE}).")
  double minFraction = DEFAULTS.threshold();

  @Override
  public boolean inRunByDefault() {
    return false;
  }

  @Override
  public List<String> tableNames() {
    return List.of("ligrec", "ligrec_spatial");
  }

  @Override
  public void check() {
    List<LigrecTool.Pair> all = new ArrayList<>(LigrecTool.BUILTIN_PAIRS);
    if (pairs != null) {
      all.addAll(readPairs(pairs));
    }
    options = categoryOptions(() -> new LigrecTool.Options(grouping.column, all, nPerms, minFraction),
        Map.of("n_perms", "--ligrec-perms", "threshold", "--ligrec-min-fraction"));
  }

  @Override
  public String skipReason(CellData data) {
    return noCategories(data); // the bivariate Moran's I is skipped, not the test, without coordinates
  }

  /** Pairs from a TSV: ligand, tab, receptor per line; # starts a comment. */
  static List<LigrecTool.Pair> readPairs(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new MalformedFileException(file, null, "cannot read (" + e.getMessage() + ")");
    }
    List<LigrecTool.Pair> out = new ArrayList<>();
    for (int l = 0; l < lines.size(); l++) {
      String line = lines.get(l).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length < 2 || f[0].isBlank() || f[1].isBlank()) {
        throw new MalformedFileException(file, "line " + (l + 1), "expected ligand<TAB>receptor");
      }
      out.add(new LigrecTool.Pair(f[0].strip(), f[1].strip()));
    }
    return out;
  }
}
