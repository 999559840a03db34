package org.myelin.conformance;

import java.util.List;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Filter;
import org.myelin.core.pp.Normalize;
import org.myelin.core.pp.QcMetrics;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

/** What the golden tests share: the reference script's preprocessing. */
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
}
