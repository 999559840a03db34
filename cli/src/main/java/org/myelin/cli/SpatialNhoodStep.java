package org.myelin.cli;

import java.util.List;
import java.util.Map;
import org.myelin.core.spatial.NhoodEnrichmentTool;
import picocli.CommandLine.Option;

/** Neighbourhood enrichment and centrality ({@link NhoodEnrichmentTool}): {@code myelin spatial nhood} and the nhood step of run. */
final class SpatialNhoodStep extends SpatialCategoryStep<NhoodEnrichmentTool.Options> {

  private static final NhoodEnrichmentTool.Options DEFAULTS = NhoodEnrichmentTool.Options.defaults();

  SpatialNhoodStep() {
    super("nhood", NhoodEnrichmentTool::run);
  }

  @Option(names = {"--nhood-perms", "--n-perms"}, paramLabel = "N",
      description = "Label permutations for the enrichment z-scores (default: ${DEFAULT-VALUE}).")
  int nPerms = DEFAULTS.nPerms();

  @Override
  public List<String> tableNames() {
    return List.of("nhood_enrichment_zscore", "nhood_enrichment_count", "interaction_matrix", "centrality_scores");
  }

  @Override
  public void check() {
    options = categoryOptions(() -> new NhoodEnrichmentTool.Options(grouping.column, nPerms),
        Map.of("n_perms", "--nhood-perms"));
  }

}
