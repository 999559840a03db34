package org.myelin.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.score.ScoreTool;
import org.myelin.core.table.Frame;
import org.myelin.core.tool.ToolContext;
import org.myelin.io.BackedScores;
import org.myelin.io.table.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myelin score}: gene-signature scores per cell. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Score gene signatures in every cell of log-normalised X (counts are log-normalised first): module "
        + "(scanpy's score_genes, controls drawn as numpy draws them), seurat (Seurat's AddModuleScore, drawn as R "
        + "draws them), ucell, aucell, mean or zmean. One obs column <SET>_<method> per set; uns['scores'] lists the "
        + "genes found, missing and renamed, and the controls. --groupby adds a per-group summary with Wilcoxon "
        + "tests; --backed streams an h5ad or 10x HDF5 file block by block and writes the scores as a table.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin score sample.h5ad -o scored.h5ad --score-method module,ucell --table scores.tsv",
        "  myelin score atlas.h5ad -o scores.tsv --backed --signatures builtin:CD8_EXHAUSTION_UP",
        "  myelin score clusters.h5ad -o scored.h5ad --signatures my_sets.gmt --groupby leiden --summary summary.tsv"})
final class ScoreCommand extends StepCommand {

  @Mixin
  ScoreStep step;

  @Mixin
  Grouping grouping;

  @Option(names = "--table", paramLabel = "FILE", description = "Also write the per-cell scores (.tsv, .csv, .arrow).")
  Path table;

  @Option(names = "--summary", paramLabel = "FILE",
      description = "Write the per-group summary (--groupby) as a table (.tsv, .csv, .arrow).")
  Path summary;

  @Option(names = "--backed",
      description = "Stream the input (h5ad or 10x HDF5) block by block instead of loading it, in bounded memory "
          + "whatever its size; OUT is then the per-cell score table (.tsv, .csv, .arrow).")
  boolean backed;

  @Override
  Step step() {
    step.grouping(grouping);
    // A grouping named on the command line must exist; the default (leiden) is used when obs has it.
    step.groupingRequired = summary != null || (spec.commandLine().getParseResult() != null
        && spec.commandLine().getParseResult().hasMatchedOption("--groupby"));
    return step;
  }

  @Override
  StepRunner.Tables tables() {
    Map<String, Path> files = new LinkedHashMap<>();
    if (table != null) {
      files.put(ScoreTool.TABLE_SCORES, table);
    }
    if (summary != null) {
      files.put(ScoreTool.TABLE_SUMMARY, summary);
    }
    return new StepRunner.Tables(null, files);
  }

  @Override
  public Integer call() {
    return backed ? backed() : super.call();
  }

  /** Streams the file block by block (io's BackedScores); OUT is the score table. */
  private int backed() {
    Step st = step();
    st.check();
    if (step.groupingRequired) {
      throw new IllegalArgumentException("--groupby and --summary cannot be used with --backed: obs is not read; "
          + "summarise the score table instead");
    }
    if (table != null) {
      throw new IllegalArgumentException("--table cannot be used with --backed: OUT is the score table");
    }
    if (args.to != null || TableWriter.formatOf(args.out) == null) {
      throw new IllegalArgumentException("--backed writes the score table: OUT must end in .tsv, .csv or .arrow, not "
          + args.out.getFileName());
    }
    args.outputOptions.checkWritable(args.out);
    args.outputOptions.checkFolder(args.out.toAbsolutePath().getParent());
    args.checkInput();
    long start = System.nanoTime();
    Log log = args.common.log(spec.commandLine().getErr());
    try (Parallel parallel = args.common.parallel()) {
      ToolContext ctx = new ToolContext(parallel, args.common.seed, line -> log.info("score", line));
      Frame out = BackedScores.score(args.input, args.inputOptions.toReadOptions(), step::options, ctx);
      TableWriter.write(out, "cell", args.out, args.outputOptions.force);
    }
    Provenance.write(spec, List.of(args.input), List.of(args.out), start, true);
    log.info("score", "wrote %s in %.1f s", args.out, (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
