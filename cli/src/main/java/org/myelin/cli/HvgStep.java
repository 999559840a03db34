package org.myelin.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.HighlyVariableGenes;
import picocli.CommandLine.Option;

/** The HVG step's options and the step, shared by {@code myelin hvg} and {@code myelin run}. */
final class HvgStep {

  @Option(names = "--n-top-genes", paramLabel = "N", defaultValue = "2000",
      description = "Genes to keep (default: ${DEFAULT-VALUE}).")
  int nTopGenes;

  @Option(names = "--hvg-flavor", paramLabel = "FLAVOR", defaultValue = "seurat",
      description = "seurat, cell_ranger (both on log-normalised X) or seurat_v3 (on counts) (default: ${DEFAULT-VALUE}).")
  String flavor;

  @Option(names = "--batch-key", paramLabel = "COLUMN",
      description = "obs column of batches: genes are ranked in each batch and those chosen in most batches kept.")
  String batchKey;

  @Option(names = "--layer", paramLabel = "NAME",
      description = "Layer to read instead of X (default: X; for seurat_v3 the 'counts' layer when there is one).")
  String layer;

  @Option(names = "--span", paramLabel = "F", defaultValue = "0.3",
      description = "LOESS span of the seurat_v3 flavour (default: ${DEFAULT-VALUE}).")
  double span;

  /** The flavour; checked before any input is read. */
  HighlyVariableGenes.Flavor flavor() {
    try {
      return HighlyVariableGenes.Flavor.parse(flavor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid --hvg-flavor: " + flavor + " (seurat, cell_ranger or seurat_v3)");
    }
  }

  /** Marks the genes in var; returns the same container. */
  CellData apply(CellData data, Parallel parallel, PrintWriter err) {
    HighlyVariableGenes.Flavor f = flavor();
    HighlyVariableGenes.Result r = HighlyVariableGenes.compute(data, options(data, f), parallel);
    err.printf("myelin hvg: %d of %d genes highly variable (%s)%n", r.nSelected(), data.nVars(), f.scanpyName());
    return data;
  }

  /**
   * The options for this data: seurat_v3 reads raw counts, from the layer named by --layer, else
   * the counts layer myelin normalize keeps, else X when it holds counts; the other flavours read X.
   * Records them in uns["hvg"] as scanpy does (flavor), with the rest for reproduction.
   */
  private HighlyVariableGenes.Options options(CellData data, HighlyVariableGenes.Flavor f) {
    String use = layer;
    if (use == null && f == HighlyVariableGenes.Flavor.SEURAT_V3 && data.layers().containsKey("counts")) {
      use = "counts";
    }
    if (f == HighlyVariableGenes.Flavor.SEURAT_V3 && use == null && !org.myelin.io.Counts.isIntegral(data.x())) {
      throw new IllegalArgumentException("--hvg-flavor seurat_v3 needs raw counts: X is not whole numbers and "
          + "there is no 'counts' layer (run it before 'myelin normalize', or pass --layer)");
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("flavor", f.scanpyName());
    params.put("n_top_genes", (long) nTopGenes);
    if (batchKey != null) {
      params.put("batch_key", batchKey);
    }
    if (use != null) {
      params.put("layer", use);
    }
    if (f == HighlyVariableGenes.Flavor.SEURAT_V3) {
      params.put("span", span);
    }
    data.uns().put("hvg", params);
    return new HighlyVariableGenes.Options(f, nTopGenes, batchKey, use, span);
  }
}
