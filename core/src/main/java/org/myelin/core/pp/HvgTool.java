package org.myelin.core.pp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Highly variable genes, as scanpy's {@code highly_variable_genes} (Satija et al. 2015, Zheng et
 * al. 2017, Stuart et al. 2019 for the seurat, cell_ranger and seurat_v3 flavours): marks
 * {@code var["highly_variable"]} and records the parameters in {@code uns["hvg"]}.
 */
public final class HvgTool {

  private HvgTool() {}

  /**
   * @param nTopGenes genes to keep
   * @param flavor seurat, cell_ranger (log-normalised X) or seurat_v3 (counts)
   * @param batchKey obs column of batches, or null
   * @param layer layer to read instead of X, or null (seurat_v3: the counts layer when there is one)
   * @param span LOESS span of seurat_v3
   */
  public record Options(int nTopGenes, HighlyVariableGenes.Flavor flavor, String batchKey, String layer,
      double span) {

    public Options {
      InvalidOptionException.check(nTopGenes >= 1, "n_top_genes", nTopGenes, "positive");
      InvalidOptionException.check(flavor != null, "flavor", flavor, "seurat, cell_ranger or seurat_v3");
      InvalidOptionException.check(span > 0 && span <= 1, "span", span, "in (0, 1]");
    }

    /** scanpy's defaults with n_top_genes 2000, as its tutorials. */
    public static Options defaults() {
      return new Options(2000, HighlyVariableGenes.Flavor.SEURAT, null, null, HighlyVariableGenes.DEFAULT_SPAN);
    }
  }

  /** Marks the genes in var; returns the same container. */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    HighlyVariableGenes.Flavor f = o.flavor();
    String use = o.layer();
    boolean v3 = f == HighlyVariableGenes.Flavor.SEURAT_V3;
    if (use == null && v3 && data.layers().containsKey(Keys.LAYER_COUNTS)) {
      use = Keys.LAYER_COUNTS;
    }
    if (v3 && use == null && !CsrMatrix.isIntegral(data.x())) {
      throw new IllegalArgumentException("--hvg-flavor seurat_v3 needs raw counts: X is not whole numbers and "
          + "there is no 'counts' layer (run it before 'myelin normalize', or pass --layer)");
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("flavor", f.scanpyName());
    params.put("n_top_genes", (long) o.nTopGenes());
    if (o.batchKey() != null) {
      params.put("batch_key", o.batchKey());
    }
    if (use != null) {
      params.put("layer", use);
    }
    if (v3) {
      params.put("span", o.span());
    }
    data.uns().put(Keys.UNS_HVG, params);
    HighlyVariableGenes.Result r = HighlyVariableGenes.compute(data,
        new HighlyVariableGenes.Options(f, o.nTopGenes(), o.batchKey(), use, o.span()), ctx.parallel());
    ctx.info("%d of %d genes highly variable (%s)", r.nSelected(), data.nVars(), f.scanpyName());
    return ToolResult.of(data);
  }
}
