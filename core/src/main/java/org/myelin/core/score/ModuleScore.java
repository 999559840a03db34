package org.myelin.core.score;

import org.myelin.core.random.NumpyRandomState;
import org.myelin.core.random.RRandomState;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.stats.SortedArrays;

/**
 * scanpy's {@code score_genes} (after Seurat's AddModuleScore; Tirosh et al., Science 2016): the
 * mean expression of a set's genes minus that of control genes drawn from the same expression bins.
 * Genes are cut into bins by the rank of their mean over all cells (rank // round(G / (n_bins - 1))),
 * and for every bin holding a set gene, {@code ctrl_size} genes of the bin are drawn with numpy's
 * seeded shuffle, the set's own genes then removed; so for the same data and seed the controls, and
 * the scores, are scanpy's.
 */
public final class ModuleScore {

  private ModuleScore() {}

  /**
   * @param genes column indices of the set (distinct)
   * @param geneMeans mean of every gene over all cells
   * @return per-cell scores and the control genes used (column indices, ascending)
   */
  public static Result score(CsrMatrix x, int[] genes, double[] geneMeans, int ctrlSize, int nBins, long seed) {
    int[] controls = controls(genes, geneMeans, ctrlSize, nBins, seed);
    double[] setMean = RowMeans.of(x, genes);
    double[] ctrlMean = RowMeans.of(x, controls);
    double[] score = new double[x.nRows()];
    for (int i = 0; i < score.length; i++) {
      score[i] = setMean[i] - ctrlMean[i];
    }
    return new Result(score, controls);
  }

  /**
   * Scores of many sets at once from their controls (scanpy's, Seurat's, or given): each cell's
   * mean over the set minus its mean over the controls, all sets in one pass over X.
   *
   * @return scores[set][cell]
   */
  public static double[][] scoreAll(CsrMatrix x, int[][] sets, int[][] controls, Parallel parallel) {
    if (sets.length != controls.length) {
      throw new IllegalArgumentException(sets.length + " sets but " + controls.length + " control lists");
    }
    int[][] lists = new int[2 * sets.length][];
    System.arraycopy(sets, 0, lists, 0, sets.length);
    System.arraycopy(controls, 0, lists, sets.length, sets.length);
    double[][] means = RowMeans.of(x, lists, null, parallel);
    double[][] out = new double[sets.length][];
    for (int s = 0; s < sets.length; s++) {
      double[] score = means[s];
      double[] ctrl = means[sets.length + s];
      for (int i = 0; i < score.length; i++) {
        score[i] -= ctrl[i];
      }
      out[s] = score;
    }
    return out;
  }

  /** Per-cell scores and the controls. */
  public record Result(double[] scores, int[] controls) {}

  /** The control genes scanpy would draw. */
  public static int[] controls(int[] genes, double[] mean, int ctrlSize, int nBins, long seed) {
    return new Bins(mean, nBins).controls(genes, ctrlSize, seed);
  }

  /**
   * scanpy's expression bins, made once for every set scored on the same gene means (the ranking
   * and the bins' members do not depend on the set; made per set, they took most of the drawing).
   */
  public static final class Bins {

    /** The bin of each gene. */
    private final int[] cut;
    /** The genes of each bin, ascending. */
    private final int[][] members;

    public Bins(double[] mean, int nBins) {
      if (nBins < 2) {
        throw new IllegalArgumentException("Invalid n_bins " + nBins);
      }
      int g = mean.length;
      // pandas rank(method="min") over the finite means.
      int[] order = SortedArrays.order(mean);
      double[] rank = new double[g];
      for (int r = 0; r < g; r++) {
        int j = order[r];
        rank[j] = r > 0 && mean[order[r - 1]] == mean[j] ? rank[order[r - 1]] : r + 1;
      }
      long nItems = Math.round(Math.rint((double) g / (nBins - 1)));
      if (nItems < 1) {
        throw new IllegalArgumentException("too few genes (" + g + ") for " + nBins + " expression bins");
      }
      // Ranks run from 1 to g, so bins from 0 to g / nItems.
      cut = new int[g];
      int[] size = new int[(int) (g / nItems) + 1];
      for (int j = 0; j < g; j++) {
        cut[j] = (int) Math.floor(rank[j] / nItems);
        size[cut[j]]++;
      }
      members = new int[size.length][];
      for (int c = 0; c < size.length; c++) {
        members[c] = new int[size[c]];
      }
      int[] fill = new int[size.length];
      for (int j = 0; j < g; j++) {
        members[cut[j]][fill[cut[j]]++] = j;
      }
    }

    /** The controls of one set: up to ctrlSize genes of each of its bins, shuffled as numpy, less its own. */
    public int[] controls(int[] genes, int ctrlSize, long seed) {
      if (ctrlSize < 1) {
        throw new IllegalArgumentException("Invalid ctrl_size " + ctrlSize);
      }
      boolean[] binUsed = new boolean[members.length];
      for (int j : genes) {
        binUsed[cut[j]] = true;
      }
      NumpyRandomState rnd = new NumpyRandomState(seed);
      boolean[] chosen = new boolean[cut.length];
      for (int c = 0; c < members.length; c++) {
        if (!binUsed[c]) {
          continue;
        }
        int[] shuffled = members[c].clone();
        rnd.shuffle(shuffled);
        for (int t = 0; t < Math.min(ctrlSize, shuffled.length); t++) {
          chosen[shuffled[t]] = true;
        }
      }
      for (int j : genes) {
        chosen[j] = false;
      }
      return java.util.stream.IntStream.range(0, cut.length).filter(j -> chosen[j]).toArray();
    }
  }

  /** Mean of every gene over all cells (unstored values are zeros), summed in the cells' order. */
  public static double[] geneMeans(CsrMatrix x) {
    return GeneStats.of(x).means();
  }
}
