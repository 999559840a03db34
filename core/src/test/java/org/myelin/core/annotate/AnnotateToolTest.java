package org.myelin.core.annotate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.score.GeneSet;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.tool.ToolContext;

class AnnotateToolTest {

  private static final List<GeneSet> SETS = List.of(new GeneSet("A", "", List.of("a1", "a2")),
      new GeneSet("B", "", List.of("b1", "b2")), new GeneSet("C", "", List.of("c1", "c2", "c3", "c4")));

  /** Rows: cells; columns a1 a2 b1 b2 c1 (c2-c4 absent from the data). */
  private static CellData cells(double[][] x) {
    int n = x.length;
    int g = x[0].length;
    long[] ptr = new long[n + 1];
    int[] idx = new int[n * g];
    double[] val = new double[n * g];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < g; j++) {
        idx[i * g + j] = j;
        val[i * g + j] = x[i][j];
      }
      ptr[i + 1] = (long) (i + 1) * g;
    }
    String[] obs = new String[n];
    for (int i = 0; i < n; i++) {
      obs[i] = "c" + i;
    }
    return new CellData(CsrMatrix.fromCsr(g, ptr, idx, val), new Frame(obs),
        new Frame(new String[] {"a1", "a2", "b1", "b2", "c1"}));
  }

  @Test
  void eachCellGetsTheTypeWhoseMarkersItExpressesAndASetNeedsHalfItsGenes() {
    CellData d = cells(new double[][] {
        {2.0, 1.5, 0.1, 0.0, 0.5}, {1.8, 2.2, 0.0, 0.2, 0.4}, {0.1, 0.0, 2.1, 1.9, 0.3}, {0.0, 0.2, 1.7, 2.4, 0.6},
        {1.0, 1.0, 1.0, 1.0, 0.2}});
    List<CellTypes.Type> types = List.of(new CellTypes.Type("alpha", List.of("A")),
        new CellTypes.Type("beta", List.of("B")), new CellTypes.Type("gamma", List.of("C")));
    AnnotateTool.Options o = new AnnotateTool.Options(types, SETS, null, false, 0.1, 0.05, "cell_type");
    AnnotateTool.run(d, o, ToolContext.quiet(new Parallel(1), 0));
    CategoricalColumn c = (CategoricalColumn) d.obs().get("cell_type");
    // gamma has 1 of its 4 genes: not a type here. The last cell is as much alpha as beta: unassigned.
    assertArrayEquals(new String[] {"alpha", "beta", AnnotateTool.UNASSIGNED}, c.categories());
    assertArrayEquals(new int[] {0, 0, 1, 1, 2}, c.codes());
    assertEquals(2, AnnotateTool.usableTypes(o, d.var().index()).size());
  }

  @Test
  void aSetScoresTheSumOfItsGenesZOverTheRootOfTheirNumber() {
    // Three cells; gene 0 alone is set 0, genes 0-3 together set 1.
    double[][] x = {{3, 0, 1, 2}, {0, 1, 1, 0}, {0, 2, 4, 1}};
    CellData d = cells(new double[][] {{3, 0, 1, 2, 0}, {0, 1, 1, 0, 0}, {0, 2, 4, 1, 0}});
    double[][] got = AnnotateTool.setScores(d.x(), new int[][] {{0}, {0, 1, 2, 3}},
        ToolContext.quiet(new Parallel(1), 0));
    for (int i = 0; i < 3; i++) {
      double[] z = new double[4];
      for (int j = 0; j < 4; j++) {
        double mean = (x[0][j] + x[1][j] + x[2][j]) / 3;
        double var = 0;
        for (double[] row : x) {
          var += (row[j] - mean) * (row[j] - mean) / 2;
        }
        z[j] = Math.max(-3, Math.min(3, (x[i][j] - mean) / Math.sqrt(var)));
      }
      assertEquals(z[0], got[0][i], 1e-12);
      assertEquals((z[0] + z[1] + z[2] + z[3]) / 2, got[1][i], 1e-12);
    }
  }

  @Test
  void annotationNeedsTheMarkersOfTwoTypes() {
    CellData d = cells(new double[][] {{1, 0, 0, 0, 0}, {0, 1, 0, 0, 0}, {1, 1, 0, 0, 0}});
    AnnotateTool.Options o = new AnnotateTool.Options(List.of(new CellTypes.Type("alpha", List.of("A")),
        new CellTypes.Type("gamma", List.of("C"))), SETS, null, false, 0.1, 0.05, "cell_type");
    assertThrows(IllegalArgumentException.class, () -> AnnotateTool.run(d, o, ToolContext.quiet(new Parallel(1), 0)));
  }
}
