package org.myelin.io.h5ad;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Raw;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;

/** A small CellData with every kind of slot and column, built from a seed. */
public final class InteropFixtures {

  private InteropFixtures() {}

  public static CellData everything(long seed) {
    Random rnd = new Random(seed);
    int n = 25;
    int g = 9;
    long[] indptr = new long[n + 1];
    int[] idx = new int[n * g];
    float[] counts = new float[n * g];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < g; j++) {
        if (rnd.nextInt(3) == 0) {
          idx[k] = j;
          counts[k] = 1 + rnd.nextInt(30);
          k++;
        }
      }
      indptr[i + 1] = k;
    }
    idx = java.util.Arrays.copyOf(idx, k);
    counts = java.util.Arrays.copyOf(counts, k);
    float[] logged = new float[k];
    for (int e = 0; e < k; e++) {
      logged[e] = (float) Math.log1p(counts[e] / 3.0);
    }
    String[] cells = new String[n];
    for (int i = 0; i < n; i++) {
      cells[i] = "AAAC" + i + "-1";
    }
    String[] genes = {"CALCA", "SLIT2", "ATF4", "PDCD1", "HAVCR2", "SOX10", "MPZ", "MT-CO1", "GAP43"};
    Frame obs = new Frame(cells);
    String[] types = new String[n];
    String[] grades = new String[n];
    double[] score = new double[n];
    long[] ints = new long[n];
    boolean[] missingInt = new boolean[n];
    boolean[] bools = new boolean[n];
    boolean[] missingBool = new boolean[n];
    String[] notes = new String[n];
    for (int i = 0; i < n; i++) {
      types[i] = new String[] {"Schwann", "CD8 T", "tumour"}[rnd.nextInt(3)];
      grades[i] = i % 2 == 0 ? "low" : "high";
      score[i] = i == 3 ? Double.NaN : rnd.nextGaussian();
      ints[i] = rnd.nextInt(1000) - 500;
      missingInt[i] = i % 6 == 0;
      bools[i] = rnd.nextBoolean();
      missingBool[i] = i % 4 == 1;
      notes[i] = "note, \"" + i + "\"";
    }
    obs.put("cell_type", CategoricalColumn.fromValues(types));
    CategoricalColumn g0 = CategoricalColumn.fromValues(grades);
    obs.put("grade", new CategoricalColumn(g0.codes(), g0.categories(), true));
    obs.put("exhaustion", new DoubleColumn(score));
    obs.put("n_genes", new IntColumn(ints));
    obs.put("maybe_int", new IntColumn(ints.clone(), missingInt));
    obs.put("injured", new BooleanColumn(bools));
    obs.put("maybe_bool", new BooleanColumn(bools.clone(), missingBool));
    obs.put("note", new StringColumn(notes));
    Frame var = new Frame(genes);
    boolean[] hv = new boolean[g];
    for (int j = 0; j < g; j++) {
      hv[j] = j % 2 == 0;
    }
    var.put("highly_variable", new BooleanColumn(hv));
    var.put("gene_ids", new StringColumn(new String[] {"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"}));
    CellData d = new CellData(CsrMatrix.fromCsr(g, indptr, idx, logged), obs, var);
    d.putLayer("counts", CsrMatrix.fromCsr(g, indptr, idx, counts));
    float[] pca = new float[n * 3];
    double[] xy = new double[n * 2];
    for (int i = 0; i < pca.length; i++) {
      pca[i] = (float) rnd.nextGaussian();
    }
    for (int i = 0; i < xy.length; i++) {
      xy[i] = rnd.nextDouble() * 5000;
    }
    d.putObsm("X_pca", new DenseFloatMatrix(n, 3, pca));
    d.putObsm("spatial", new DenseDoubleMatrix(n, 2, xy));
    double[] pcs = new double[g * 3];
    for (int i = 0; i < pcs.length; i++) {
      pcs[i] = rnd.nextGaussian();
    }
    d.putVarm("PCs", new DenseDoubleMatrix(g, 3, pcs));
    long[] gptr = new long[n + 1];
    int[] gidx = new int[n];
    double[] gval = new double[n];
    for (int i = 0; i < n; i++) {
      gidx[i] = (i + 1) % n;
      gval[i] = 0.1 + rnd.nextDouble();
      gptr[i + 1] = i + 1;
    }
    d.putObsp("distances", CsrMatrix.fromCsr(n, gptr, gidx, gval));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("n_neighbors", 15L);
    params.put("resolution", 1.0);
    params.put("use_raw", Boolean.FALSE);
    params.put("names", new String[] {"x", "y"});
    d.uns().put("method", "myelin");
    d.uns().put("params", params);
    d.uns().put("variance_ratio", new double[] {0.5, 0.25, 0.125});
    d.uns().put("flags", new boolean[] {true, false});
    Frame table = new Frame(new String[] {"0", "1"});
    table.put("zscore", new DoubleColumn(new double[] {1.5, -2}));
    d.uns().put("nhood", table);
    d.setRaw(new Raw(d.layers().get("counts"), var, Map.of()));
    return d;
  }
}
