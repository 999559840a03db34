package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;

/** The T cells alone, analysed again: counts back in X, the parent's labels kept under parent_*. */
class SubsetTest {

  @TempDir
  Path tmp;

  private static CellData read(Path p) {
    return CellDataIO.read(p, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
  }

  @Test
  void tCellsAloneAreClusteredAgainFromTheirCounts() {
    Path parent = tmp.resolve("parent.h5ad");
    assertEquals(0, CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", parent.toString(), "--steps",
        "qc,normalize,hvg,pca,neighbors,leiden,annotate").code());
    Path t = tmp.resolve("t.h5ad");
    CliRunner.Result r = CliRunner.run("subset", parent.toString(), "-o", t.toString(), "--where",
        "cell_type in (cd8_t, cd4_t, treg)");
    assertEquals(0, r.code(), r.err());
    CellData p = read(parent);
    CellData s = read(t);
    assertEquals(638, s.nObs());
    assertTrue(s.obs().has("parent_leiden") && !s.obs().has("leiden") && s.obs().has("parent_cell_type_annotated"));
    assertFalse(s.obsm().containsKey("X_pca") || s.uns().containsKey("log1p") || s.var().has("highly_variable"));
    // X holds the parent's raw counts of these cells.
    assertTrue(CsrMatrix.isIntegral(s.x()));
    int first = Arrays.asList(p.obs().index()).indexOf(s.obs().index()[0]);
    for (int j = 0; j < s.nVars(); j += 7) {
      assertEquals(p.layers().get("counts").get(first, j), s.x().get(0, j), 0);
    }
    Path again = tmp.resolve("again.h5ad");
    r = CliRunner.run("run", t.toString(), "-o", again.toString(), "--steps",
        "qc,normalize,hvg,pca,neighbors,leiden,markers");
    assertEquals(0, r.code(), r.err());
    assertTrue(read(again).obs().has("leiden"));
    // A condition on a gene, with one on obs: cells meeting both.
    Path gene = tmp.resolve("gene.h5ad");
    assertEquals(0, CliRunner.run("subset", parent.toString(), "-o", gene.toString(), "--where", "cell_type=cd8_t",
        "--where", "CD8A>0").code());
    assertTrue(read(gene).nObs() < 332 && read(gene).nObs() > 0);
  }

  @Test
  void conditionsThatCannotBeMetAreRefused() {
    Path out = tmp.resolve("none.h5ad");
    String demo = DemoOutputsTest.demo().toString();
    String[][] cases = {
        {"cell_type=astrocyte", "selects no cell"},
        {"tissue=brain", "obs has no column 'tissue'"},
        {"distance_to_nerve_um>abc", "is not a number"}};
    for (String[] c : cases) {
      CliRunner.Result r = CliRunner.run("subset", demo, "-o", out.toString(), "--where", c[0]);
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains(c[1]) && r.err().contains("demo.h5ad"), r.err());
      assertTrue(Files.notExists(out));
    }
  }
}
