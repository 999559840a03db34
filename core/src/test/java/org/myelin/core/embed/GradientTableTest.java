package org.myelin.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GradientTableTest {

  @Test
  void withinOneTenThousandthOfUmapLearnsCoefficients() {
    SplittableRandom random = new SplittableRandom(5);
    // a and b of umap-learn's curve for min_dist 0.001, 0.1, 0.5 (scanpy's default) and 0.99.
    for (double minDist : new double[] {0.001, 0.1, 0.5, 0.99}) {
      double[] ab = Umap.fitAb(1.0, minDist);
      double a = ab[0];
      double b = ab[1];
      GradientTable table = GradientTable.umap(a, b);
      double worst = 0;
      for (int i = 0; i < 200_000; i++) {
        double d2 = Math.exp(random.nextDouble(-35, 35));
        double pull = -2.0 * a * b * Math.pow(d2, b - 1.0) / (a * Math.pow(d2, b) + 1.0);
        double push = 2.0 * b / ((0.001 + d2) * (a * Math.pow(d2, b) + 1.0));
        worst = Math.max(worst, Math.abs(table.at(GradientTable.ATTRACTIVE, d2) / pull - 1));
        worst = Math.max(worst, Math.abs(table.at(GradientTable.REPULSIVE, d2) / push - 1));
      }
      assertTrue(worst < 1e-4, "min_dist " + minDist + ": worst relative error " + worst);
    }
  }

  @Test
  void theFunctionItselfOutsideTheTable() {
    double[] ab = Umap.fitAb(1.0, 0.5);
    GradientTable table = GradientTable.umap(ab[0], ab[1]);
    for (double d2 : new double[] {1e-15, 0x1p-41, 0x1p40, 1e15}) {
      assertEquals(2.0 * ab[1] / ((0.001 + d2) * (ab[0] * StrictMath.pow(d2, ab[1]) + 1.0)),
          table.at(GradientTable.REPULSIVE, d2), 0.0);
    }
  }
}
