package org.myelin.bench;

import java.nio.file.Path;
import java.util.List;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Normalize;
import org.myelin.core.score.GeneMatch;
import org.myelin.core.score.GeneStats;
import org.myelin.core.score.GeneSet;
import org.myelin.core.score.SignatureScores;
import org.myelin.io.CellDataIO;
import org.myelin.io.gmt.BuiltinSignatures;

/**
 * The whole built-in human library scored on a counts file, log-normalised first, one method at a
 * time: {@code ScoreBenchmark FILE THREADS}. Each time covers what a method needs from the
 * normalised data: the gene statistics and controls (module, seurat, zmean) and the per-cell scores.
 * Prints the seconds per method and the peak RSS.
 */
public final class ScoreBenchmark {

  private ScoreBenchmark() {}

  public static void main(String[] args) throws java.io.IOException {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    try (Parallel p = new Parallel(threads)) {
      CellData d = CellDataIO.read(file, CellDataIO.ReadOptions.DEFAULT, p);
      Normalize.total(d, 1e4, false, 0.05, false, p);
      Normalize.log1p(d, Double.NaN, p);
      List<GeneSet> library = BuiltinSignatures.load(BuiltinSignatures.Species.HUMAN);
      List<GeneMatch> matches = GeneMatch.match(library, d.var().index());
      int[][] sets = matches.stream().map(GeneMatch::found).filter(f -> f.length > 0).toArray(int[][]::new);
      long genes = 0;
      for (int[] s : sets) {
        genes += s.length;
      }
      System.out.printf("library\t%d of %d sets found, %d genes in all, %d cells x %d genes%n", sets.length,
          library.size(), genes, d.nObs(), d.nVars());
      for (SignatureScores.Method m : SignatureScores.Method.values()) {
        long t = System.nanoTime();
        GeneStats stats = m.needsGeneStats() ? GeneStats.of(d.x()) : null;
        SignatureScores plan = new SignatureScores(d.nVars(), sets, List.of(m), stats, null,
            SignatureScores.Options.defaults(0));
        plan.score(d.x(), 0, p);
        System.out.printf("%s\t%d sets\t%.2f s%n", m.key(), sets.length, (System.nanoTime() - t) / 1e9);
      }
      System.out.printf("peak_rss\t%d%n", ReadBenchmark.peakRss());
    }
  }
}
