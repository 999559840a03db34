package org.myelin.core.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.parallel.Parallel;

class LigandReceptorTest {

  @Test
  void aPlantedPairIsFoundBetweenItsCategoriesAndInSpace() {
    // 3 categories of 200 cells on a line; the ligand is made by category 0, the receptor (two
    // subunits) by category 1; category 2 makes neither.
    int n = 600;
    SplittableRandom rnd = new SplittableRandom(1);
    int[] codes = new int[n];
    double[] ligand = new double[n];
    double[][] receptor = new double[2][n];
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      codes[i] = i / 200;
      x[i] = i;
      y[i] = rnd.nextDouble();
      ligand[i] = codes[i] == 0 ? 1 + rnd.nextDouble() : rnd.nextDouble() < 0.05 ? 1 : 0;
      receptor[0][i] = codes[i] == 1 ? 1 + rnd.nextDouble() : 0;
      receptor[1][i] = codes[i] == 1 ? 2 : 0;
    }
    LigandReceptor.Result r = LigandReceptor.permutationTest(ligand, receptor, codes, 3, 0.1, 500, 7, new Parallel(2));
    LigandReceptor.Result again = LigandReceptor.permutationTest(ligand, receptor, codes, 3, 0.1, 500, 7, new Parallel(1));
    assertEquals(1 / 501.0, r.pValue()[0][1], 1e-12);
    assertEquals(r.pValue()[0][1], again.pValue()[0][1], 0);
    assertTrue(Double.isNaN(r.pValue()[2][1]), "category 2 makes no ligand: no test");
    assertEquals(0, r.score()[1][0]);
    // In space: the ligand (cells 0-199) and the receptor (200-399) are neighbours only at x = 200,
    // so on a nearest-neighbour graph along the line their bivariate I is negative; a receptor made by
    // the ligand's own cells gives a strongly positive one.
    SpatialAutocorrelation.Weights w = new SpatialAutocorrelation.Weights(
        SpatialGraph.knn(x, y, 6, new Parallel(1)).connectivities(), true);
    LigandReceptor.Bivariate apart = LigandReceptor.bivariateMoran(w, ligand, LigandReceptor.complex(receptor), 199, 3);
    double[] same = ligand.clone();
    LigandReceptor.Bivariate together = LigandReceptor.bivariateMoran(w, ligand, same, 199, 3);
    assertTrue(apart.stat() < 0 && together.stat() > 0.5 && together.pValue() < 0.01,
        apart + " " + together);
  }
}
