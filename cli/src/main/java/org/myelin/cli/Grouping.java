package org.myelin.cli;

import org.myelin.core.data.Keys;
import picocli.CommandLine.Option;

/**
 * The obs column of groups (clusters or cell types) that markers, the score summary and the
 * spatial statistics of categories share: one option, declared once per command.
 */
final class Grouping {

  @Option(names = {"--groupby", "--cluster-key"}, paramLabel = "COLUMN",
      description = "obs column of the groups: clusters or cell types (default: ${DEFAULT-VALUE}).")
  String column = Keys.OBS_LEIDEN;
}
