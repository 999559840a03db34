package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.io.CellDataIO;

class GraphCommandsTest {

  @TempDir
  Path tmp;

  private static final Path DEMO = Path.of("..", "testdata", "demo.h5ad");

  @Test
  void neighborsThenLeidenGiveTheSameLabelsOnOneAndTwoThreads() {
    Path pca = tmp.resolve("pca.h5ad");
    CliRunner.Result r = CliRunner.run("run", DEMO.toString(), "-o", pca.toString(), "--steps", "qc,normalize,hvg,pca",
        "--n-top-genes", "500", "--n-pcs", "20");
    assertEquals(0, r.code(), r.err());
    int[][] labels = new int[2][];
    float[][] layouts = new float[2][];
    for (int t = 1; t <= 2; t++) {
      Path nn = tmp.resolve("nn" + t + ".h5ad");
      Path cl = tmp.resolve("cl" + t + ".h5ad");
      // NN-descent forced on this small section, so that its thread independence is tested end to end.
      r = CliRunner.run("neighbors", pca.toString(), "-o", nn.toString(), "--threads", Integer.toString(t),
          "--knn-method", "nndescent");
      assertEquals(0, r.code(), r.err());
      r = CliRunner.run("leiden", nn.toString(), "-o", cl.toString(), "--threads", Integer.toString(t), "--seed", "3");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.err().contains("clusters, modularity"), r.err());
      CellData d = CellDataIO.read(cl, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
      assertEquals(14L * d.nObs(), d.obsp().get("distances").nnz(), "15 neighbours, the cell itself not stored");
      assertTrue(d.uns().get("neighbors") instanceof java.util.Map<?, ?>);
      CategoricalColumn leiden = (CategoricalColumn) d.obs().get("leiden");
      labels[t - 1] = leiden.codes();
      Path um = tmp.resolve("um" + t + ".h5ad");
      r = CliRunner.run("umap", cl.toString(), "-o", um.toString(), "--threads", Integer.toString(t), "--n-epochs", "50");
      assertEquals(0, r.code(), r.err());
      layouts[t - 1] = ((org.myelin.core.matrix.DenseFloatMatrix) CellDataIO.read(um, CellDataIO.ReadOptions.DEFAULT,
          new Parallel(1)).obsm().get("X_umap")).data();
      // '0' is the largest cluster.
      int[] size = new int[leiden.categories().length];
      for (int c : leiden.codes()) {
        size[c]++;
      }
      for (int c = 1; c < size.length; c++) {
        assertTrue(size[c] <= size[c - 1], "cluster sizes in order");
      }
    }
    assertArrayEquals(labels[0], labels[1]);
    assertArrayEquals(layouts[0], layouts[1]);
  }

  @Test
  void markersWriteTheTableAndUns() throws Exception {
    Path run = tmp.resolve("run.h5ad");
    CliRunner.Result r = CliRunner.run("run", DEMO.toString(), "-o", run.toString(), "--steps",
        "qc,normalize,hvg,pca,neighbors,leiden", "--n-top-genes", "500", "--n-pcs", "20");
    assertEquals(0, r.code(), r.err());
    Path out = tmp.resolve("markers.h5ad");
    Path table = tmp.resolve("markers.tsv");
    r = CliRunner.run("markers", run.toString(), "-o", out.toString(), "--table", table.toString(), "--groupby",
        "cell_type", "--method", "t-test", "--n-genes", "5");
    assertEquals(0, r.code(), r.err());
    java.util.List<String> lines = Files.readAllLines(table);
    assertEquals("group\trank\tnames\tscores\tlogfoldchanges\tpvals\tpvals_adj\tpts\tpts_rest", lines.get(0));
    CellData d = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    int types = ((CategoricalColumn) d.obs().get("cell_type")).categories().length;
    assertEquals(1 + 5 * types, lines.size(), "5 genes for each of the " + types + " cell types");
    // The simulator plants CELLTYPE_SCHWANN_GLIA as the Schwann program: its top gene is one of them.
    String schwann = lines.stream().filter(l -> l.startsWith("schwann\t1\t")).findFirst().orElseThrow();
    assertTrue(java.util.Set.of("S100B", "SOX10", "PLP1", "MPZ", "PMP22", "NGFR", "CDH19", "SCN7A", "GFRA3", "L1CAM")
        .contains(schwann.split("\t")[2]), schwann);
    r = CliRunner.run("markers", run.toString(), "-o", tmp.resolve("ref.h5ad").toString(), "--reference", "nowhere");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("no group 'nowhere'"), r.err());
  }

  @Test
  void gaussAndSnnGraphsAreSymmetricAndClusterable() {
    Path pca = tmp.resolve("pca.h5ad");
    assertEquals(0, CliRunner.run("run", DEMO.toString(), "-o", pca.toString(), "--steps", "qc,normalize,hvg,pca",
        "--n-top-genes", "500", "--n-pcs", "20").code());
    for (String kind : new String[] {"gauss", "snn"}) {
      Path nn = tmp.resolve(kind + ".h5ad");
      CliRunner.Result r = CliRunner.run("run", pca.toString(), "-o", nn.toString(), "--steps", "neighbors,leiden",
          "--graph", kind);
      assertEquals(0, r.code(), r.err());
      CellData d = CellDataIO.read(nn, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
      var g = d.obsp().get("connectivities");
      for (int i = 0; i < d.nObs(); i += 97) {
        for (int j = 0; j < d.nObs(); j += 89) {
          assertEquals(g.get(i, j), g.get(j, i), 0, kind + " symmetric at " + i + ", " + j);
        }
      }
      assertTrue(((CategoricalColumn) d.obs().get("leiden")).categories().length > 3, kind + ": clusters");
    }
  }

  @Test
  void missingInputsAndBadOptionsExitTwo() {
    Path out = tmp.resolve("bad.h5ad");
    String[][] bad = {
        {"neighbors", "--metric", "manhattan", "Invalid --metric: manhattan"},
        {"neighbors", "--knn-method", "hnsw", "Invalid --knn-method: hnsw"},
        {"neighbors", "--graph", "mutual", "Invalid --graph: mutual"},
        {"neighbors", "--use-rep", "X_umap", "no obsm['X_umap']"},
        {"leiden", "--algorithm", "infomap", "Invalid --algorithm: infomap"},
        {"leiden", "--resolution", "0", "Invalid --resolution: 0.0 (must be positive)"},
        {"leiden", "--n-iterations", "1", "no obsp['connectivities']"},
        {"leiden", "--random-starts", "0", "Invalid --random-starts: 0"},
        {"leiden", "--leiden-engine", "igraph", "Invalid --leiden-engine: igraph"},
        {"markers", "--method", "logreg", "Invalid --method: logreg"},
        {"umap", "--min-dist", "3", "Invalid --min-dist: 3.0"},
        {"umap", "--n-epochs", "10", "no obsp['connectivities']"},
        {"markers", "--groupby", "clusters", "no column 'clusters'"},
        {"markers", "--groupby", "exhaustion_level", "holds floats"}};
    for (String[] b : bad) {
      CliRunner.Result r = CliRunner.run(b[0], DEMO.toString(), "-o", out.toString(), b[1], b[2]);
      assertEquals(2, r.code(), String.join(" ", b) + ": " + r.err());
      assertTrue(r.err().contains(b[3]), r.err());
      assertTrue(Files.notExists(out));
    }
  }
}
