package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.spatial.SpatialUnits;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Frame;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

/**
 * {@code myelin run} with its defaults on the public data in ../shared/data: every input finishes,
 * with the cells kept stated here (and in docs/preprocessing.md), clusters, scores and, where there
 * are coordinates, the spatial statistics.
 */
class RealDataTest {

  @TempDir
  Path tmp;

  private CellData run(String name, String... args) {
    Path out = tmp.resolve(name + ".h5ad");
    String[] argv = new String[args.length + 3];
    argv[0] = "run";
    System.arraycopy(args, 0, argv, 1, args.length);
    argv[args.length + 1] = "-o";
    argv[args.length + 2] = out.toString();
    CliRunner.Result r = CliRunner.run(argv);
    assertEquals(0, r.code(), r.err());
    return CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
  }

  private static String modality(CellData d) {
    return String.valueOf(((Map<?, ?>) d.uns().get("modality")).get("modality"));
  }

  private static int clusters(CellData d) {
    return ((CategoricalColumn) d.obs().get("leiden")).categories().length;
  }

  private static boolean hasScores(CellData d) {
    return d.obs().columns().keySet().stream().anyMatch(c -> c.endsWith("_module"));
  }

  @Test
  void xeniumPanelWithItsCellTable() {
    // The panel has no Schwann, nerve or endothelial markers: the niche is profiled around annotated fibroblasts.
    CellData d = run("xenium", SharedData.data("xenium_bone_marrow/cell_feature_matrix.h5").toString(), "--coords",
        SharedData.data("xenium_bone_marrow/cells_xy_from_celldega.csv.gz").toString(), "--niche-reference",
        "cell_type=fibroblast", "--niche-name", "fibroblast", "--niche-cells", "cell_type=cd8_t");
    assertEquals("xenium", modality(d));
    // squidpy's Xenium thresholds (10 counts per cell, 5 cells per gene): this panel is shallow (median 6 counts).
    assertEquals(30_900, d.nObs());
    assertEquals(477, d.nVars());
    assertTrue(clusters(d) >= 5 && hasScores(d) && d.uns().get("moranI") instanceof Frame);
    assertTrue(d.obs().has("celldega_cluster"), "the cell table's other columns join obs");
    assertEquals(1, SpatialUnits.of(d).micronsPerUnit(), 0);
    assertTrue(d.obs().has("cell_type") && d.obs().has("distance_to_fibroblast_um"), "annotated, then the niche by type");
    Frame trend = (Frame) ((Map<?, ?>) d.uns().get("niche")).get("trend");
    assertTrue(trend.nRows() > 0, "niche scores profiled");
  }

  @Test
  void visiumEmbryoInMicrometres() {
    CellData d = run("embryo", SharedData.data("visium_cytassist_mouse_embryo").toString());
    assertEquals("visium", modality(d));
    assertEquals(2_874, d.nObs()); // 24 spots below 20 genes; the median spot has 148
    assertEquals(100 / 21.378, SpatialUnits.of(d).micronsPerUnit(), 1e-3);
    assertTrue(clusters(d) >= 5 && hasScores(d) && d.uns().get("moranI") instanceof Frame);
  }

  @Test
  void pbmc3kAndTheSmallVisiumAndSquidpysNormalisedData() {
    CellData pbmc = run("pbmc3k", SharedData.data("pbmc3k/filtered_gene_bc_matrices/hg19").toString());
    assertEquals("scrna", modality(pbmc));
    assertEquals(2_700, pbmc.nObs());
    assertTrue(clusters(pbmc) >= 6 && hasScores(pbmc));
    CellData visium = run("seurat_visium", SharedData.data("seurat/visium").toString());
    assertEquals(1_374, visium.nObs()); // a 100-gene excerpt: half its spots express fewer than 20 of them
    assertTrue(clusters(visium) >= 3 && visium.uns().get("moranI") instanceof Frame);
    assertFalse(hasScores(visium), "no built-in set has enough of 61 genes: scoring is skipped, not refused");
    CellData squidpy = run("squidpy", SharedData.data("squidpy/test_data.h5ad").toString());
    assertEquals(49, squidpy.nObs()); // log-normalised already: QC and normalisation skipped
    assertTrue(clusters(squidpy) >= 2 && hasScores(squidpy));
  }
}
