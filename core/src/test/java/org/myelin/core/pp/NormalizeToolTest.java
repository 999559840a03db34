package org.myelin.core.pp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CountCsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Frame;
import org.myelin.core.tool.ToolContext;

/** The guard against normalising twice, whichever pass settles it: the counts made in bytes, or a look at X. */
class NormalizeToolTest {

  private static CellData cells(float... values) {
    CsrMatrix x = CsrMatrix.fromCsr(3, new long[] {0, 3, 6}, new int[] {0, 1, 2, 0, 1, 2}, values);
    return new CellData(x, new Frame(new String[] {"c1", "c2"}), new Frame(new String[] {"g1", "g2", "g3"}));
  }

  private static String refusal(CellData d) {
    return assertThrows(IllegalArgumentException.class,
        () -> NormalizeTool.run(d, NormalizeTool.Options.defaults(), new ToolContext(new Parallel(2), 0, l -> { })))
        .getMessage();
  }

  @Test
  void countsAreNormalisedAndKeptInBytes() {
    // 300 is a count kept aside by the byte encoding, still counts.
    CellData d = cells(1, 0, 300, 2, 5, 7);
    NormalizeTool.run(d, NormalizeTool.Options.defaults(), new ToolContext(new Parallel(2), 0, l -> { }));
    CsrMatrix counts = d.layers().get("counts");
    assertInstanceOf(CountCsrBlock.class, counts.block(0));
    assertEquals(300, counts.block(0).value(2));
    assertEquals((float) Math.log1p(1f * (1f / (301f / 1e4f))), d.x().block(0).value(0), 1e-6);
  }

  @Test
  void valuesThatAreNotCountsAreNamedWhereTheyAre() {
    assertTrue(refusal(cells(1, 0, 3, 2, 0.5f, 7)).contains("non-integer values (0.5000 in cell c2, gene g2)"));
    assertTrue(refusal(cells(1, 0, 3, -2, 5, 7)).contains("negative values (-2.000 in cell c2, gene g1)"));
    CellData logged = cells(1, 0, 3, 2, 5, 7);
    logged.uns().put("log1p", new java.util.LinkedHashMap<String, Object>());
    assertTrue(refusal(logged).contains("uns['log1p'] is present"));
  }

  @Test
  void minusZeroIsACountThoughNotKeptInBytes() {
    // -0.0 is whole and not negative, so X is counts; the byte encoding leaves it to float32.
    CellData d = cells(1, -0f, 3, 2, 5, 7);
    List<String> log = new ArrayList<>();
    NormalizeTool.run(d, NormalizeTool.Options.defaults(), new ToolContext(new Parallel(1), 0, log::add));
    assertTrue(log.isEmpty(), log.toString());
    assertEquals(-0f, d.layers().get("counts").block(0).value(1));
  }
}
