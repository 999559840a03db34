package org.myelin.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.score.GeneSet;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.DoubleColumn;

/**
 * The planted biology is in the counts. One default section of 6,000 cells (seed 3) is simulated
 * once; each test states its threshold and why.
 */
class TumourSectionTest {

  static List<GeneSet> library() throws IOException {
    List<GeneSet> sets = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("..", "seeds", "signatures_human.gmt"))) {
      String[] f = line.split("\t");
      if (f.length >= 3) {
        sets.add(new GeneSet(f[0], f[1], Arrays.asList(f).subList(2, f.length)));
      }
    }
    return sets;
  }

  private static TumourSection section;
  private static CellData data;
  private static double[][] logNorm; // per cell: gene -> log1p(CP10k), dense (6000 x 3000)
  private static double[] totals;
  private static String[] types;
  private static Map<String, Integer> gene = new HashMap<>();
  private static Map<String, List<String>> sets = new HashMap<>();

  @BeforeAll
  static void simulate() throws IOException {
    List<GeneSet> lib = library();
    lib.forEach(s -> sets.put(s.name(), s.genes()));
    section = new TumourSection(TumourSection.Options.defaults(6000, 3000, 3), lib, null);
    data = section.toCellData(new Parallel(2));
    String[] names = data.var().index();
    for (int j = 0; j < names.length; j++) {
      gene.put(names[j], j);
    }
    int n = data.nObs();
    logNorm = new double[n][data.nVars()];
    totals = new double[n];
    CsrMatrix x = data.x();
    for (int b = 0; b < x.nBlocks(); b++) {
      CsrBlock block = x.block(b);
      for (int r = 0; r < block.nRows(); r++) {
        int i = x.rowOffset(b) + r;
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          totals[i] += block.value(k);
        }
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          logNorm[i][block.index(k)] = Math.log1p(block.value(k) / totals[i] * 1e4);
        }
      }
    }
    CategoricalColumn ct = (CategoricalColumn) data.obs().get("cell_type");
    types = new String[n];
    for (int i = 0; i < n; i++) {
      types[i] = ct.value(i);
    }
  }

  private static double setScore(int cell, String set) {
    double s = 0;
    int m = 0;
    for (String g : sets.get(set)) {
      Integer j = gene.get(g);
      if (j != null) {
        s += logNorm[cell][j];
        m++;
      }
    }
    return s / m;
  }

  private static int[] cellsOf(String type) {
    return java.util.stream.IntStream.range(0, types.length).filter(i -> types[i].equals(type)).toArray();
  }

  @Test
  void countsAreOverdispersedWithVarianceGrowingFasterThanTheMean() {
    // Within one cell type (fibroblasts), NB counts have var = mu + phi mu^2 (> mu), and with the
    // library-size spread on top, log var grows faster than log mean: slope > 1 (Poisson gives 1).
    int[] cells = cellsOf("fibroblast");
    CsrMatrix x = data.x();
    List<double[]> meanVar = new ArrayList<>();
    for (int j = 0; j < data.nVars(); j++) {
      double s = 0;
      double s2 = 0;
      for (int i : cells) {
        double v = x.get(i, j);
        s += v;
        s2 += v * v;
      }
      double mean = s / cells.length;
      double var = s2 / cells.length - mean * mean;
      if (mean > 0.5) {
        meanVar.add(new double[] {mean, var});
      }
    }
    assertTrue(meanVar.size() > 50, "expressed genes: " + meanVar.size());
    long over = meanVar.stream().filter(mv -> mv[1] > mv[0]).count();
    assertTrue(over >= 0.95 * meanVar.size(), over + " of " + meanVar.size() + " genes overdispersed");
    double[] lx = meanVar.stream().mapToDouble(mv -> Math.log(mv[0])).toArray();
    double[] ly = meanVar.stream().mapToDouble(mv -> Math.log(mv[1])).toArray();
    System.out.printf("overdispersed genes %d of %d, log-var on log-mean slope %.3f%n", over, meanVar.size(), slope(lx, ly));
    assertTrue(slope(lx, ly) > 1.05, "log var ~ log mean slope " + slope(lx, ly));
  }

  @Test
  void zeroFractionsMatchTheNegativeBinomial() {
    // Expected P(0) of each gene over fibroblasts, from the model's profile at each cell's observed
    // total: mean over cells of (1 + phi mu)^(-1/phi). Tolerance: mean absolute error 0.02 (sampling
    // error of a fraction over ~1,000 cells is about 0.015), no gene off by more than 0.1.
    int[] cells = cellsOf("fibroblast");
    double[] phi = section.dispersion();
    double[] expected = new double[data.nVars()];
    double[] observed = new double[data.nVars()];
    for (int i : cells) {
      double[] mu = section.expectedCounts(i, totals[i]);
      for (int j = 0; j < mu.length; j++) {
        expected[j] += Math.pow(1 + phi[j] * mu[j], -1 / phi[j]) / cells.length;
        observed[j] += (data.x().get(i, j) == 0 ? 1.0 : 0.0) / cells.length;
      }
    }
    double mae = 0;
    double max = 0;
    for (int j = 0; j < expected.length; j++) {
      mae += Math.abs(expected[j] - observed[j]) / expected.length;
      max = Math.max(max, Math.abs(expected[j] - observed[j]));
    }
    System.out.printf("zero fraction vs NB expectation: mean abs error %.4f, max %.4f%n", mae, max);
    assertTrue(mae < 0.02, "mean abs error " + mae);
    assertTrue(max < 0.1, "max error " + max);
  }

  @Test
  void librarySizesAreInRange() {
    // Median UMIs of each type within 15% of its configured median (damaged cells excluded; the
    // log-normal's median is the configured value).
    BooleanColumn damaged = (BooleanColumn) data.obs().get("damaged");
    for (CellType t : CellType.values()) {
      double[] libs = Arrays.stream(cellsOf(t.label())).filter(i -> !damaged.values()[i]).mapToDouble(i -> totals[i]).sorted().toArray();
      if (libs.length < 40) {
        continue;
      }
      double median = libs[libs.length / 2];
      assertEquals(t.medianUmis(), median, 0.15 * t.medianUmis(), t.label());
    }
  }

  @Test
  void eachTypesMarkersAreHighestInThatType() {
    for (CellType t : CellType.values()) {
      int[] own = cellsOf(t.label());
      if (own.length < 20) {
        continue;
      }
      for (String set : t.markerSets()) {
        double ownMean = Arrays.stream(own).mapToDouble(i -> setScore(i, set)).average().orElseThrow();
        for (CellType other : CellType.values()) {
          if (other == t || other.markerSets().contains(set)) {
            continue; // CD4, CD8 and Treg share the pan-T set
          }
          int[] cells = cellsOf(other.label());
          if (cells.length == 0) {
            continue;
          }
          double otherMean = Arrays.stream(cells).mapToDouble(i -> setScore(i, set)).average().orElseThrow();
          assertTrue(ownMean > otherMean, set + ": " + t.label() + " " + ownMean + " <= " + other.label() + " " + otherMean);
        }
      }
    }
  }

  @Test
  void everyMarkerIsSeenInItsType() {
    // Each marker averages at least 0.5 counts at its type's median library (raised where its baseline
    // is lower); other programs of the cell share the library, so the bound checked is 0.25.
    boolean[] damaged = ((org.myelin.core.table.BooleanColumn) data.obs().get("damaged")).values();
    for (CellType t : CellType.values()) {
      int[] own = Arrays.stream(cellsOf(t.label())).filter(i -> !damaged[i]).toArray();
      if (own.length < 50) {
        continue;
      }
      for (String set : t.markerSets()) {
        for (String g : sets.get(set)) {
          int j = gene.get(g);
          double mean = Arrays.stream(own).mapToDouble(i -> Math.expm1(logNorm[i][j]) * totals[i] / 1e4).average()
              .orElseThrow();
          assertTrue(mean >= 0.25, g + " of " + set + " in " + t.label() + ": " + mean);
        }
      }
    }
  }

  @Test
  void cd4AndCd8TCellsDifferBeyondTheirMarkers() {
    // Their identity programs: 30 background genes each, 2 to 6 fold, so 60 genes apart; 36 of them by
    // more than 0.4 in mean log1p CP10k on this section (faint genes move less); without the programs
    // no background gene is that far apart.
    int[] cd4 = cellsOf("cd4_t");
    int[] cd8 = cellsOf("cd8_t");
    int apart = 0;
    for (int j = 0; j < data.nVars(); j++) {
      if (!data.var().index()[j].startsWith("SIM")) {
        continue;
      }
      int jj = j;
      double a = Arrays.stream(cd4).mapToDouble(i -> logNorm[i][jj]).average().orElseThrow();
      double b = Arrays.stream(cd8).mapToDouble(i -> logNorm[i][jj]).average().orElseThrow();
      apart += Math.abs(a - b) > 0.4 ? 1 : 0;
    }
    assertTrue(apart >= 30 && apart <= 60, apart + " background genes apart");
  }

  @Test
  void cd8ExhaustionFallsWithDistanceToTheNearestInjuredNerve() {
    // The threshold: Spearman rho at most -0.3 for the per-cell mean of the exhaustion genes.
    int[] cd8 = cellsOf("cd8_t");
    double[] dist = ((DoubleColumn) data.obs().get("distance_to_injured_nerve_um")).values();
    double[] score = new double[cd8.length];
    double[] d = new double[cd8.length];
    for (int k = 0; k < cd8.length; k++) {
      score[k] = setScore(cd8[k], "TEX_CORE_CHECKPOINT");
      d[k] = dist[cd8[k]];
    }
    double rho = spearman(score, d);
    System.out.printf("exhaustion vs distance to injured nerve: Spearman rho %.3f over %d CD8 T cells%n", rho, cd8.length);
    assertTrue(cd8.length > 100, "CD8 T cells: " + cd8.length);
    assertTrue(rho <= -0.3, "Spearman rho " + rho);
  }

  @Test
  void injuredNervesScoreHigherOnTheInjuryProgram() {
    // Nerve by nerve (nerves of 10+ cells): the lowest injured nerve's mean injury score is above the
    // highest uninjured nerve's, and the lowest uninjured nerve's myelin score above the highest injured's.
    CategoricalColumn nerve = (CategoricalColumn) data.obs().get("nerve_id");
    BooleanColumn injured = (BooleanColumn) data.obs().get("nerve_injured");
    double minInjured = Double.POSITIVE_INFINITY;
    double maxUninjured = Double.NEGATIVE_INFINITY;
    double minMyelinUninjured = Double.POSITIVE_INFINITY;
    double maxMyelinInjured = Double.NEGATIVE_INFINITY;
    int nInjured = 0;
    int nUninjured = 0;
    for (int id = 0; id < nerve.categories().length; id++) {
      final int nid = id;
      int[] cells = java.util.stream.IntStream.range(0, data.nObs()).filter(i -> nerve.codes()[i] == nid).toArray();
      if (cells.length < 10) {
        continue;
      }
      double injury = Arrays.stream(cells).mapToDouble(i -> setScore(i, "NERVE_INJURY_NEURON_RAG_UP")).average().orElseThrow();
      double myelin = Arrays.stream(cells).mapToDouble(i -> setScore(i, "SCHWANN_MYELIN_DOWN")).average().orElseThrow();
      if (injured.values()[cells[0]]) {
        nInjured++;
        minInjured = Math.min(minInjured, injury);
        maxMyelinInjured = Math.max(maxMyelinInjured, myelin);
      } else {
        nUninjured++;
        maxUninjured = Math.max(maxUninjured, injury);
        minMyelinUninjured = Math.min(minMyelinUninjured, myelin);
      }
    }
    assertTrue(nInjured >= 2 && nUninjured >= 2, nInjured + " injured, " + nUninjured + " uninjured nerves");
    assertTrue(minInjured > maxUninjured, "injury score: lowest injured " + minInjured + ", highest uninjured " + maxUninjured);
    assertTrue(minMyelinUninjured > maxMyelinInjured, "myelin: lowest uninjured " + minMyelinUninjured + ", highest injured " + maxMyelinInjured);
  }

  @Test
  void m2MacrophagesSitWhereCgrpIsHighAndAttackedTumourRaisesAtf4Slit2() {
    CategoricalColumn state = (CategoricalColumn) data.obs().get("cell_state");
    double[] cgrp = ((DoubleColumn) data.obs().get("cgrp_signal")).values();
    double m2 = Arrays.stream(cellsOf("macrophage")).filter(i -> state.value(i).equals("m2_like")).mapToDouble(i -> cgrp[i]).average().orElseThrow();
    double m1 = Arrays.stream(cellsOf("macrophage")).filter(i -> state.value(i).equals("m1_like")).mapToDouble(i -> cgrp[i]).average().orElseThrow();
    assertTrue(m2 > m1 * 1.5, "CGRP at M2 " + m2 + " vs M1 " + m1);
    int atf4 = gene.get("ATF4");
    int slit2 = gene.get("SLIT2");
    int[] tumour = cellsOf("tumour_squamous");
    double attacked = Arrays.stream(tumour).filter(i -> state.value(i).equals("attacked")).mapToDouble(i -> logNorm[i][atf4] + logNorm[i][slit2]).average().orElseThrow();
    double calm = Arrays.stream(tumour).filter(i -> state.value(i).equals("baseline")).mapToDouble(i -> logNorm[i][atf4] + logNorm[i][slit2]).average().orElseThrow();
    assertTrue(attacked > calm + 0.5, "ATF4+SLIT2 attacked " + attacked + " vs baseline " + calm);
  }

  @Test
  void tumourNestsAreContiguousNervesElongatedImmuneClustered() {
    double[] xy = ((org.myelin.core.matrix.DenseDoubleMatrix) data.obsm().get("spatial")).data();
    double spacing = Math.sqrt(TissueLayout.AREA_PER_CELL_UM2);
    // Nests: tumour cells linked within 1.6 cell spacings form few large pieces. At least 90% of
    // tumour cells lie in pieces of 20+ cells (immune infiltrate and crossing nerves split a few off).
    int[] tumour = cellsOf("tumour_squamous");
    int[] comp = components(tumour, xy, 1.6 * spacing);
    Map<Integer, Integer> size = new HashMap<>();
    for (int c : comp) {
      size.merge(c, 1, Integer::sum);
    }
    long inBig = Arrays.stream(comp).filter(c -> size.get(c) >= 20).count();
    assertTrue(inBig >= 0.9 * tumour.length, inBig + " of " + tumour.length + " tumour cells in nests of 20+");
    // Nerves: the Schwann cells of each nerve spread along one axis (principal variance ratio >= 4).
    CategoricalColumn nerve = (CategoricalColumn) data.obs().get("nerve_id");
    for (int id = 0; id < nerve.categories().length; id++) {
      final int nid = id;
      int[] cells = java.util.stream.IntStream.range(0, data.nObs()).filter(i -> nerve.codes()[i] == nid).toArray();
      if (cells.length < 30) {
        continue;
      }
      assertTrue(elongation(cells, xy) >= 4, "nerve" + id + " elongation " + elongation(cells, xy));
    }
    // Immune cells: counts in 100 um squares vary far more than a uniform (Poisson) spread would.
    double w = (double) ((Map<?, ?>) data.uns().get("simulation")).get("section_width_um");
    int q = (int) Math.ceil(w / 100);
    double[] counts = new double[q * q];
    for (int i = 0; i < data.nObs(); i++) {
      if (CellType.valueOf(typeEnum(types[i])).isImmune()) {
        counts[Math.min(q - 1, (int) (xy[2 * i + 1] / 100)) * q + Math.min(q - 1, (int) (xy[2 * i] / 100))]++;
      }
    }
    double mean = Arrays.stream(counts).average().orElseThrow();
    double var = Arrays.stream(counts).map(c -> (c - mean) * (c - mean)).sum() / counts.length;
    assertTrue(var / mean >= 1.5, "immune dispersion index " + var / mean);
  }

  private static String typeEnum(String label) {
    for (CellType t : CellType.values()) {
      if (t.label().equals(label)) {
        return t.name();
      }
    }
    throw new AssertionError(label);
  }

  @Test
  void doubletsCarryTwoCellsWorthOfCounts() throws IOException {
    TumourSection.Options d = TumourSection.Options.defaults(3000, 800, 5);
    TumourSection.Options o = new TumourSection.Options(3000, 800, 5, false, d.umiScale(), d.librarySdLog(), d.geneSdLog(),
        d.tumourFraction(), d.nervesPerMm2(), d.invadedFraction(), d.markerFold(), d.injuryFold(), d.myelinLossFold(),
        d.inflammationFold(), d.inflammationRangeUm(), d.exhaustionFold(), d.exhaustionRangeUm(), d.cgrpRangeUm(),
        d.m2Strength(), d.attackFold(), d.attackRadiusUm(), d.damagedFraction(), 0.2);
    CellData cd = new TumourSection(o, library(), null).toCellData(new Parallel(2));
    boolean[] doublet = ((BooleanColumn) cd.obs().get("is_doublet")).values();
    double[] lib = new double[cd.nObs()];
    for (int b = 0; b < cd.x().nBlocks(); b++) {
      CsrBlock block = cd.x().block(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int k = block.rowStart(r); k < block.rowStart(r + 1); k++) {
          lib[cd.x().rowOffset(b) + r] += block.value(k);
        }
      }
    }
    double[] singles = java.util.stream.IntStream.range(0, lib.length).filter(i -> !doublet[i]).mapToDouble(i -> lib[i]).sorted().toArray();
    double[] doubles = java.util.stream.IntStream.range(0, lib.length).filter(i -> doublet[i]).mapToDouble(i -> lib[i]).sorted().toArray();
    // About 20% doublets; their median library about twice a single cell's (1.6x allows for type mix).
    assertEquals(0.2, doubles.length / (double) lib.length, 0.03);
    assertTrue(doubles[doubles.length / 2] > 1.6 * singles[singles.length / 2],
        "median UMIs: doublets " + doubles[doubles.length / 2] + ", singles " + singles[singles.length / 2]);
  }

  @Test
  void sameSeedSameDataForAnyThreadCount() throws IOException {
    TumourSection.Options o = TumourSection.Options.defaults(5000, 800, 11);
    CsrMatrix one = new TumourSection(o, library(), null).counts(new Parallel(1));
    CsrMatrix two = new TumourSection(o, library(), null).counts(new Parallel(2));
    assertEquals(one.nnz(), two.nnz());
    assertArrayEquals(one.indptr(), two.indptr());
    for (int b = 0; b < one.nBlocks(); b++) {
      float[] a = new float[one.block(b).nnz()];
      float[] c = new float[two.block(b).nnz()];
      one.block(b).copyValues(0, a, 0, a.length);
      two.block(b).copyValues(0, c, 0, c.length);
      assertArrayEquals(a, c);
    }
    CsrMatrix other = new TumourSection(TumourSection.Options.defaults(5000, 800, 12), library(), null).counts(new Parallel(2));
    assertTrue(other.nnz() != one.nnz());
  }

  @Test
  void mouseSectionsUseMouseSymbols() throws IOException {
    List<GeneSet> mouse = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("..", "seeds", "signatures_mouse.gmt"))) {
      String[] f = line.split("\t");
      mouse.add(new GeneSet(f[0], f[1], Arrays.asList(f).subList(2, f.length)));
    }
    TumourSection.Options d = TumourSection.Options.defaults(500, 1500, 1);
    TumourSection.Options o = new TumourSection.Options(500, 1500, 1, true, d.umiScale(), d.librarySdLog(), d.geneSdLog(),
        d.tumourFraction(), d.nervesPerMm2(), d.invadedFraction(), d.markerFold(), d.injuryFold(), d.myelinLossFold(),
        d.inflammationFold(), d.inflammationRangeUm(), d.exhaustionFold(), d.exhaustionRangeUm(), d.cgrpRangeUm(),
        d.m2Strength(), d.attackFold(), d.attackRadiusUm(), d.damagedFraction(), d.doubletFraction());
    List<String> names = Arrays.asList(new TumourSection(o, mouse, null).geneNames());
    assertTrue(names.contains("mt-Co1") && names.contains("Mpz") && names.contains("Actb"), names.subList(0, 20).toString());
  }

  @Test
  void badOptionsAreRefusedByName() throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TumourSection(TumourSection.Options.defaults(100, 50, 0), library(), null));
    assertTrue(e.getMessage().startsWith("Invalid number of genes: 50"), e.getMessage());
    TumourSection.Options d = TumourSection.Options.defaults(100, 3000, 0);
    e = assertThrows(IllegalArgumentException.class, () -> new TumourSection.Options(100, 3000, 0, false, 1, 0.4, 1.5,
        1.5, d.nervesPerMm2(), 0.5, 20, 6, 6, 4, 200, 8, 150, 100, 0.7, 4, 30, 0.03, 0));
    assertEquals("Invalid tumourFraction: 1.5 (a fraction in [0, 1])", e.getMessage());
  }

  // ------------------------------------------------------------------ helpers

  static double slope(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElseThrow();
    double my = Arrays.stream(y).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxy / sxx;
  }

  static double spearman(double[] a, double[] b) {
    double[] ra = ranks(a);
    double[] rb = ranks(b);
    double ma = Arrays.stream(ra).average().orElseThrow();
    double mb = Arrays.stream(rb).average().orElseThrow();
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < ra.length; i++) {
      sab += (ra[i] - ma) * (rb[i] - mb);
      saa += (ra[i] - ma) * (ra[i] - ma);
      sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }

  /** Average ranks, ties sharing the mean of their positions. */
  static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
    double[] r = new double[v.length];
    for (int i = 0; i < v.length;) {
      int j = i;
      while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      for (int k = i; k <= j; k++) {
        r[order[k]] = (i + j) / 2.0 + 1;
      }
      i = j + 1;
    }
    return r;
  }

  private static int[] components(int[] cells, double[] xy, double radius) {
    int[] parent = new int[cells.length];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int a = 0; a < cells.length; a++) {
      for (int b = a + 1; b < cells.length; b++) {
        double dx = xy[2 * cells[a]] - xy[2 * cells[b]];
        double dy = xy[2 * cells[a] + 1] - xy[2 * cells[b] + 1];
        if (dx * dx + dy * dy <= radius * radius) {
          parent[find(parent, a)] = find(parent, b);
        }
      }
    }
    int[] out = new int[cells.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = find(parent, i);
    }
    return out;
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  private static double elongation(int[] cells, double[] xy) {
    double mx = 0;
    double my = 0;
    for (int i : cells) {
      mx += xy[2 * i] / cells.length;
      my += xy[2 * i + 1] / cells.length;
    }
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i : cells) {
      double dx = xy[2 * i] - mx;
      double dy = xy[2 * i + 1] - my;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    double tr = sxx + syy;
    double det = sxx * syy - sxy * sxy;
    double disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
    return (tr / 2 + disc) / Math.max(1e-9, tr / 2 - disc);
  }
}
