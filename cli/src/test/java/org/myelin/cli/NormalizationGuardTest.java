package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;

/** Counts are normalised once: a second run leaves X's normalisation and layers['counts'] as they were. */
class NormalizationGuardTest {

  @TempDir
  Path tmp;

  private static CellData read(Path p) {
    return CellDataIO.read(p, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
  }

  private static double[] dense(CsrMatrix m) {
    double[] out = new double[m.nRows() * m.nCols()];
    for (int i = 0; i < m.nRows(); i++) {
      CsrMatrix.Row r = m.row(i);
      for (int k = r.start(); k < r.end(); k++) {
        out[i * m.nCols() + r.index(k)] += r.value(k);
      }
    }
    return out;
  }

  @Test
  void aSecondRunOnItsOwnOutputDoesNotNormaliseAgain() {
    Path first = tmp.resolve("first.h5ad");
    Path second = tmp.resolve("second.h5ad");
    assertEquals(0, CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", first.toString(), "--steps",
        "qc,normalize,hvg,pca").code());
    CliRunner.Result r = CliRunner.run("run", first.toString(), "-o", second.toString(), "--steps",
        "qc,normalize,hvg,pca");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("myelin run: normalize skipped: X is already normalised (uns['log1p'] is present)"),
        r.err());
    assertTrue(r.err().contains("myelin run: qc skipped"), r.err());
    CellData a = read(first);
    CellData b = read(second);
    assertArrayEquals(dense(a.layers().get("counts")), dense(b.layers().get("counts")), 0);
    assertArrayEquals(dense(a.x()), dense(b.x()), 0);
    // The counts kept are the demo's own counts of the cells QC kept.
    CellData demo = read(DemoOutputsTest.demo());
    String[] kept = a.obs().index();
    java.util.Map<String, Integer> at = new java.util.HashMap<>();
    for (int i = 0; i < demo.nObs(); i++) {
      at.put(demo.obs().index()[i], i);
    }
    CsrMatrix counts = a.layers().get("counts");
    for (int i = 0; i < kept.length; i += 97) {
      CsrMatrix.Row row = counts.row(i);
      for (int k = row.start(); k < row.end(); k++) {
        String gene = a.var().index()[row.index(k)];
        int j = java.util.Arrays.asList(demo.var().index()).indexOf(gene);
        assertEquals(demo.x().get(at.get(kept[i]), j), row.value(k), 0);
      }
    }
  }

  @Test
  void normalizeRefusesLogNormalisedInputUnlessForced() throws Exception {
    Path first = tmp.resolve("norm.h5ad");
    assertEquals(0, CliRunner.run("normalize", DemoOutputsTest.demo().toString(), "-o", first.toString()).code());
    Path out = tmp.resolve("again.h5ad");
    CliRunner.Result r = CliRunner.run("normalize", first.toString(), "-o", out.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("myelin: error: " + first + ": X does not look like raw counts: uns['log1p'] is present; it was "
        + "normalised already (pass --force-normalize to normalise it again)", r.err().strip().lines().findFirst()
        .orElseThrow());
    assertTrue(Files.notExists(out));
    r = CliRunner.run("normalize", first.toString(), "-o", out.toString(), "--force-normalize");
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(dense(read(first).layers().get("counts")), dense(read(out).layers().get("counts")), 0);
  }
}
