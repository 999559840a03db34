package org.myelin.conformance;

import org.myelin.io.SharedData;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myelin.core.embed.Umap;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;

/**
 * UMAP on scanpy's own graph against scanpy's UMAP (umap-learn 0.5.3) of it: the fraction of each
 * cell's 15 graph neighbours found among its 15 nearest in the layout, averaged, must be within
 * 0.05 of scanpy's (the bar); the layouts themselves differ, as two UMAP runs do.
 */
class ScanpyUmapTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pbmc3k", "scanpy_10k_subset", "scanpy_pbmc68k_reduced", "seurat_visium"})
  void knnPreservationMatchesScanpys(String ref) {
    List<String[]> knnRows = SharedData.csv(SharedData.ref(ref + "/scanpy/neighbors_knn.csv.gz"));
    int n = knnRows.size() - 1;
    int k = (knnRows.get(0).length - 1) / 2;
    Map<String, Integer> cell = new HashMap<>();
    int[] knn = new int[n * k];
    for (int i = 0; i < n; i++) {
      String[] row = knnRows.get(i + 1);
      cell.put(row[0], i);
      for (int t = 0; t < k; t++) {
        knn[i * k + t] = Integer.parseInt(row[1 + t]);
      }
    }
    List<String[]> coo = SharedData.csv(SharedData.ref(ref + "/scanpy/connectivities_coo.csv.gz"));
    int m = coo.size() - 1;
    long[][] entries = new long[m][];
    for (int e = 0; e < m; e++) {
      String[] f = coo.get(e + 1);
      entries[e] = new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Double.doubleToLongBits(Double.parseDouble(f[2]))};
    }
    Arrays.sort(entries, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    long[] ptr = new long[n + 1];
    int[] cols = new int[m];
    double[] vals = new double[m];
    for (int e = 0; e < m; e++) {
      ptr[(int) entries[e][0] + 1]++;
      cols[e] = (int) entries[e][1];
      vals[e] = Double.longBitsToDouble(entries[e][2]);
    }
    for (int i = 0; i < n; i++) {
      ptr[i + 1] += ptr[i];
    }
    CsrMatrix graph = CsrMatrix.fromCsr(n, ptr, cols, vals);
    double[] ours = Umap.layout(graph, Umap.Options.defaults(0), new Parallel(2));
    List<String[]> um = SharedData.csv(SharedData.ref(ref + "/scanpy/umap.csv.gz"));
    double[] theirs = new double[2 * n];
    for (int i = 1; i < um.size(); i++) {
      int c = cell.get(um.get(i)[0]);
      theirs[2 * c] = Double.parseDouble(um.get(i)[1]);
      theirs[2 * c + 1] = Double.parseDouble(um.get(i)[2]);
    }
    double pOurs = preservation(knn, k, ours, n);
    double pTheirs = preservation(knn, k, theirs, n);
    System.out.printf("%s: UMAP kNN preservation %.4f (scanpy %.4f)%n", ref, pOurs, pTheirs);
    assertTrue(pOurs >= pTheirs - 0.05, ref + ": preservation " + pOurs + " against scanpy's " + pTheirs);
  }

  /** The fraction of each cell's k - 1 graph neighbours (itself left out) among its k - 1 nearest in 2-D. */
  static double preservation(int[] knn, int k, double[] y, int n) {
    double total = 0;
    double[] d = new double[n];
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double a = y[2 * i] - y[2 * j];
        double b = y[2 * i + 1] - y[2 * j + 1];
        d[j] = a * a + b * b;
      }
      d[i] = -1;
      System.arraycopy(d, 0, sorted, 0, n);
      Arrays.sort(sorted);
      double cut = sorted[k - 1]; // sorted[0] is the cell itself
      int hit = 0;
      int others = 0;
      for (int t = 0; t < k; t++) {
        int j = knn[i * k + t];
        if (j == i) {
          continue;
        }
        others++;
        hit += d[j] <= cut ? 1 : 0;
      }
      total += (double) hit / others;
    }
    return total / n;
  }
}
