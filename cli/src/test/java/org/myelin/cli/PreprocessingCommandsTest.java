package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

class PreprocessingCommandsTest {

  @TempDir
  Path tmp;

  @Test
  void qcThenNormalizeGiveScanpysLayout() {
    Path qc = tmp.resolve("qc.h5ad");
    Path norm = tmp.resolve("norm.h5ad");
    CliRunner.Result r = CliRunner.run("qc", SharedData.data("seurat").toString(), "-o", qc.toString(), "--min-genes", "10");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("kept 80 of 80 cells and 240 of 240 genes"), r.err());
    r = CliRunner.run("normalize", qc.toString(), "-o", norm.toString(), "--threads", "2");
    assertEquals(0, r.code(), r.err());
    CellData d = CellDataIO.read(norm, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertTrue(d.obs().has("pct_counts_mt") && d.obs().has("n_genes") && d.var().has("n_cells"));
    assertTrue(d.uns().containsKey("qc") && d.uns().containsKey("log1p"));
    // X is log1p(counts / total * 1e4), the counts kept in layers['counts'].
    var counts = d.layers().get("counts");
    for (int i = 0; i < d.nObs(); i += 7) {
      double total = 0;
      for (int j = 0; j < d.nVars(); j++) {
        total += counts.get(i, j);
      }
      for (int j = 0; j < d.nVars(); j += 11) {
        assertEquals((float) Math.log1p(counts.get(i, j) / total * 1e4), (float) d.x().get(i, j), 1e-5, "cell " + i + " gene " + j);
      }
    }
    r = CliRunner.run("normalize", qc.toString(), "-o", tmp.resolve("median.h5ad").toString(), "--target-sum", "median",
        "--no-log1p");
    assertEquals(0, r.code(), r.err());
    Path hvg = tmp.resolve("hvg.h5ad");
    r = CliRunner.run("hvg", norm.toString(), "-o", hvg.toString(), "--n-top-genes", "50", "--hvg-flavor", "cell_ranger");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("50 of 240 genes highly variable"), r.err());
    CellData h = CellDataIO.read(hvg, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertTrue(h.var().has("highly_variable") && h.var().has("dispersions_norm"));
    // seurat_v3 reads the counts layer normalize kept.
    Path v3 = tmp.resolve("v3.h5ad");
    r = CliRunner.run("hvg", norm.toString(), "-o", v3.toString(), "--n-top-genes", "40", "--hvg-flavor", "seurat_v3");
    assertEquals(0, r.code(), r.err());
    CellData v = CellDataIO.read(v3, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertTrue(v.var().has("variances_norm") && v.var().has("highly_variable_rank"));
    assertEquals("counts", ((java.util.Map<?, ?>) v.uns().get("hvg")).get("layer"));
    // On the demo's counts in X, with the tissue compartments as batches: scanpy's nbatches column.
    r = CliRunner.run("hvg", Path.of("..", "testdata", "demo.h5ad").toString(), "-o", v3.toString(), "--force",
        "--n-top-genes", "300", "--hvg-flavor", "seurat_v3", "--batch-key", "compartment");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("300 of 3000 genes highly variable (seurat_v3)"), r.err());
    v = CellDataIO.read(v3, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertTrue(v.var().has("highly_variable_nbatches"));
    Path pca = tmp.resolve("pca.h5ad");
    r = CliRunner.run("pca", hvg.toString(), "-o", pca.toString(), "--n-pcs", "10");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("10 components of 50 genes"), r.err());
    CellData c = CellDataIO.read(pca, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertEquals(10, c.obsm().get("X_pca").nCols());
    assertEquals(240, c.varm().get("PCs").nRows());
    // scale on the highly variable genes, then pca, which sees uns['scale'] and only centres:
    // the same components as pca's implicit scaling (clipping at 10 in both).
    Path scaled = tmp.resolve("scaled.h5ad");
    r = CliRunner.run("scale", hvg.toString(), "-o", scaled.toString(), "--hvg-only", "--max-value", "10");
    assertEquals(0, r.code(), r.err());
    CellData sc = CellDataIO.read(scaled, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertEquals(50, sc.nVars());
    assertEquals(80L * 50, sc.x().nnz());
    assertTrue(sc.var().has("mean") && sc.var().has("std"));
    Path pca2 = tmp.resolve("pca2.h5ad");
    r = CliRunner.run("pca", scaled.toString(), "-o", pca2.toString(), "--n-pcs", "10");
    assertEquals(0, r.code(), r.err());
    CellData c2 = CellDataIO.read(pca2, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    double[] ratio1 = (double[]) ((java.util.Map<?, ?>) c.uns().get("pca")).get("variance_ratio");
    double[] ratio2 = (double[]) ((java.util.Map<?, ?>) c2.uns().get("pca")).get("variance_ratio");
    for (int k = 0; k < 10; k++) {
      assertEquals(ratio1[k], ratio2[k], 1e-5, "variance ratio of PC" + (k + 1));
    }
    // regress_out of the depth and mitochondrial share.
    Path regressed = tmp.resolve("regressed.h5ad");
    r = CliRunner.run("regress-out", hvg.toString(), "-o", regressed.toString(), "--keys", "total_counts,pct_counts_mt",
        "--hvg-only");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("total_counts, pct_counts_mt regressed out of 50 genes"), r.err());
  }

  @Test
  void badParametersExitTwoAndWriteNothing() {
    Path in = SharedData.data("seurat");
    Path out = tmp.resolve("bad.h5ad");
    String[][] bad = {
        {"qc", "--qc-vars", "mito", "Invalid --qc-vars: mito"},
        {"qc", "--percent-top", "0", "Invalid --percent-top: 0"},
        {"qc", "--min-genes", "-1", "Invalid --min-genes: -1"},
        {"normalize", "--target-sum", "-5", "Invalid --target-sum: -5.0"},
        {"normalize", "--target-sum", "lots", "Invalid --target-sum: lots"},
        {"normalize", "--log-base", "1", "Invalid --log-base: 1.0"},
        {"hvg", "--hvg-flavor", "seurat_v2", "Invalid --hvg-flavor: seurat_v2"},
        {"hvg", "--n-top-genes", "0", "Invalid --n-top-genes: 0"},
        {"hvg", "--batch-key", "sample", "no column 'sample'"},
        {"hvg", "--layer", "spliced", "no layer 'spliced'"},
        {"pca", "--max-value", "-1", "Invalid --max-value: -1"},
        {"pca", "--scale", "maybe", "Invalid --scale: maybe"},
        {"scale", "--max-value", "-1", "Invalid --max-value: -1"},
        {"scale", "--max-value", "ten", "Invalid --max-value: ten"},
        {"scale", "--hvg-only", "--no-zero-center", "no boolean 'highly_variable' column"},
        {"regress-out", "--keys", "depth", "no obs column 'depth'"},
        {"pca", "--n-pcs", "0", "Invalid --n-pcs: 0"}};
    for (String[] b : bad) {
      CliRunner.Result r = CliRunner.run(b[0], in.toString(), "-o", out.toString(), b[1], b[2]);
      assertEquals(2, r.code(), String.join(" ", b) + ": " + r.err());
      assertTrue(r.err().contains(b[3]), r.err());
      assertTrue(Files.notExists(out));
    }
    // seurat_v3 on log-normalised X without a counts layer is refused, not run on the wrong numbers.
    Path lognorm = tmp.resolve("lognorm.h5ad");
    assertEquals(0, CliRunner.run("normalize", in.toString(), "-o", lognorm.toString()).code());
    CellData d = CellDataIO.read(lognorm, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    d.removeLayer("counts");
    Path stripped = tmp.resolve("stripped.h5ad");
    org.myelin.io.h5ad.H5adWriter.write(d, stripped, false, new Parallel(1));
    CliRunner.Result r = CliRunner.run("hvg", stripped.toString(), "-o", out.toString(), "--hvg-flavor", "seurat_v3");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("seurat_v3 needs raw counts"), r.err());
    assertTrue(Files.notExists(out));
  }
}
