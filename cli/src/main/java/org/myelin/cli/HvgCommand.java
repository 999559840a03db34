package org.myelin.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.myelin.core.pp.HighlyVariableGenes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin hvg}: scanpy's highly_variable_genes on log-normalised data. */
@Command(name = "hvg", mixinStandardHelpOptions = true,
    description = "Mark highly variable genes as scanpy's highly_variable_genes on log-normalised X (run "
        + "'myelin normalize' first): var means, dispersions, dispersions_norm, highly_variable.")
final class HvgCommand implements Callable<Integer> {

  @Option(names = "--n-top-genes", paramLabel = "N", defaultValue = "2000",
      description = "Genes to keep (default: ${DEFAULT-VALUE}).")
  int nTopGenes;

  @Option(names = "--hvg-flavor", paramLabel = "FLAVOR", defaultValue = "seurat",
      description = "seurat or cell_ranger (default: ${DEFAULT-VALUE}).")
  String flavor;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    HighlyVariableGenes.Flavor f = switch (flavor.toLowerCase(Locale.ROOT)) {
      case "seurat" -> HighlyVariableGenes.Flavor.SEURAT;
      case "cell_ranger" -> HighlyVariableGenes.Flavor.CELL_RANGER;
      default -> throw new IllegalArgumentException("Invalid --hvg-flavor: " + flavor + " (seurat or cell_ranger)");
    };
    return StepRunner.run(spec, args, (data, parallel) -> {
      HighlyVariableGenes.Result r = HighlyVariableGenes.compute(data, f, nTopGenes, parallel);
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("flavor", flavor.toLowerCase(Locale.ROOT));
      params.put("n_top_genes", (long) nTopGenes);
      data.uns().put("hvg", params);
      long selected = 0;
      for (boolean b : r.highlyVariable()) {
        selected += b ? 1 : 0;
      }
      spec.commandLine().getErr().printf("myelin hvg: %d of %d genes highly variable (%s)%n", selected, data.nVars(), flavor);
      return data;
    });
  }
}
