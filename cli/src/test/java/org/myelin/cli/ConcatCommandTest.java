package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;
import org.myelin.io.h5ad.H5adWriter;

/**
 * {@code myelin concat} against anndata's concat (Debian's python3-anndata, installed by
 * scripts/test) on the same three samples, field by field, inner and outer; and its refusals.
 */
class ConcatCommandTest {

  @TempDir
  Path tmp;

  private final List<Path> samples = new ArrayList<>();

  /**
   * Three samples with overlapping genes, obs columns of every type (categories differing between
   * samples, one column missing from one sample), the counts layer, and obsm shared or not.
   */
  @BeforeEach
  void threeSamples() {
    String[][] genes = {{"CD3E", "CD8A", "PDCD1", "GAPDH", "MPZ", "S100B"},
        {"CD3E", "CD8A", "PDCD1", "GAPDH", "MPZ", "HAVCR2"},
        {"GAPDH", "CD3E", "CD8A", "PDCD1", "SOX10", "MPZ"}};
    SplittableRandom rnd = new SplittableRandom(5);
    for (int s = 0; s < 3; s++) {
      int n = 40 + 10 * s;
      String[] cells = new String[n];
      long[] indptr = new long[n + 1];
      List<Integer> idx = new ArrayList<>();
      List<Float> val = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        cells[i] = "cell" + i; // the same names in every sample: index_unique must tell them apart
        for (int j = 0; j < genes[s].length; j++) {
          if (rnd.nextDouble() < 0.4) {
            idx.add(j);
            val.add((float) (1 + rnd.nextInt(20)));
          }
        }
        indptr[i + 1] = idx.size();
      }
      float[] data = new float[val.size()];
      for (int k = 0; k < data.length; k++) {
        data[k] = val.get(k);
      }
      CsrMatrix x = CsrMatrix.fromCsr(genes[s].length, indptr, idx.stream().mapToInt(Integer::intValue).toArray(),
          data);
      Frame obs = new Frame(cells);
      String[] types = new String[n];
      double[] score = new double[n];
      long[] count = new long[n];
      boolean[] flag = new boolean[n];
      for (int i = 0; i < n; i++) {
        types[i] = s == 2 && i % 3 == 0 ? "schwann" : i % 2 == 0 ? "cd8_t" : "tumour";
        score[i] = rnd.nextGaussian();
        count[i] = rnd.nextInt(1000);
        flag[i] = rnd.nextBoolean();
      }
      obs.put("cell_type", CategoricalColumn.fromValues(types));
      obs.put("score", new DoubleColumn(score));
      obs.put("n_counts", new IntColumn(count));
      obs.put("flag", new BooleanColumn(flag));
      if (s != 1) {
        obs.put("region", CategoricalColumn.fromValues(java.util.Collections.nCopies(n, "core" + s)
            .toArray(String[]::new)));
      }
      CellData d = new CellData(x, obs, new Frame(genes[s]));
      d.putLayer("counts", x);
      float[] pca = new float[n * 3];
      for (int k = 0; k < pca.length; k++) {
        pca[k] = (float) rnd.nextGaussian();
      }
      d.putObsm("X_pca", new DenseFloatMatrix(n, 3, pca));
      if (s == 0) {
        d.putObsm("spatial", new DenseFloatMatrix(n, 2, java.util.Arrays.copyOf(pca, n * 2)));
      }
      d.uns().put("library", "lib" + s);
      Path file = tmp.resolve("p" + s + ".h5ad");
      H5adWriter.write(d, file, false);
      samples.add(file);
    }
  }

  @Test
  void innerAndOuterJoinsMatchAnndata() {
    for (String join : new String[] {"inner", "outer"}) {
      Path out = tmp.resolve(join + ".h5ad");
      CliRunner.Result r = CliRunner.run("concat", samples.get(0).toString(), samples.get(1).toString(),
          samples.get(2).toString(), "-o", out.toString(), "--join", join, "--threads", "2");
      assertEquals(0, r.code(), r.err());
      compareWithAnndata(out, join);
      CellData d = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
      assertEquals(join.equals("inner") ? 5 : 8, d.nVars(), join + " genes");
      assertTrue(d.uns().get("sample") instanceof java.util.Map<?, ?> m && m.size() == 3, "each sample's uns");
    }
  }

  @Test
  void aSampleSheetAddsItsColumns() throws Exception {
    Path sheet = tmp.resolve("samples.csv");
    Files.writeString(sheet, "sample,patient,file,response,pfs_months\nA,P1,p0.h5ad,R,14.5\nB,P2,p1.h5ad,NR,3.2\n"
        + "C,P3,p2.h5ad,NR,6\n");
    Path out = tmp.resolve("sheet.h5ad");
    CliRunner.Result r = CliRunner.run("concat", "--samples", sheet.toString(), "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    CellData d = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertEquals("cell0-A", d.obs().index()[0]);
    assertEquals("NR", d.obs().get("response").format(45));
    assertEquals(3.2, ((DoubleColumn) d.obs().get("pfs_months")).values()[45]);
    assertEquals("P3", d.obs().get("patient").format(d.nObs() - 1));
  }

  @Test
  void badSamplesAreRefusedAndNothingIsWritten() throws Exception {
    Path out = tmp.resolve("bad.h5ad");
    CellData other = new CellData(CsrMatrix.fromCsr(2, new long[] {0, 1}, new int[] {0}, new float[] {1}),
        new Frame(new String[] {"c"}), new Frame(new String[] {"ACTB", "B2M"}));
    Path disjoint = tmp.resolve("disjoint.h5ad");
    H5adWriter.write(other, disjoint, false);
    expectRefusal(out, "sample 'disjoint' (" + disjoint + ") shares no gene with the samples before it", "concat",
        samples.get(0).toString(), disjoint.toString(), "-o", out.toString());
    expectRefusal(out, "sample 'a' is given twice", "concat", samples.get(0).toString(), samples.get(1).toString(),
        "-o", out.toString(), "--keys", "a,a");
    Path sheet = tmp.resolve("missing.csv");
    Files.writeString(sheet, "sample,file\nA,p0.h5ad\nB,nowhere.h5ad\n");
    expectRefusal(out, "sample 'B': file " + tmp.resolve("nowhere.h5ad") + " does not exist", "concat",
        "--samples", sheet.toString(), "-o", out.toString());
    Path noFile = tmp.resolve("nofile.csv");
    Files.writeString(noFile, "sample,path\nA,p0.h5ad\nB,p1.h5ad\n");
    expectRefusal(out, "no column 'file' (columns: sample, path)", "concat", "--samples", noFile.toString(), "-o",
        out.toString());
    expectRefusal(out, "Invalid --keys: 1 names for 2 samples", "concat", samples.get(0).toString(),
        samples.get(1).toString(), "-o", out.toString(), "--keys", "a");
    expectRefusal(out, "Invalid --merge: all", "concat", samples.get(0).toString(), samples.get(1).toString(), "-o",
        out.toString(), "--merge", "all");
    Path single = tmp.resolve("single.csv");
    Files.writeString(single, "sample,file\nA,p0.h5ad\n");
    expectRefusal(out, "1 sample(s); a sample sheet needs two or more", "concat", "--samples", single.toString(), "-o",
        out.toString());
    expectRefusal(out, "Invalid --join: sideways", "concat", samples.get(0).toString(), samples.get(1).toString(),
        "-o", out.toString(), "--join", "sideways");
  }

  private static void expectRefusal(Path out, String message, String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  private void compareWithAnndata(Path ours, String join) {
    List<String> args = new ArrayList<>(List.of(ours.toString(), join, "sample", "-"));
    for (Path p : samples) {
      args.add(p + ":" + p.getFileName().toString().replace(".h5ad", ""));
    }
    SharedData.runPython(getClass(), "/concat/compare_with_anndata.py", tmp,
        "myelin's concat differs from anndata's (" + join + " join), or anndata is missing (scripts/test installs "
            + "python3-anndata)", args.toArray(String[]::new));
  }
}
