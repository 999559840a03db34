package org.myelin.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.Filter;
import org.myelin.core.pp.QcMetrics;
import picocli.CommandLine.Option;

/** The QC step's options and the step itself, shared by {@code myelin qc} and {@code myelin run}. */
final class QcStep {

  @Option(names = "--qc-vars", paramLabel = "GROUPS", split = ",", defaultValue = "mt",
      description = "Gene groups to report: mt (MT-/mt-), ribo (RPS/RPL), hb (HB*, not HBP) (default: ${DEFAULT-VALUE}).")
  List<String> qcVars;

  @Option(names = "--percent-top", paramLabel = "N", split = ",", defaultValue = "50,100,200,500",
      description = "The n of pct_counts_in_top_n_genes; values above the gene count are skipped (default: ${DEFAULT-VALUE}).")
  int[] percentTop;

  @Option(names = "--min-counts", paramLabel = "N", defaultValue = "0", description = "Remove cells with fewer counts.")
  double minCounts;

  @Option(names = "--max-counts", paramLabel = "N", defaultValue = "0", description = "Remove cells with more counts.")
  double maxCounts;

  @Option(names = "--min-genes", paramLabel = "N", defaultValue = "200",
      description = "Remove cells expressing fewer genes (default: ${DEFAULT-VALUE}).")
  int minGenes;

  @Option(names = "--max-genes", paramLabel = "N", defaultValue = "0", description = "Remove cells expressing more genes.")
  int maxGenes;

  @Option(names = "--max-pct-mt", paramLabel = "PCT", defaultValue = "0",
      description = "Remove cells with a larger mitochondrial percentage.")
  double maxPctMt;

  @Option(names = "--min-cells", paramLabel = "N", defaultValue = "3",
      description = "Remove genes expressed in fewer of the kept cells (default: ${DEFAULT-VALUE}).")
  int minCells;

  /** QC metrics, then filtering; returns the kept cells and genes, uns['qc'] saying what went. */
  CellData apply(CellData data, Parallel parallel, PrintWriter err) {
    QcMetrics.Options qc = new QcMetrics.Options(qcVars, percentTop, true);
    Filter.Options filter = new Filter.Options(minCounts, maxCounts, minGenes, maxGenes, maxPctMt, minCells);
    QcMetrics.compute(data, qc, parallel);
    Map.Entry<CellData, Filter.Summary> r = Filter.apply(data, filter, parallel);
    Filter.Summary s = r.getValue();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("cells_before", (long) s.cellsBefore());
    record.put("cells_after", (long) s.cellsAfter());
    record.put("genes_before", (long) s.genesBefore());
    record.put("genes_after", (long) s.genesAfter());
    Map<String, Object> removed = new LinkedHashMap<>();
    s.removed().forEach((k, v) -> removed.put(k.replace(' ', '_'), (long) v));
    record.put("removed", removed);
    record.put("qc_vars", qcVars.toArray(new String[0]));
    record.put("percent_top", Arrays.stream(percentTop).asLongStream().toArray());
    r.getKey().uns().put("qc", record);
    err.printf("myelin qc: kept %d of %d cells and %d of %d genes; removed %s%n",
        s.cellsAfter(), s.cellsBefore(), s.genesAfter(), s.genesBefore(), s.removed());
    return r.getKey();
  }
}
