package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Normalize;
import org.myelin.core.score.GeneStats;
import org.myelin.core.score.SignatureScores;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.io.BackedCells;
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
        + "tests; --backed streams an h5ad or 10x HDF5 file block by block and writes the scores as a table.")
final class ScoreCommand implements Callable<Integer> {

  @Mixin
  ScoreStep step;

  @Option(names = "--table", paramLabel = "FILE", description = "Also write the per-cell scores (.tsv, .csv, .arrow).")
  Path table;

  @Option(names = "--min-genes", paramLabel = "N", defaultValue = "3",
      description = "Refuse a set with fewer genes found than this (all of them for a smaller set) (default: ${DEFAULT-VALUE}).")
  int minGenes;

  @Option(names = "--groupby", paramLabel = "COLUMN",
      description = "Summarise every score per group of this obs column (leiden, cell_type, ...): mean, median, "
          + "fraction above --score-threshold, Wilcoxon test against the other cells, FDR.")
  String groupby;

  @Option(names = "--summary", paramLabel = "FILE", description = "Write the --groupby summary as a table (.tsv, .csv, .arrow).")
  Path summary;

  @Option(names = "--backed",
      description = "Stream the input (h5ad or 10x HDF5) block by block instead of loading it, in bounded memory "
          + "whatever its size; OUT is then the per-cell score table (.tsv, .csv, .arrow).")
  boolean backed;

  @Mixin
  StepArgs args;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    step.minGenes = minGenes;
    step.groupby = groupby;
    step.check();
    if (summary != null && groupby == null) {
      throw new IllegalArgumentException("--summary needs --groupby");
    }
    for (Path p : new Path[] {table, summary}) {
      if (p != null) {
        args.outputOptions.checkWritable(p);
      }
    }
    if (backed) {
      return backed();
    }
    ScoreStep.Output[] result = new ScoreStep.Output[1];
    return StepRunner.run(spec, args, (data, parallel) -> {
      result[0] = step.apply(data, args.common.seed, parallel, spec.commandLine().getErr());
      return data;
    }, (data, force) -> {
      List<Path> written = new ArrayList<>();
      if (table != null) {
        TableWriter.write(result[0].perCell(), "cell", table, force);
        written.add(table);
      }
      if (summary != null) {
        TableWriter.write(result[0].summary(), "score", summary, force);
        written.add(summary);
      }
      return written;
    });
  }

  /**
   * One pass over the file for the gene statistics when a method needs them, one to score: each
   * block is read, log-normalised when it holds counts, and scored, a wave of blocks at a time.
   */
  private int backed() {
    if (groupby != null) {
      throw new IllegalArgumentException("--groupby cannot be used with --backed: obs is not read; summarise the "
          + "score table instead");
    }
    if (table != null) {
      throw new IllegalArgumentException("--table cannot be used with --backed: OUT is the score table");
    }
    if (args.to != null || TableWriter.formatOf(args.out) == null) {
      throw new IllegalArgumentException("--backed writes the score table: OUT must end in .tsv, .csv or .arrow, not "
          + args.out.getFileName());
    }
    args.outputOptions.checkWritable(args.out);
    long start = System.nanoTime();
    PrintWriter err = spec.commandLine().getErr();
    try (Parallel parallel = args.common.parallel();
        BackedCells cells = BackedCells.open(args.input, args.inputOptions.toReadOptions())) {
      ScoreStep.Matched matched = step.match(cells.var(), err);
      boolean normalise = switch (step.normalize) {
        case "yes" -> true;
        case "no" -> false;
        default -> cells.nBlocks() > 0 && org.myelin.io.Counts.isIntegral(cells.block(0));
      };
      if (normalise) {
        err.println("myelin score: the file holds counts: scoring log-normalised values (normalize_total 1e4, log1p)");
      }
      GeneStats stats = null;
      if (step.methodList().stream().anyMatch(SignatureScores.Method::needsGeneStats)) {
        GeneStats s = new GeneStats(cells.nVars());
        // Statistics add up in the file's order, so the plan is the in-memory plan to the bit.
        waves(cells, normalise, parallel, (b, x) -> {
          s.add(x.block(0));
        }, true);
        stats = s;
      }
      SignatureScores plan = step.plan(matched, cells.var(), stats, args.common.seed);
      Map<String, double[]> columns = step.columns(matched, cells.nObs());
      try (Parallel inner = new Parallel(1)) {
        waves(cells, normalise, parallel, (b, x) -> step.fill(plan.score(x, cells.firstRow(b), inner),
            cells.firstRow(b), matched, columns), false);
      }
      List<String> contrasts = step.contrasts(matched, columns);
      Frame out = new Frame(cells.obsNames());
      for (Map.Entry<String, double[]> c : columns.entrySet()) {
        out.put(c.getKey(), new DoubleColumn(c.getValue()));
      }
      TableWriter.write(out, "cell", args.out, args.outputOptions.force);
      step.report(matched, err);
      err.printf("myelin score: %d contrasts; %d blocks streamed%n", contrasts.size(), cells.nBlocks());
    }
    Provenance.write(spec, List.of(args.input), List.of(args.out), start, true);
    err.printf("myelin score: wrote %s in %.1f s%n", args.out, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  /** What is done with one block (as a one-block matrix, log-normalised when asked). */
  private interface BlockTask {
    void accept(int block, CsrMatrix x);
  }

  /**
   * Every block once, read and processed {@code 2 x threads} at a time; with {@code inOrder} the
   * tasks of a wave run one after another in block order (the reading is still parallel).
   */
  private static void waves(BackedCells cells, boolean normalise, Parallel parallel, BlockTask task, boolean inOrder) {
    int wave = 2 * parallel.threads();
    try (Parallel one = new Parallel(1)) {
      for (int first = 0; first < cells.nBlocks(); first += wave) {
        int count = Math.min(wave, cells.nBlocks() - first);
        CsrMatrix[] read = new CsrMatrix[count];
        int base = first;
        parallel.forEach(count, k -> {
          CsrMatrix x = cells.block(base + k);
          read[k] = normalise ? Normalize.logNormalized(x, 1e4, one) : x;
          if (!inOrder) {
            task.accept(base + k, read[k]);
            read[k] = null;
          }
        });
        if (inOrder) {
          for (int k = 0; k < count; k++) {
            task.accept(base + k, read[k]);
          }
        }
      }
    }
  }
}
