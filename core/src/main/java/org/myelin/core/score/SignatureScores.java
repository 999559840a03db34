package org.myelin.core.score;

import java.util.List;
import java.util.Locale;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/**
 * Many gene sets scored by several methods at once: planned from the genes' statistics over all
 * cells (the bins and controls of {@code module} and {@code seurat}, the z-scores of {@code zmean}),
 * then applied to any run of cells, the whole matrix or one block streamed from a file, with the
 * same result per cell either way. The set means of every method come from one pass over the cells
 * and the rank-based methods sort each cell once for all sets.
 */
public final class SignatureScores {

  /** The scoring methods, by their command-line names. */
  public enum Method {
    /** scanpy's score_genes. */
    MODULE,
    /** Seurat's AddModuleScore. */
    SEURAT,
    UCELL,
    AUCELL,
    MEAN,
    ZMEAN;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Method of(String key) {
      for (Method m : values()) {
        if (m.key().equals(key)) {
          return m;
        }
      }
      throw new IllegalArgumentException("Invalid --score-method: " + key + " (module, seurat, ucell, aucell, mean or zmean)");
    }

    /** Whether the method needs statistics of every gene over all cells before scoring any cell. */
    public boolean needsGeneStats() {
      return this == MODULE || this == SEURAT || this == ZMEAN;
    }
  }

  /**
   * The methods' parameters, each with its tool's default.
   *
   * @param ctrlSize module: controls drawn per bin (scanpy 50)
   * @param nBins module: expression bins (scanpy 25)
   * @param seuratNBins seurat: bins (24)
   * @param seuratCtrl seurat: controls per set gene (100)
   * @param seuratSeed seurat: R's seed (1)
   * @param ucellMaxRank ucell: maxRank (1500; capped at the gene count)
   * @param aucMaxRank aucell: aucMaxRank (0: 5% of the genes)
   * @param seed module's numpy seed and aucell's tie order
   */
  public record Options(int ctrlSize, int nBins, int seuratNBins, int seuratCtrl, int seuratSeed, int ucellMaxRank,
      int aucMaxRank, long seed) {

    public static Options defaults(long seed) {
      return new Options(50, 25, SeuratModuleScore.N_BINS, SeuratModuleScore.CTRL, 1, UCell.MAX_RANK, 0, seed);
    }
  }

  private final int nGenes;
  private final int[][] sets;
  private final List<Method> methods;
  private final Options options;
  private final int[][] moduleControls;
  private final int[][] seuratControls;
  private final double[] zWeight;
  private final double[] zOffset;

  /**
   * @param sets column indices of each set's genes
   * @param stats the genes over all cells (needed when a method {@linkplain Method#needsGeneStats
   *     needs them}; may be null otherwise)
   * @param givenControls per set, control genes to use instead of drawing them (module and seurat),
   *     or null entries (or null) to draw them
   */
  public SignatureScores(int nGenes, int[][] sets, List<Method> methods, GeneStats stats, int[][] givenControls,
      Options options) {
    this.nGenes = nGenes;
    this.sets = sets;
    this.methods = List.copyOf(methods);
    this.options = options;
    boolean stat = methods.stream().anyMatch(Method::needsGeneStats);
    if (stat && (stats == null || stats.cells() == 0)) {
      throw new IllegalArgumentException("methods " + methods + " need gene statistics over the cells");
    }
    double[] means = stat ? stats.means() : null;
    moduleControls = methods.contains(Method.MODULE) ? new int[sets.length][] : null;
    seuratControls = methods.contains(Method.SEURAT) ? new int[sets.length][] : null;
    ModuleScore.Bins bins = moduleControls != null && !allGiven(givenControls, sets.length)
        ? new ModuleScore.Bins(means, options.nBins()) : null;
    SeuratModuleScore seurat = seuratControls != null && !allGiven(givenControls, sets.length)
        ? new SeuratModuleScore(means, options.seuratNBins(), options.seuratSeed()) : null;
    for (int s = 0; s < sets.length; s++) {
      int[] given = givenControls == null ? null : givenControls[s];
      if (moduleControls != null) {
        moduleControls[s] = given != null ? given
            : bins.controls(sets[s], options.ctrlSize(), options.seed());
      }
      if (seuratControls != null) {
        seuratControls[s] = given != null ? given : seurat.controls(sets[s], options.seuratCtrl());
      }
    }
    if (methods.contains(Method.ZMEAN)) {
      // mean over the set of (x - mu) / sd = (sum of x / sd - sum of mu / sd) / n; constant genes 0.
      double[] sd = stats.sds();
      zWeight = new double[nGenes];
      zOffset = new double[sets.length];
      for (int j = 0; j < nGenes; j++) {
        zWeight[j] = sd[j] > 0 ? 1 / sd[j] : 0;
      }
      for (int s = 0; s < sets.length; s++) {
        for (int j : sets[s]) {
          zOffset[s] += means[j] * zWeight[j] / sets[s].length;
        }
      }
    } else {
      zWeight = null;
      zOffset = null;
    }
  }

  private static boolean allGiven(int[][] given, int n) {
    if (given == null) {
      return false;
    }
    for (int s = 0; s < n; s++) {
      if (given[s] == null) {
        return false;
      }
    }
    return true;
  }

  public List<Method> methods() {
    return methods;
  }

  /** The controls of set {@code s} for module or seurat (column indices), or null. */
  public int[] controls(Method m, int s) {
    return switch (m) {
      case MODULE -> moduleControls[s];
      case SEURAT -> seuratControls[s];
      default -> null;
    };
  }

  /** aucMaxRank as used: the option, or 5% of the genes. */
  public int aucMaxRank() {
    return options.aucMaxRank() > 0 ? Math.min(options.aucMaxRank(), nGenes) : AUCell.defaultMaxRank(nGenes);
  }

  public int ucellMaxRank() {
    return Math.min(options.ucellMaxRank(), nGenes);
  }

  /**
   * Scores cells {@code firstRow ..} of the data, given as {@code x}.
   *
   * @return scores[set][method, in the order given][cell of x]
   */
  public double[][][] score(CsrMatrix x, int firstRow, Parallel parallel) {
    if (x.nCols() != nGenes) {
      throw new IllegalArgumentException("cells have " + x.nCols() + " genes, the plan " + nGenes);
    }
    int k = sets.length;
    // Every list whose plain mean some method needs: the sets, then each method's controls.
    int[][] lists = new int[3 * k][];
    for (int s = 0; s < k; s++) {
      lists[s] = sets[s];
      lists[k + s] = moduleControls != null ? moduleControls[s] : new int[0];
      lists[2 * k + s] = seuratControls != null ? seuratControls[s] : new int[0];
    }
    double[][] means = RowMeans.of(x, lists, null, parallel);
    double[][] z = zWeight != null ? RowMeans.of(x, sets, zWeight, parallel) : null;
    double[][] ucell = methods.contains(Method.UCELL) ? UCell.score(x, sets, ucellMaxRank(), parallel) : null;
    double[][] aucell = methods.contains(Method.AUCELL)
        ? AUCell.score(x, firstRow, sets, aucMaxRank(), options.seed(), parallel) : null;
    int n = x.nRows();
    double[][][] out = new double[k][methods.size()][];
    for (int s = 0; s < k; s++) {
      for (int m = 0; m < methods.size(); m++) {
        out[s][m] = switch (methods.get(m)) {
          case MODULE -> minus(means[s], means[k + s]);
          case SEURAT -> minus(means[s], means[2 * k + s]);
          case MEAN -> means[s].clone();
          case ZMEAN -> {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
              v[i] = z[s][i] - zOffset[s];
            }
            yield v;
          }
          case UCELL -> ucell[s];
          case AUCELL -> aucell[s];
        };
      }
    }
    return out;
  }

  private static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }
}
