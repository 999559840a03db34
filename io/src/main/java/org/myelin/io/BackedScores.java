package org.myelin.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Normalize;
import org.myelin.core.score.GeneStats;
import org.myelin.core.score.ScoreTool;
import org.myelin.core.score.SignatureScores;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.tool.ToolContext;

/**
 * Signature scores of a file streamed block by block ({@link BackedCells}), in bounded memory
 * whatever its size: one pass for the gene statistics when a method needs them, one to score; each
 * block is read, log-normalised when it holds counts, and scored, a wave of blocks at a time. The
 * scores equal {@link ScoreTool}'s on the same file loaded whole, to the bit.
 */
public final class BackedScores {

  private BackedScores() {}

  /**
   * The per-cell score table of {@code input}.
   *
   * @param optionsFor the scoring options for the file's var (the sets may depend on its genes)
   */
  public static Frame score(Path input, CellDataIO.ReadOptions read, Function<Frame, ScoreTool.Options> optionsFor,
      ToolContext ctx) {
    Parallel parallel = ctx.parallel();
    try (BackedCells cells = BackedCells.open(input, read)) {
      ScoreTool.Options options = optionsFor.apply(cells.var());
      ScoreTool.Scoring scoring = new ScoreTool.Scoring(options, ScoreTool.match(options, cells.var(), ctx));
      boolean normalise = switch (options.normalize()) {
        case YES -> true;
        case NO -> false;
        case AUTO -> cells.nBlocks() > 0 && CsrMatrix.isIntegral(cells.block(0));
      };
      if (normalise) {
        ctx.info("the file holds counts: scoring log-normalised values (normalize_total 1e4, log1p)");
      }
      GeneStats stats = null;
      if (options.methods().stream().anyMatch(SignatureScores.Method::needsGeneStats)) {
        GeneStats s = new GeneStats(cells.nVars());
        // Statistics add up in the file's order, so the plan is the in-memory plan to the bit.
        waves(cells, normalise, parallel, (b, x) -> s.add(x.block(0)), true);
        stats = s;
      }
      SignatureScores plan = scoring.plan(cells.var(), stats, ctx.seed());
      Map<String, double[]> columns = scoring.columns(cells.nObs());
      try (Parallel inner = new Parallel(1)) {
        waves(cells, normalise, parallel, (b, x) -> scoring.fill(plan.score(x, cells.firstRow(b), inner),
            cells.firstRow(b), columns), false);
      }
      List<String> contrasts = scoring.contrasts(columns);
      Frame out = new Frame(cells.obsNames());
      for (Map.Entry<String, double[]> c : columns.entrySet()) {
        out.put(c.getKey(), new DoubleColumn(c.getValue()));
      }
      scoring.report(ctx);
      ctx.info("%d contrasts; %d blocks streamed", contrasts.size(), cells.nBlocks());
      return out;
    }
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
