package org.myelin.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.myelin.core.matrix.CsrBlock;
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
   * What scoring a file needs, settled once from its genes and its first block: the options for its
   * genes, the sets matched, and whether X holds counts to be log-normalised first.
   */
  public record Setup(ScoreTool.Options options, ScoreTool.Scoring scoring, boolean normalise) {

    /** Settles the scoring of {@code cells}; says through {@code ctx} when it will normalise. */
    public static Setup of(BackedCells cells, Function<Frame, ScoreTool.Options> optionsFor, ToolContext ctx) {
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
      return new Setup(options, scoring, normalise);
    }

    /** Whether a method needs the genes' statistics over every cell (a pass before scoring). */
    public boolean needsGeneStats() {
      return options.methods().stream().anyMatch(SignatureScores.Method::needsGeneStats);
    }

    /** The values scored: the matrix, or its log-normalised values when the file holds counts. */
    public CsrMatrix values(CsrMatrix x, Parallel parallel) {
      return normalise ? Normalize.logNormalized(x, 1e4, parallel) : x;
    }
  }

  /**
   * The per-cell score table of {@code input}.
   *
   * @param optionsFor the scoring options for the file's var (the sets may depend on its genes)
   */
  public static Frame score(Path input, CellDataIO.ReadOptions read, Function<Frame, ScoreTool.Options> optionsFor,
      ToolContext ctx) {
    try (BackedCells cells = BackedCells.open(input, read)) {
      Setup setup = Setup.of(cells, optionsFor, ctx);
      GeneStats stats = null;
      if (setup.needsGeneStats()) {
        // Statistics add up in the file's order, so the plan is the in-memory plan to the bit.
        stats = new GeneStats(cells.nVars());
        addRows(cells, 0, cells.nObs(), setup, stats, ctx.parallel());
      }
      Map<String, double[]> columns = scoreRows(cells, 0, cells.nObs(), setup, stats, ctx.seed(), ctx.parallel());
      Frame out = new Frame(cells.obsNames());
      for (Map.Entry<String, double[]> c : columns.entrySet()) {
        out.put(c.getKey(), new DoubleColumn(c.getValue()));
      }
      setup.scoring().report(ctx);
      ctx.info("%d contrasts; %d blocks streamed", columns.size() - setup.scoring().columns(0).size(),
          cells.nBlocks());
      return out;
    }
  }

  /**
   * The gene statistics' chunks of cells {@code [from, to)}, {@code from} a multiple of {@link
   * GeneStats#CHUNK_CELLS}: folded in order with the other ranges' chunks ({@link GeneStats#fold})
   * they make the statistics {@link #score} computes. Read block by block, in bounded memory.
   */
  public static List<GeneStats.Chunk> statsOfRows(BackedCells cells, int from, int to, Setup setup,
      Parallel parallel) {
    List<GeneStats.Chunk> chunks = new java.util.ArrayList<>();
    GeneStats s = GeneStats.forRange(cells.nVars(), from, chunks::add);
    addRows(cells, from, to, setup, s, parallel);
    s.finish();
    return chunks;
  }

  private static void addRows(BackedCells cells, int from, int to, Setup setup, GeneStats stats,
      Parallel parallel) {
    waves(cells, from, to, setup, parallel, (first, x) -> {
      for (CsrBlock b : x.blocks()) {
        stats.add(b);
      }
    }, true);
  }

  /**
   * The scores of cells {@code [from, to)} (columns in {@link #score}'s order, contrasts included),
   * equal to those rows of {@link #score}'s table; read block by block, in bounded memory.
   *
   * @param stats the folded statistics of every cell, or null when no method needs them
   */
  public static Map<String, double[]> scoreRows(BackedCells cells, int from, int to, Setup setup, GeneStats stats,
      long seed, Parallel parallel) {
    SignatureScores plan = setup.scoring().plan(cells.var(), stats, seed);
    Map<String, double[]> columns = setup.scoring().columns(to - from);
    try (Parallel inner = new Parallel(1)) {
      waves(cells, from, to, setup, parallel, (first, x) -> setup.scoring().fill(plan.score(x, first, inner),
          first - from, columns), false);
    }
    setup.scoring().contrasts(columns);
    return columns;
  }

  /** What is done with one piece of rows (starting at cell {@code first}), log-normalised when asked. */
  private interface PieceTask {
    void accept(int first, CsrMatrix x);
  }

  /**
   * Cells {@code [from, to)} once, one stored block (or the part of it in the range) at a time, read
   * and processed {@code 2 x threads} pieces at once; with {@code inOrder} the tasks of a wave run
   * one after another in the file's order (the reading is still parallel).
   */
  private static void waves(BackedCells cells, int from, int to, Setup setup, Parallel parallel, PieceTask task,
      boolean inOrder) {
    List<int[]> pieces = cells.pieces(from, to);
    int wave = 2 * parallel.threads();
    try (Parallel one = new Parallel(1)) {
      for (int first = 0; first < pieces.size(); first += wave) {
        int count = Math.min(wave, pieces.size() - first);
        CsrMatrix[] read = new CsrMatrix[count];
        int base = first;
        parallel.forEach(count, k -> {
          int[] p = pieces.get(base + k);
          read[k] = setup.values(cells.rows(p[0], p[1]), one);
          if (!inOrder) {
            task.accept(p[0], read[k]);
            read[k] = null;
          }
        });
        if (inOrder) {
          for (int k = 0; k < count; k++) {
            task.accept(pieces.get(base + k)[0], read[k]);
          }
        }
      }
    }
  }
}
