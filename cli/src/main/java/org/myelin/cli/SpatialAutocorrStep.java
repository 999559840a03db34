package org.myelin.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.spatial.SpatialAutocorrTool;
import org.myelin.core.spatial.SpatialAutocorrelation;
import picocli.CommandLine.Option;

/** Moran's I and Geary's C ({@link SpatialAutocorrTool}): {@code myelin spatial autocorr} and the autocorr step of run. */
final class SpatialAutocorrStep extends ToolStep<SpatialAutocorrTool.Options> {

  private static final SpatialAutocorrTool.Options DEFAULTS = SpatialAutocorrTool.Options.defaults();

  SpatialAutocorrStep() {
    super("autocorr", SpatialAutocorrTool::run);
  }

  @Option(names = "--autocorr-mode", paramLabel = "STATS", split = ",",
      description = "moran, geary, or both (default: ${DEFAULT-VALUE}).")
  List<String> modes = DEFAULTS.modes().stream().map(m -> m.name().toLowerCase(Locale.ROOT)).toList();

  @Option(names = "--genes", paramLabel = "GENES",
      description = "Genes: auto (the highly variable genes when var marks them, else all, as squidpy), hvg, all, "
          + "none, or a comma-separated list (default: ${DEFAULT-VALUE}).")
  String genes = DEFAULTS.genes();

  @Option(names = "--obs-columns", paramLabel = "COLS",
      description = "Numeric obs columns too: auto (the signature scores myelin score wrote), none, or a "
          + "comma-separated list (default: ${DEFAULT-VALUE}).")
  String obsColumns = DEFAULTS.obsColumns();

  @Option(names = "--autocorr-perms", paramLabel = "N",
      description = "Permutations for the permutation p-values (0: analytic only, as squidpy's n_perms=None) "
          + "(default: ${DEFAULT-VALUE}).")
  int nPerms = DEFAULTS.nPerms();

  @Option(names = "--alternative", paramLabel = "SIDE",
      description = "Analytic p-values: auto (the tail on the observed side, as squidpy), greater (R spdep's "
          + "moran.test default), less, or two-sided (default: ${DEFAULT-VALUE}).")
  String alternative = "auto";

  @Option(names = "--no-transformation",
      description = "Use the weights as stored instead of row-standardising them (squidpy's transformation=False).")
  boolean noTransformation = !DEFAULTS.transformation();

  @Override
  public List<String> tableNames() {
    return List.of(Keys.UNS_MORAN, Keys.UNS_GEARY);
  }

  @Override
  public void check() {
    List<SpatialAutocorrelation.Mode> list = new ArrayList<>();
    for (String m : modes) {
      list.add(switch (m.toLowerCase(Locale.ROOT)) {
        case "moran" -> SpatialAutocorrelation.Mode.MORAN;
        case "geary" -> SpatialAutocorrelation.Mode.GEARY;
        default -> throw new IllegalArgumentException("Invalid --autocorr-mode: " + m + " (moran or geary)");
      });
    }
    SpatialAutocorrTool.Alternative alt = Step.choice(SpatialAutocorrTool.Alternative.class, alternative,
        "--alternative");
    options = Step.options(() -> new SpatialAutocorrTool.Options(list, genes, obsColumns, nPerms, alt,
        !noTransformation), Map.of("n_perms", "--autocorr-perms", "mode", "--autocorr-mode"));
  }

  @Override
  public String skipReason(CellData data) {
    return SpatialGraphStep.noCoordinates(data, Keys.OBSM_SPATIAL);
  }

}
