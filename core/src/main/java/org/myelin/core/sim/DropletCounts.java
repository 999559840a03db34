package org.myelin.core.sim;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.FloatCsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Frame;

/**
 * Droplet-like UMI counts: log-normal library sizes, heavy-tailed (log-normal) gene abundances,
 * and a few cell types, each raising its own marker genes, so that counts are over-dispersed
 * across cells the way scRNA-seq counts are (Svensson, Nat Biotechnol 2020: droplet counts are
 * close to multinomial sampling of a cell-specific expression profile).
 *
 * <p>Each cell's UMIs are drawn one by one from its type's gene distribution (Walker's alias
 * method), which costs O(UMIs) per cell rather than O(genes). Block {@code b} (of
 * {@link #ROWS_PER_BLOCK} cells) draws from its own random stream derived from the seed and
 * {@code b}, so the result is identical for any thread count and a block can be made on its own
 * to stream a matrix larger than memory.
 */
public final class DropletCounts {

  /** Cells per generated block: fixed, so block contents never depend on the thread count. */
  public static final int ROWS_PER_BLOCK = 4096;

  /**
   * @param nCells cells (rows)
   * @param nGenes genes (columns)
   * @param meanUmis median UMIs per cell (the log-normal's median)
   * @param librarySdLog standard deviation of log library size
   * @param geneSdLog standard deviation of log gene abundance (heavy tail across genes)
   * @param nTypes cell types
   * @param markersPerType genes each type raises
   * @param markerFold fold change of a type's markers
   * @param seed seed of every random draw
   */
  public record Options(int nCells, int nGenes, double meanUmis, double librarySdLog, double geneSdLog,
      int nTypes, int markersPerType, double markerFold, long seed) {

    public Options {
      if (nCells < 1 || nGenes < 1) {
        throw new IllegalArgumentException("Invalid shape: " + nCells + " cells x " + nGenes + " genes");
      }
      if (!(meanUmis > 0) || !(librarySdLog >= 0) || !(geneSdLog >= 0) || !(markerFold >= 1)) {
        throw new IllegalArgumentException("Invalid count parameters: meanUmis=" + meanUmis
            + ", librarySdLog=" + librarySdLog + ", geneSdLog=" + geneSdLog + ", markerFold=" + markerFold);
      }
      if (nTypes < 1 || markersPerType < 0 || markersPerType > nGenes) {
        throw new IllegalArgumentException("Invalid cell types: " + nTypes + " types, " + markersPerType + " markers");
      }
    }

    /** Defaults that give about 2,000 detected genes per cell at 20,000 genes, like 10x v3 data. */
    public static Options typical(int nCells, int nGenes, long seed) {
      return new Options(nCells, nGenes, 5000, 0.5, 1.8, 8, Math.min(50, nGenes), 8, seed);
    }
  }

  private final Options options;
  private final int[] cellType;
  private final double[][] aliasProb;
  private final int[][] aliasIndex;

  public DropletCounts(Options options) {
    this.options = options;
    SplittableRandom rnd = new SplittableRandom(options.seed());
    double[] base = new double[options.nGenes()];
    for (int j = 0; j < base.length; j++) {
      base[j] = Math.exp(options.geneSdLog() * gaussian(rnd));
    }
    aliasProb = new double[options.nTypes()][];
    aliasIndex = new int[options.nTypes()][];
    for (int t = 0; t < options.nTypes(); t++) {
      double[] w = base.clone();
      for (int m = 0; m < options.markersPerType(); m++) {
        w[rnd.nextInt(w.length)] *= options.markerFold();
      }
      aliasProb[t] = new double[w.length];
      aliasIndex[t] = new int[w.length];
      buildAlias(w, aliasProb[t], aliasIndex[t]);
    }
    cellType = new int[options.nCells()];
    for (int i = 0; i < cellType.length; i++) {
      cellType[i] = rnd.nextInt(options.nTypes());
    }
  }

  public Options options() {
    return options;
  }

  /** The planted type of every cell (ground truth). */
  public int[] cellTypes() {
    return cellType.clone();
  }

  public int nBlocks() {
    return (options.nCells() + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
  }

  /** Generates block {@code b}: cells {@code [b * ROWS_PER_BLOCK, ...)}. */
  public FloatCsrBlock block(int b) {
    int r0 = b * ROWS_PER_BLOCK;
    int rows = Math.min(ROWS_PER_BLOCK, options.nCells() - r0);
    SplittableRandom rnd = new SplittableRandom(mix(options.seed(), b));
    int nGenes = options.nGenes();
    int[] counts = new int[nGenes];
    int[] touched = new int[nGenes];
    int[] indptr = new int[rows + 1];
    int[] indices = new int[Math.max(16, rows * 64)];
    float[] data = new float[indices.length];
    int nnz = 0;
    double logMedian = Math.log(options.meanUmis());
    for (int r = 0; r < rows; r++) {
      int type = cellType[r0 + r];
      double[] prob = aliasProb[type];
      int[] alias = aliasIndex[type];
      int umis = (int) Math.round(Math.exp(logMedian + options.librarySdLog() * gaussian(rnd)));
      int nTouched = 0;
      for (int u = 0; u < umis; u++) {
        int j = rnd.nextInt(nGenes);
        if (rnd.nextDouble() >= prob[j]) {
          j = alias[j];
        }
        if (counts[j]++ == 0) {
          touched[nTouched++] = j;
        }
      }
      Arrays.sort(touched, 0, nTouched);
      if (nnz + nTouched > indices.length) {
        int grow = Math.max(nnz + nTouched, indices.length + indices.length / 2);
        indices = Arrays.copyOf(indices, grow);
        data = Arrays.copyOf(data, grow);
      }
      for (int k = 0; k < nTouched; k++) {
        int j = touched[k];
        indices[nnz] = j;
        data[nnz] = counts[j];
        counts[j] = 0;
        nnz++;
      }
      indptr[r + 1] = nnz;
    }
    return new FloatCsrBlock(nGenes, indptr, Arrays.copyOf(indices, nnz), Arrays.copyOf(data, nnz));
  }

  /** The whole matrix, blocks generated in parallel. */
  public CsrMatrix matrix(Parallel parallel) {
    FloatCsrBlock[] blocks = new FloatCsrBlock[nBlocks()];
    parallel.forEach(blocks.length, b -> blocks[b] = block(b));
    return CsrMatrix.ofBlocks(options.nGenes(), false, Arrays.asList(blocks));
  }

  /**
   * The counts as a {@link CellData}: barcodes {@code CELL000001-1}, genes {@code GENE00001}, and
   * the planted type in {@code obs["cell_type"]} (categories {@code type0}, {@code type1}, ...).
   */
  public CellData toCellData(Parallel parallel) {
    int n = options.nCells();
    String[] cells = new String[n];
    for (int i = 0; i < n; i++) {
      cells[i] = String.format("CELL%06d-1", i + 1);
    }
    String[] genes = new String[options.nGenes()];
    for (int j = 0; j < genes.length; j++) {
      genes[j] = String.format("GENE%05d", j + 1);
    }
    String[] types = new String[options.nTypes()];
    for (int t = 0; t < types.length; t++) {
      types[t] = "type" + t;
    }
    Frame obs = new Frame(cells);
    obs.put("cell_type", new CategoricalColumn(cellTypes(), types, false));
    return new CellData(matrix(parallel), obs, new Frame(genes));
  }

  /** Walker's alias tables for sampling index j with probability w[j] / sum(w). */
  static void buildAlias(double[] w, double[] prob, int[] alias) {
    int n = w.length;
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int j = 0; j < n; j++) {
      scaled[j] = w[j] * n / sum;
      if (scaled[j] < 1) {
        small[ns++] = j;
      } else {
        large[nl++] = j;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      prob[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    while (nl > 0) {
      int l = large[--nl];
      prob[l] = 1;
      alias[l] = l;
    }
    while (ns > 0) {
      int s = small[--ns];
      prob[s] = 1;
      alias[s] = s;
    }
  }

  /** A standard normal draw (Box-Muller; one of the pair is used, for simplicity of the stream). */
  static double gaussian(SplittableRandom rnd) {
    double u1 = 1.0 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Stafford's mix13 of seed and block index: independent, reproducible streams per block. */
  static long mix(long seed, long block) {
    long z = seed + 0x9E3779B97F4A7C15L * (block + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
