package org.myelin.io;

import java.util.List;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Filter;
import org.myelin.core.pp.Normalize;
import org.myelin.core.pp.QcMetrics;

/** What the golden tests share: the reference script's preprocessing, and Pearson's r. */
final class ReferencePipeline {

  private ReferencePipeline() {}

  /**
   * An input of ../shared/data as the reference scripts prepare it: QC metrics, filter_cells
   * (min_genes), filter_genes (min_cells 3), normalize_total to 1e4 and log1p.
   */
  static CellData logNormalised(String input, int minGenes, boolean keepCounts, Parallel p) {
    CellData raw = CellDataIO.read(SharedData.data(input), CellDataIO.ReadOptions.DEFAULT, p);
    QcMetrics.compute(raw, new QcMetrics.Options(List.of("mt"), new int[0], false), p);
    CellData d = Filter.apply(raw, new Filter.Options(0, 0, minGenes, 0, 0, 3), p).getKey();
    Normalize.total(d, 1e4, false, 0.05, keepCounts, p);
    Normalize.log1p(d, Double.NaN, p);
    return d;
  }

  static double pearson(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i] / a.length;
      mb += b[i] / b.length;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
