package org.myelin.core.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;

class SampleFeaturesTest {

  /**
   * One nerve of 21 Schwann cells along y = 0 from x = 0 to 200 um; 40 CD8 T cells straight above
   * its middle at 10 to 400 um whose exhaustion falls by 0.25 per 100 um; three tumour cells beside
   * the nerve's first cell.
   */
  static SampleFeatures.SampleCells section(String name, double injury) {
    List<double[]> xy = new ArrayList<>();
    List<Integer> type = new ArrayList<>();
    List<Double> exhaustion = new ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      xy.add(new double[] {10 * i, 0});
      type.add(0);
      exhaustion.add(0.0);
    }
    for (int k = 1; k <= 40; k++) {
      xy.add(new double[] {100, 10 * k});
      type.add(1);
      exhaustion.add(1 - 10 * k / 400.0);
    }
    for (double[] t : new double[][] {{-5, 5}, {-5, -5}, {0, -8}}) {
      xy.add(t);
      type.add(2);
      exhaustion.add(0.0);
    }
    int n = xy.size();
    double[] x = new double[n];
    double[] y = new double[n];
    int[] codes = new int[n];
    double[] ex = new double[n];
    double[] inj = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = xy.get(i)[0];
      y[i] = xy.get(i)[1];
      codes[i] = type.get(i);
      ex[i] = exhaustion.get(i);
      inj[i] = codes[i] == 0 ? injury : 0;
    }
    Map<String, double[]> scores = new HashMap<>();
    for (String sig : SampleFeatures.Options.defaults().signatures()) {
      scores.put(sig, new double[n]);
    }
    scores.put("TEX_LI2019_DYSFUNCTION", ex);
    scores.put("NERVE_INJURY_NEURON_RAG_UP", inj);
    return new SampleFeatures.SampleCells(name, new String[] {"schwann", "cd8_t", "tumour"}, codes, scores, x, y);
  }

  private static double value(Frame f, String column, int row) {
    return ((DoubleColumn) f.get(column)).values()[row];
  }

  @Test
  void measuresTheNicheOfAKnownSection() {
    SampleFeatures.Result r = SampleFeatures.compute(List.of(section("A", 0.2), section("B", 0.8)),
        SampleFeatures.Options.defaults());
    Frame f = r.table();
    assertEquals(64, value(f, "n_cells", 0));
    assertEquals(40 / 64.0, value(f, "fraction_cd8_t", 0), 1e-15);
    assertEquals(-0.25, value(f, "exhaustion_distance_slope_per_100um", 0), 1e-12);
    assertTrue(value(f, "exhaustion_distance_slope_ci_high", 0) - value(f, "exhaustion_distance_slope_ci_low", 0) < 1e-9,
        "an exact line has no spread");
    assertEquals(1, value(f, "nerves", 0));
    assertEquals(0.2, value(f, "nerve_injury", 0), 1e-15);
    // Nerves of A and B have mean injury 0.2 and 0.8: the cohort's median, 0.5, makes B's injured.
    assertEquals(0.5, r.injuredThreshold(), 1e-15);
    assertEquals(0, value(f, "injured_nerve_fraction", 0));
    assertEquals(1, value(f, "injured_nerve_fraction", 1));
    // Exhausted: above the cohort's 75th percentile of CD8 exhaustion, the ten cells nearest the nerve.
    double[] ex = section("A", 0).scores().get("TEX_LI2019_DYSFUNCTION");
    int exhausted = 0;
    for (int i = 21; i < 61; i++) {
      exhausted += ex[i] > r.exhaustedThreshold() ? 1 : 0;
    }
    assertEquals(10, exhausted);
    double tissue = value(f, "tissue_mm2", 0);
    assertTrue(tissue > 0 && tissue < 0.1, "tissue area " + tissue);
    assertTrue(value(f, "exhausted_cd8_niche_per_mm2", 0) > value(f, "exhausted_cd8_distal_per_mm2", 0));
    assertTrue(value(f, "pni_candidates_per_mm2", 0) > 0, "the first nerve cells have three tumour cells at hand");
  }
}
