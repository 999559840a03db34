package org.myelin.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.spatial.SpatialAutocorrelation;
import org.myelin.core.spatial.SpatialGraph;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

/**
 * Moran's I against R spdep 1.2.7's {@code moran.test} (randomisation = FALSE, alternative
 * "greater"; {@code seurat/moran_i_spdep.csv.gz}) on squidpy's test data, whose log-normalised X
 * Seurat scored as it is: spdep's 6-nearest-neighbour weights put each cell's own neighbours in its
 * row (myelin's kNN graph transposed: squidpy puts them in the column), row-standardised. The
 * statistic, its expectation and variance under normality, and the one-sided p-value must equal
 * spdep's printed 15 digits (1e-9; the cells have no tied distances).
 */
class SpdepMoranTest {

  @Test
  void moranTestEqualsSpdep() {
    Parallel p = new Parallel(2);
    CellData d = CellDataIO.read(SharedData.data("squidpy/test_data.h5ad"), CellDataIO.ReadOptions.DEFAULT, p);
    DenseMatrix xy = d.obsm().get("spatial");
    int n = d.nObs();
    org.myelin.core.spatial.Coordinates pos = org.myelin.core.spatial.Coordinates.of(xy);
    double[] x = pos.x();
    double[] y = pos.y();
    SpatialAutocorrelation.Weights w = new SpatialAutocorrelation.Weights(
        SpatialGraph.knn(x, y, 6, p).connectivities().transpose(), true);
    List<String[]> rows = SharedData.csv(SharedData.ref("squidpy_test_data/seurat/moran_i_spdep.csv.gz"));
    Map<String, Integer> gene = new HashMap<>();
    for (int j = 0; j < d.nVars(); j++) {
      gene.put(d.var().index()[j], j);
    }
    int[] genes = new int[rows.size() - 1];
    for (int r = 1; r < rows.size(); r++) {
      genes[r - 1] = gene.get(rows.get(r)[0]);
    }
    SpatialAutocorrelation.Result res = SpatialAutocorrelation.compute(w, d.x().selectColumns(genes).transpose(),
        SpatialAutocorrelation.Mode.MORAN, 0, 0, p);
    double expected = -1.0 / (n - 1);
    int compared = 0;
    for (int r = 1; r < rows.size(); r++) {
      String[] f = rows.get(r);
      int k = r - 1;
      if (f[1].equals("NA")) {
        assertTrue(Double.isNaN(res.stat()[k]), f[0] + " is constant");
        continue;
      }
      assertEquals(Double.parseDouble(f[1]), res.stat()[k], 1e-9, f[0] + " I");
      assertEquals(Double.parseDouble(f[2]), expected, 1e-12, "expectation");
      assertEquals(Double.parseDouble(f[3]), res.varNorm(), 1e-12, "variance");
      double greater = 0.5 * smile.math.special.Erf.erfc(res.zNorm()[k] / Math.sqrt(2));
      assertEquals(Double.parseDouble(f[4]), greater, 1e-9 + 1e-7 * Double.parseDouble(f[4]), f[0] + " p");
      compared++;
    }
    assertTrue(compared > 1000, compared + " genes");
    System.out.printf("spdep moran.test: %d genes equal%n", compared);
  }
}
