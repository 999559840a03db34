package org.myelin.cli;

import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.spatial.NhoodEnrichmentTool;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;
import picocli.CommandLine.Option;

/** Neighbourhood enrichment and centrality ({@link NhoodEnrichmentTool}): {@code myelin spatial nhood} and the nhood step of run. */
final class SpatialNhoodStep extends SpatialCategoryStep {

  private static final NhoodEnrichmentTool.Options DEFAULTS = NhoodEnrichmentTool.Options.defaults();

  @Option(names = {"--nhood-perms", "--n-perms"}, paramLabel = "N",
      description = "Label permutations for the enrichment z-scores (default: ${DEFAULT-VALUE}).")
  int nPerms = DEFAULTS.nPerms();

  private NhoodEnrichmentTool.Options options;

  @Override
  public String name() {
    return "nhood";
  }

  @Override
  public List<String> tableNames() {
    return List.of("nhood_enrichment_zscore", "nhood_enrichment_count", "interaction_matrix", "centrality_scores");
  }

  @Override
  public void check() {
    options = Step.options(() -> new NhoodEnrichmentTool.Options(grouping.column, nPerms),
        Map.of("n_perms", "--nhood-perms", "cluster_key", "--groupby"));
  }

  @Override
  public ToolResult apply(CellData data, ToolContext ctx) {
    return NhoodEnrichmentTool.run(data, options, ctx);
  }
}
