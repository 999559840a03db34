package org.myelin.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.core.score.GeneSet;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

class CohortTest {

  private static final List<GeneSet> LIBRARY;

  static {
    try {
      LIBRARY = TumourSectionTest.library();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Non-responders' tumours have more injured nerves, and their CD8 T cells express more of the
   * exhaustion checkpoint program (counts of TEX_CORE_CHECKPOINT's genes per 10,000), as planted.
   */
  @Test
  void responseGroupsDifferInInjuryAndExhaustionWithThePlantedSign() {
    Cohort cohort = new Cohort(Cohort.Options.defaults(6, 3), TumourSection.Options.defaults(2500, 800, 0), LIBRARY);
    GeneSet checkpoint = LIBRARY.stream().filter(g -> g.name().equals("TEX_CORE_CHECKPOINT")).findFirst().orElseThrow();
    double[] injured = new double[2];
    double[] exhaustion = new double[2];
    int[] patients = new int[2];
    try (Parallel parallel = new Parallel(2)) {
      for (int i = 0; i < cohort.patients().size(); i++) {
        int group = cohort.patients().get(i).responder() ? 0 : 1;
        TumourSection section = cohort.section(i);
        boolean[] nerveInjured = ((BooleanColumn) section.nerves().get("injured")).values();
        int count = 0;
        for (boolean b : nerveInjured) {
          count += b ? 1 : 0;
        }
        injured[group] += count / (double) nerveInjured.length;
        exhaustion[group] += meanProgram(section, checkpoint, "cd8_t", parallel);
        patients[group]++;
      }
    }
    assertEquals(3, patients[0], "half the patients respond");
    assertTrue(injured[1] / 3 > injured[0] / 3 + 0.3, "injured nerves: R " + injured[0] / 3 + ", NR " + injured[1] / 3);
    assertTrue(exhaustion[1] > 1.5 * exhaustion[0],
        "checkpoint program in CD8 T cells: R " + exhaustion[0] / 3 + ", NR " + exhaustion[1] / 3);
  }

  /** The program's counts per 10,000 in the cells of one type, averaged. */
  private static double meanProgram(TumourSection section, GeneSet set, String type, Parallel parallel) {
    CsrMatrix counts = section.counts(parallel);
    java.util.Set<String> genes = new java.util.HashSet<>(set.genes());
    String[] names = section.geneNames();
    CategoricalColumn types = (CategoricalColumn) section.obs().get("cell_type");
    double sum = 0;
    int cells = 0;
    for (int c = 0; c < counts.nRows(); c++) {
      if (!types.value(c).equals(type)) {
        continue;
      }
      CsrMatrix.Row row = counts.row(c);
      double total = 0;
      double program = 0;
      for (int k = row.start(); k < row.end(); k++) {
        total += row.value(k);
        program += genes.contains(names[row.index(k)]) ? row.value(k) : 0;
      }
      sum += 1e4 * program / total;
      cells++;
    }
    return sum / cells;
  }

  /** More injury, earlier progression; and the same cohort for the same seed. */
  @Test
  void survivalShortensWithInjuryAndTheCohortIsTheSameForASeed() {
    Cohort.Options o = Cohort.Options.defaults(200, 9);
    Cohort a = new Cohort(o, TumourSection.Options.defaults(100, 800, 0), LIBRARY);
    Cohort b = new Cohort(o, TumourSection.Options.defaults(100, 800, 0), LIBRARY);
    double[] burden = a.patients().stream().mapToDouble(Cohort.Patient::injuryBurden).toArray();
    assertArrayEquals(burden, b.patients().stream().mapToDouble(Cohort.Patient::injuryBurden).toArray());
    double median = org.myelin.core.stats.Quantiles.percentile(burden, 50);
    double[] pfs = new double[2];
    int[] count = new int[2];
    for (Cohort.Patient p : a.patients()) {
      int high = p.injuryBurden() > median ? 1 : 0;
      pfs[high] += p.pfsMonths();
      count[high]++;
    }
    assertTrue(pfs[1] / count[1] < 0.7 * pfs[0] / count[0],
        "mean PFS: low burden " + pfs[0] / count[0] + ", high " + pfs[1] / count[1]);
  }
}
