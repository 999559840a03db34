package org.myelin.core.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.matrix.FloatCsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.score.GeneSet;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;

/**
 * A simulated section of a squamous carcinoma with nerves and immune infiltrate, with the truth of
 * every cell, after the biology of Baruch et al. (Nature 2025: perineural invasion injures nerves,
 * injured nerves drive IL-6/interferon inflammation and CD8 T-cell exhaustion) and Zhang et al.
 * (Cell 2025: tumour ATF4-SLIT2 drives nociceptor CGRP, which turns macrophages M2-like).
 *
 * <p>Counts: each cell's expression profile is a heavy-tailed gene baseline times the programs of
 * its type and state; a cell's count of gene g is negative binomial with mean {@code L p_g} (L a
 * log-normal library size) and a gene-wise dispersion that falls with the gene's mean, sampled as
 * a gamma-Poisson mixture. Block {@code b} of {@link RandomStreams#ROWS_PER_BLOCK} cells draws from
 * its own stream, so the counts do not depend on the thread count, and blocks can be streamed.
 */
public final class TumourSection {

  /**
   * Every parameter of a simulation; {@link #defaults} gives sensible values.
   *
   * @param nCells cells
   * @param nGenes genes (at least the library, housekeeping and mitochondrial genes)
   * @param seed the seed of every draw
   * @param mouse mouse gene symbols (MGI, {@code mt-} prefix) instead of human
   * @param umiScale multiplies every cell type's median library size
   * @param librarySdLog standard deviation of log library size within a type
   * @param geneSdLog standard deviation of log baseline abundance across genes
   * @param tumourFraction share of the section covered by tumour nests
   * @param nervesPerMm2 nerve bundles per square millimetre (at least 3 in all)
   * @param invadedFraction share of nerves routed through a tumour nest (perineural invasion)
   * @param markerFold fold change of a cell type's marker genes
   * @param injuryFold fold change of the injury and repair programs in Schwann cells of injured nerves
   * @param myelinLossFold fold by which repair Schwann cells lose myelin genes
   * @param inflammationFold fold change of interferon and IL-6 genes next to an injured nerve
   * @param inflammationRangeUm decay length of inflammation with distance to the nearest injured nerve
   * @param exhaustionFold fold change of exhaustion genes in a fully exhausted CD8 T cell
   * @param exhaustionRangeUm decay length of exhaustion with distance to the nearest injured nerve
   * @param cgrpRangeUm decay length of CGRP signal with distance to a nerve
   * @param m2Strength how strongly CGRP turns macrophages M2-like (probability per unit of signal)
   * @param attackFold fold change of ATF4 and SLIT2 in tumour cells under immune attack
   * @param attackRadiusUm reach of a cytotoxic cell's attack
   * @param damagedFraction share of damaged cells (high mitochondrial fraction, fewer UMIs)
   * @param doubletFraction share of droplets holding a second cell
   */
  public record Options(int nCells, int nGenes, long seed, boolean mouse, double umiScale, double librarySdLog,
      double geneSdLog, double tumourFraction, double nervesPerMm2, double invadedFraction, double markerFold,
      double injuryFold, double myelinLossFold, double inflammationFold, double inflammationRangeUm,
      double exhaustionFold, double exhaustionRangeUm, double cgrpRangeUm, double m2Strength, double attackFold,
      double attackRadiusUm, double damagedFraction, double doubletFraction) {

    public Options {
      if (nCells < 1) {
        throw new IllegalArgumentException("Invalid number of cells: " + nCells);
      }
      requireFraction("tumourFraction", tumourFraction);
      requireFraction("invadedFraction", invadedFraction);
      requireFraction("damagedFraction", damagedFraction);
      requireFraction("doubletFraction", doubletFraction);
      requirePositive("umiScale", umiScale);
      requirePositive("nervesPerMm2", nervesPerMm2);
      requirePositive("inflammationRangeUm", inflammationRangeUm);
      requirePositive("exhaustionRangeUm", exhaustionRangeUm);
      requirePositive("cgrpRangeUm", cgrpRangeUm);
      requirePositive("attackRadiusUm", attackRadiusUm);
      for (double fold : new double[] {markerFold, injuryFold, myelinLossFold, inflammationFold + 1,
          exhaustionFold + 1, attackFold}) {
        if (!(fold >= 1)) {
          throw new IllegalArgumentException("Invalid fold change: " + fold + " (folds are at least 1)");
        }
      }
      if (!(librarySdLog >= 0) || !(geneSdLog >= 0) || !(m2Strength >= 0)) {
        throw new IllegalArgumentException("Invalid spread: librarySdLog=" + librarySdLog + ", geneSdLog="
            + geneSdLog + ", m2Strength=" + m2Strength);
      }
    }

    private static void requireFraction(String name, double v) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("Invalid " + name + ": " + v + " (a fraction in [0, 1])");
      }
    }

    private static void requirePositive(String name, double v) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("Invalid " + name + ": " + v + " (must be positive)");
      }
    }

    public static Options defaults(int nCells, int nGenes, long seed) {
      return new Options(nCells, nGenes, seed, false, 1.0, 0.4, 1.5, 0.35, 8, 0.5, 20, 6, 6, 4, 200, 8, 150, 100,
          0.7, 4, 30, 0.03, 0.0);
    }

    /** The same parameters with another share of doublets. */
    public Options withDoubletFraction(double fraction) {
      return new Options(nCells, nGenes, seed, mouse, umiScale, librarySdLog, geneSdLog, tumourFraction, nervesPerMm2,
          invadedFraction, markerFold, injuryFold, myelinLossFold, inflammationFold, inflammationRangeUm,
          exhaustionFold, exhaustionRangeUm, cgrpRangeUm, m2Strength, attackFold, attackRadiusUm, damagedFraction,
          fraction);
    }

    /** The parameters as uns["simulation"] records them. */
    public Map<String, Object> asMap() {
      return recordMap(this);
    }
  }

  /** A record's components by name, ints widened to longs as h5ad's uns stores them. */
  static Map<String, Object> recordMap(Record r) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (var c : r.getClass().getRecordComponents()) {
      try {
        Object v = c.getAccessor().invoke(r);
        m.put(c.getName(), v instanceof Integer i ? Long.valueOf(i) : v);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return m;
  }

  /** Background genes of each type's own identity program. */
  static final int IDENTITY_GENES = 30;

  /**
   * Least mean count of a marker gene in a cell of its type at the type's median library: markers are
   * chosen in real data because they are detected (CD8A, IL7R or MS4A1 in over a third of their cells
   * in 10x PBMC data), so a marker whose random baseline would leave it all but silent is raised.
   */
  static final double MARKER_FLOOR_UMIS = 0.5;

  private final Options options;
  private final GeneSpace genes;
  private final double[] geneFactor;
  private final TissueLayout layout;
  private final double[] base;
  private final double[] dispersion;
  private final double baseTotal;
  private final int[][] markers;
  private final double[][] markerFold;
  private final int[][] identity;
  private final double[][] identityFold;
  private final int[] exhaustionGenes;
  private final int[] progenitorGenes;
  private final int[] memoryGenes;
  private final int[] myelinGenes;
  private final int[] repairGenes;
  private final int[] axonGenes;
  private final int[] cgrpLigands;
  private final int[] m2Genes;
  private final int[] m1Genes;
  private final int[] inflammationGenes;
  private final int[] attackGenes;

  /**
   * @param library the signature library (human or mouse, to match {@code options.mouse()})
   * @param backgroundNames names for background genes, or null for {@code SIM00001}, ...
   */
  public TumourSection(Options options, List<GeneSet> library, List<String> backgroundNames) {
    this(options, library, backgroundNames, null, options.seed());
  }

  /**
   * As above, for one patient of a cohort: the genes' baseline abundances and the cell types'
   * identity programs drawn from {@code geneSeed}, which the patients share (one tissue, one
   * species), the cells from the options' seed; and every gene's expected count multiplied by
   * {@code geneFactor[j]} (null for none), a batch's gene-wise shifts and its own genes.
   */
  public TumourSection(Options options, List<GeneSet> library, List<String> backgroundNames, double[] geneFactor,
      long geneSeed) {
    this.options = options;
    this.genes = new GeneSpace(library, options.mouse(), options.nGenes(), backgroundNames);
    if (geneFactor != null && geneFactor.length != genes.names.length) {
      throw new IllegalArgumentException(geneFactor.length + " gene factors for " + genes.names.length + " genes");
    }
    this.geneFactor = geneFactor;
    this.layout = new TissueLayout(options);
    SplittableRandom rnd = RandomStreams.of(geneSeed, -2);
    int g = genes.names.length;
    base = new double[g];
    for (int j = 0; j < g; j++) {
      base[j] = Math.exp(options.geneSdLog() * RandomStreams.gaussian(rnd));
    }
    // Specific genes are quiet until a program raises them; housekeeping and mitochondrial genes are abundant.
    for (int j = 0; j < genes.nSignature; j++) {
      base[j] *= 0.3;
    }
    for (int j : genes.housekeeping) {
      base[j] = 20 + 40 * rnd.nextDouble();
    }
    for (int j : genes.mitochondrial) {
      base[j] = 15 + 30 * rnd.nextDouble();
    }
    double total = 0;
    for (double b : base) {
      total += b;
    }
    baseTotal = total;
    dispersion = new double[g];
    double typicalLibrary = 2500 * options.umiScale();
    for (int j = 0; j < g; j++) {
      double mean = typicalLibrary * base[j] / baseTotal;
      // Dispersion falls with the mean, as fitted to droplet data (sctransform's theta grows with it).
      dispersion[j] = Math.min(3.0, 0.1 + 0.4 / Math.sqrt(mean + 0.05));
    }
    CellType[] types = CellType.values();
    markers = new int[types.length][];
    markerFold = new double[types.length][];
    for (CellType t : types) {
      int[] m = genes.union(t.markerSets().toArray(new String[0]));
      markers[t.ordinal()] = m;
      // A marker is a gene its type is seen to express: raised by markerFold, and further where the
      // gene's baseline is so low that it would average under MARKER_FLOOR_UMIS in a cell of the type.
      double typeLibrary = t.medianUmis() * options.umiScale();
      markerFold[t.ordinal()] = new double[m.length];
      for (int k = 0; k < m.length; k++) {
        double floor = MARKER_FLOOR_UMIS * baseTotal / (typeLibrary * base[m[k]]);
        markerFold[t.ordinal()][k] = Math.max(options.markerFold(), floor);
      }
    }
    identity = new int[types.length][];
    identityFold = new double[types.length][];
    pickIdentityPrograms(geneSeed);
    exhaustionGenes = genes.union("TEX_CORE_CHECKPOINT", "TEX_LI2019_DYSFUNCTION", "TEX_VANDERLEUN2020_DYSFUNCTIONAL");
    progenitorGenes = genes.set("TEX_PROGENITOR_TPEX");
    memoryGenes = genes.set("TCELL_MEMORY_LIKE_VANDERLEUN2020");
    myelinGenes = genes.set("SCHWANN_MYELIN_DOWN");
    repairGenes = genes.union("SCHWANN_REPAIR_UP", "NERVE_INJURY_NEURON_RAG_UP");
    axonGenes = genes.set("CELLTYPE_NEURON_NERVE_FIBER");
    cgrpLigands = pick(options.mouse() ? new String[] {"Calca", "Calcb"} : new String[] {"CALCA", "CALCB"});
    m2Genes = genes.set("MACROPHAGE_M2_LIKE");
    m1Genes = genes.set("M1_LIKE_MARKERS");
    inflammationGenes = genes.union("HALLMARK_INTERFERON_ALPHA_RESPONSE", "IFN_TYPE1_SCORE_RICE2013",
        "HALLMARK_IL6_JAK_STAT3_SIGNALING", "GP130_IL6_FAMILY_INJURY_UP");
    attackGenes = pick(options.mouse() ? new String[] {"Atf4", "Slit2"} : new String[] {"ATF4", "SLIT2"});
  }

  /**
   * Gives each type {@link #IDENTITY_GENES} background genes of its own, each raised by a fold
   * between 2 and 6. Real cell types differ in hundreds of genes besides their canonical markers (CD4
   * and CD8 T cells share all but a few markers yet separate in any PCA); without such programs,
   * types that differ only by two or three sparse markers are alike in every other gene.
   */
  private void pickIdentityPrograms(long seed) {
    SplittableRandom rnd = RandomStreams.of(seed, -3);
    int first = genes.firstBackground;
    int nBackground = genes.names.length - first;
    boolean[] taken = new boolean[nBackground];
    int perType = Math.min(IDENTITY_GENES, nBackground / identity.length);
    for (int t = 0; t < identity.length; t++) {
      identity[t] = new int[perType];
      identityFold[t] = new double[perType];
      for (int k = 0; k < perType; k++) {
        int j;
        do {
          j = rnd.nextInt(nBackground);
        } while (taken[j]);
        taken[j] = true;
        identity[t][k] = first + j;
        identityFold[t][k] = 2 + 4 * rnd.nextDouble();
      }
    }
  }

  private int[] pick(String[] names) {
    List<Integer> out = new ArrayList<>();
    for (String n : names) {
      int j = genes.index(n);
      if (j >= 0) {
        out.add(j);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  public Options options() {
    return options;
  }

  public int nBlocks() {
    return (options.nCells() + RandomStreams.ROWS_PER_BLOCK - 1) / RandomStreams.ROWS_PER_BLOCK;
  }

  public String[] geneNames() {
    return genes.names.clone();
  }

  /** The dispersion (1 / NB size) of each gene. */
  public double[] dispersion() {
    return dispersion.clone();
  }

  /**
   * Cell {@code i}'s expression multipliers on top of the baseline, written into {@code mult}
   * (all ones on entry; the caller resets the genes listed in {@code touched}, returned count).
   */
  private int programs(int i, double[] mult, int[] touched) {
    int[] count = {0};
    CellType t = layout.type[i];
    CellState s = layout.state[i];
    apply(markers[t.ordinal()], markerFold[t.ordinal()], mult, touched, count);
    apply(identity[t.ordinal()], identityFold[t.ordinal()], mult, touched, count);
    switch (t) {
      case SCHWANN -> {
        apply(axonGenes, 4, mult, touched, count);
        boolean injured = layout.nerves.get(layout.nerveId[i]).injured();
        apply(cgrpLigands, injured ? 12 : 4, mult, touched, count);
        if (s == CellState.REPAIR) {
          apply(repairGenes, options.injuryFold(), mult, touched, count);
          apply(myelinGenes, 8 / options.myelinLossFold(), mult, touched, count);
        } else {
          apply(myelinGenes, 8, mult, touched, count);
        }
      }
      case CD8_T -> {
        apply(exhaustionGenes, 1 + options.exhaustionFold() * layout.exhaustion[i], mult, touched, count);
        if (s == CellState.PROGENITOR_EXHAUSTED) {
          apply(progenitorGenes, 5, mult, touched, count);
        } else if (s == CellState.NAIVE_EFFECTOR) {
          apply(memoryGenes, 4, mult, touched, count);
        }
      }
      case MACROPHAGE -> apply(s == CellState.M2_LIKE ? m2Genes : m1Genes, 8, mult, touched, count);
      case TUMOUR -> {
        if (s == CellState.ATTACKED) {
          apply(attackGenes, options.attackFold(), mult, touched, count);
        }
      }
      default -> { }
    }
    if (layout.inflammation[i] > 0) {
      apply(inflammationGenes, 1 + options.inflammationFold() * layout.inflammation[i], mult, touched, count);
    }
    if (layout.damaged[i]) {
      apply(genes.mitochondrial, 8, mult, touched, count);
    }
    return count[0];
  }

  private static void apply(int[] set, double fold, double[] mult, int[] touched, int[] count) {
    for (int j : set) {
      if (mult[j] == 1.0) {
        touched[count[0]++] = j;
      }
      mult[j] *= fold;
    }
  }

  /** As {@link #apply(int[], double, double[], int[], int[])} with a fold per gene. */
  private static void apply(int[] set, double[] folds, double[] mult, int[] touched, int[] count) {
    for (int k = 0; k < set.length; k++) {
      int j = set[k];
      if (mult[j] == 1.0) {
        touched[count[0]++] = j;
      }
      mult[j] *= folds[k];
    }
  }

  /** Expected counts of every gene in cell {@code i} with library size {@code library}. */
  private void expected(int i, double library, double[] mult, int[] touched, double[] out) {
    int nt = programs(i, mult, touched);
    double z = baseTotal;
    for (int k = 0; k < nt; k++) {
      int j = touched[k];
      z += base[j] * (mult[j] - 1);
    }
    double scale = library / z;
    for (int j = 0; j < base.length; j++) {
      out[j] = base[j] * mult[j] * scale;
    }
    for (int k = 0; k < nt; k++) {
      mult[touched[k]] = 1.0;
    }
  }

  /** The expected count of every gene in cell {@code i} at its median library size (for tests). */
  public double[] expectedCounts(int i, double library) {
    double[] mult = new double[base.length];
    Arrays.fill(mult, 1.0);
    double[] out = new double[base.length];
    expected(i, library, mult, new int[base.length], out);
    return out;
  }

  /** The median library size of cell {@code i}'s type, damage included. */
  public double medianLibrary(int i) {
    return layout.type[i].medianUmis() * options.umiScale() * (layout.damaged[i] ? 0.5 : 1);
  }

  /** Generates block {@code b} of the counts: cells {@code [b * ROWS_PER_BLOCK, ...)}. */
  public FloatCsrBlock block(int b) {
    int r0 = b * RandomStreams.ROWS_PER_BLOCK;
    int rows = Math.min(RandomStreams.ROWS_PER_BLOCK, options.nCells() - r0);
    SplittableRandom rnd = RandomStreams.of(options.seed(), b);
    int g = base.length;
    double[] mult = new double[g];
    Arrays.fill(mult, 1.0);
    int[] touched = new int[g];
    double[] mu = new double[g];
    int[] counts = new int[g];
    int[] indptr = new int[rows + 1];
    int[] indices = new int[Math.max(16, rows * 256)];
    float[] data = new float[indices.length];
    int nnz = 0;
    for (int r = 0; r < rows; r++) {
      int i = r0 + r;
      double library = medianLibrary(i) * Math.exp(options.librarySdLog() * RandomStreams.gaussian(rnd));
      expected(i, library, mult, touched, mu);
      scaleByGene(mu);
      for (int j = 0; j < g; j++) {
        counts[j] = negativeBinomial(mu[j], dispersion[j], rnd);
      }
      int partner = layout.doubletPartner[i];
      if (partner >= 0) {
        double partnerLibrary = medianLibrary(partner) * Math.exp(options.librarySdLog() * RandomStreams.gaussian(rnd));
        expected(partner, partnerLibrary, mult, touched, mu);
        scaleByGene(mu);
        for (int j = 0; j < g; j++) {
          counts[j] += negativeBinomial(mu[j], dispersion[j], rnd);
        }
      }
      for (int j = 0; j < g; j++) {
        if (counts[j] > 0) {
          if (nnz == indices.length) {
            indices = Arrays.copyOf(indices, indices.length * 2);
            data = Arrays.copyOf(data, data.length * 2);
          }
          indices[nnz] = j;
          data[nnz] = counts[j];
          nnz++;
        }
      }
      indptr[r + 1] = nnz;
    }
    return new FloatCsrBlock(g, indptr, Arrays.copyOf(indices, nnz), Arrays.copyOf(data, nnz));
  }

  private void scaleByGene(double[] mu) {
    if (geneFactor != null) {
      for (int j = 0; j < mu.length; j++) {
        mu[j] *= geneFactor[j];
      }
    }
  }

  /**
   * A negative binomial draw with mean {@code mu} and dispersion {@code phi} (variance
   * mu + phi mu^2). Below a mean of 20 by inversion of the CDF with one uniform (most genes of most
   * cells have tiny means, so this is the hot path and it is exact); above, as a gamma-Poisson mixture.
   */
  static int negativeBinomial(double mu, double phi, SplittableRandom rnd) {
    if (mu <= 0) {
      return 0;
    }
    if (mu < 20) {
      double r = 1 / phi;
      double q = mu / (r + mu);
      double p = Math.exp(-r * Math.log1p(mu * phi)); // P(0) = (1 + mu phi)^(-1/phi)
      double u = rnd.nextDouble();
      double cdf = p;
      int k = 0;
      while (u > cdf && k < 10_000) {
        p *= (k + r) / (k + 1) * q;
        k++;
        cdf += p;
        if (p < 1e-300) {
          break;
        }
      }
      return k;
    }
    return RandomStreams.poisson(gamma(1 / phi, rnd) * mu * phi, rnd);
  }


  /** Gamma(shape, 1) by Marsaglia and Tsang (2000), boosted for shape below 1. */
  static double gamma(double shape, SplittableRandom rnd) {
    if (shape < 1) {
      return gamma(shape + 1, rnd) * Math.pow(rnd.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = RandomStreams.gaussian(rnd);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rnd.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /** The counts as one matrix, blocks generated in parallel. */
  public CsrMatrix counts(Parallel parallel) {
    FloatCsrBlock[] blocks = new FloatCsrBlock[nBlocks()];
    parallel.forEach(blocks.length, b -> blocks[b] = block(b));
    return CsrMatrix.ofBlocks(base.length, false, Arrays.asList(blocks));
  }

  /** obs: the truth of every cell. */
  public Frame obs() {
    int n = options.nCells();
    String[] names = new String[n];
    int[] typeCodes = new int[n];
    int[] stateCodes = new int[n];
    int[] nerveCodes = new int[n];
    boolean[] invaded = new boolean[n];
    boolean[] injured = new boolean[n];
    boolean[] doublet = new boolean[n];
    boolean[] homotypic = new boolean[n];
    String[] compartments = {"tumour", "stroma", "nerve"};
    int[] compartment = new int[n];
    for (int i = 0; i < n; i++) {
      names[i] = String.format("cell%07d", i + 1);
      typeCodes[i] = layout.type[i].ordinal();
      stateCodes[i] = layout.state[i].ordinal();
      nerveCodes[i] = layout.nerveId[i];
      if (layout.nerveId[i] >= 0) {
        invaded[i] = layout.nerves.get(layout.nerveId[i]).invaded();
        injured[i] = layout.nerves.get(layout.nerveId[i]).injured();
      }
      doublet[i] = layout.doubletPartner[i] >= 0;
      homotypic[i] = doublet[i] && layout.type[layout.doubletPartner[i]] == layout.type[i];
      compartment[i] = layout.type[i] == CellType.SCHWANN ? 2
          : layout.type[i] == CellType.TUMOUR || (layout.type[i].isImmune() && insideNest(i)) ? 0 : 1;
    }
    String[] nerveNames = new String[layout.nerves.size()];
    for (int k = 0; k < nerveNames.length; k++) {
      nerveNames[k] = "nerve" + k;
    }
    Frame obs = new Frame(names);
    obs.put("cell_type", new CategoricalColumn(typeCodes, CellType.labels(), false));
    obs.put("cell_state", new CategoricalColumn(stateCodes, CellState.labels(), false));
    obs.put("compartment", new CategoricalColumn(compartment, compartments, false));
    obs.put("nerve_id", new CategoricalColumn(nerveCodes, nerveNames, false));
    obs.put("nerve_invaded", new BooleanColumn(invaded));
    obs.put("nerve_injured", new BooleanColumn(injured));
    obs.put("distance_to_nerve_um", new DoubleColumn(layout.distNerve.clone()));
    obs.put("distance_to_injured_nerve_um", new DoubleColumn(layout.distInjured.clone()));
    obs.put("exhaustion_level", new DoubleColumn(layout.exhaustion.clone()));
    obs.put("inflammation_level", new DoubleColumn(layout.inflammation.clone()));
    obs.put("cgrp_signal", new DoubleColumn(layout.cgrp.clone()));
    obs.put("damaged", new BooleanColumn(layout.damaged.clone()));
    obs.put("is_doublet", new BooleanColumn(doublet));
    if (options.doubletFraction() > 0) {
      obs.put("doublet_homotypic", new BooleanColumn(homotypic)); // the two cells of one type
    }
    return obs;
  }

  private boolean insideNest(int i) {
    for (TissueLayout.Nest nest : layout.nests) {
      if (nest.borderDistance(layout.x[i], layout.y[i]) < 0) {
        return true;
      }
    }
    return false;
  }

  /** x/y of every cell in micrometres, for {@code obsm["spatial"]}. */
  public DenseDoubleMatrix spatial() {
    int n = options.nCells();
    double[] xy = new double[2 * n];
    for (int i = 0; i < n; i++) {
      xy[2 * i] = layout.x[i];
      xy[2 * i + 1] = layout.y[i];
    }
    return new DenseDoubleMatrix(n, 2, xy);
  }

  /** One row per nerve: its geometry and truth, for {@code uns["nerves"]}. */
  public Frame nerves() {
    int m = layout.nerves.size();
    String[] ids = new String[m];
    boolean[] invaded = new boolean[m];
    boolean[] injured = new boolean[m];
    double[] width = new double[m];
    double[] length = new double[m];
    double[] x0 = new double[m];
    double[] y0 = new double[m];
    double[] x1 = new double[m];
    double[] y1 = new double[m];
    long[] cells = new long[m];
    for (TissueLayout.Nerve nv : layout.nerves) {
      int k = nv.id();
      ids[k] = "nerve" + k;
      invaded[k] = nv.invaded();
      injured[k] = nv.injured();
      width[k] = nv.widthUm();
      length[k] = nv.length();
      x0[k] = nv.px()[0];
      y0[k] = nv.py()[0];
      x1[k] = nv.px()[nv.px().length - 1];
      y1[k] = nv.py()[nv.py().length - 1];
    }
    for (int id : layout.nerveId) {
      if (id >= 0) {
        cells[id]++;
      }
    }
    Frame f = new Frame(ids);
    f.put("invaded", new BooleanColumn(invaded));
    f.put("injured", new BooleanColumn(injured));
    f.put("width_um", new DoubleColumn(width));
    f.put("length_um", new DoubleColumn(length));
    f.put("x_start_um", new DoubleColumn(x0));
    f.put("y_start_um", new DoubleColumn(y0));
    f.put("x_end_um", new DoubleColumn(x1));
    f.put("y_end_um", new DoubleColumn(y1));
    f.put("n_cells", new IntColumn(cells));
    return f;
  }

  /** uns["simulation"]: every parameter, the seed, and the section's size. */
  public Map<String, Object> unsRecord() {
    Map<String, Object> sim = new LinkedHashMap<>(options.asMap());
    sim.put("section_width_um", layout.width);
    sim.put("section_height_um", layout.height);
    sim.put("n_nerves", (long) layout.nerves.size());
    sim.put("n_nests", (long) layout.nests.size());
    sim.put("model", "myelin TumourSection: gamma-Poisson counts over type/state programs of the signature library");
    return sim;
  }

  /** Everything in one container: counts in X, the truth in obs and uns, coordinates in obsm. */
  public CellData toCellData(Parallel parallel) {
    CellData d = new CellData(counts(parallel), obs(), new Frame(geneNames()));
    d.putObsm(Keys.OBSM_SPATIAL, spatial());
    d.uns().put("simulation", unsRecord());
    d.uns().put("nerves", nerves());
    UNITS.record(d);
    return d;
  }

  /** The simulator lays cells out in micrometres. */
  public static final org.myelin.core.spatial.SpatialUnits UNITS =
      new org.myelin.core.spatial.SpatialUnits(1, "simulated section, coordinates in micrometres");
}
