package org.myelin.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.myelin.core.table.Frame;
import org.myelin.io.table.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin score}: gene-signature scores per cell. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Score gene signatures in every cell of log-normalised X: module (scanpy's score_genes: the set's "
        + "mean minus that of control genes from the same expression bins, drawn as numpy draws them for the seed), "
        + "mean, or zmean (mean of per-gene z-scores). One obs column <SET>_<method> per set; uns['scores'] lists "
        + "the genes found, missing and renamed, and the controls.")
final class ScoreCommand implements Callable<Integer> {

  @Mixin
  ScoreStep step;

  @Option(names = "--table", paramLabel = "FILE", description = "Also write the per-cell scores (.tsv, .csv, .arrow).")
  Path table;

  @Option(names = "--min-genes", paramLabel = "N", defaultValue = "3",
      description = "Refuse a set with fewer genes found than this (all of them for a smaller set) (default: ${DEFAULT-VALUE}).")
  int minGenes;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    step.minGenes = minGenes;
    step.check();
    if (table != null) {
      args.outputOptions.checkWritable(table);
    }
    Frame[] perCell = new Frame[1];
    return StepRunner.run(spec, args, (data, parallel) -> {
      perCell[0] = step.apply(data, args.common.seed, parallel, spec.commandLine().getErr());
      return data;
    }, (data, force) -> {
      if (table == null) {
        return List.of();
      }
      TableWriter.write(perCell[0], "cell", table, force);
      return List.of(table);
    });
  }
}
