package org.myelin.core.pp;

import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * Principal components, as scanpy's {@code pca} (ARPACK-free: a Lanczos solver on the implicitly
 * centred matrix; Halko et al. 2011 for the method family): {@code obsm["X_pca"]},
 * {@code varm["PCs"]}, {@code uns["pca"]}.
 */
public final class PcaTool {

  /** The table this tool makes: variance and variance ratio per component. */
  public static final String TABLE = "pca_variance";

  private PcaTool() {}

  /** Whether the genes are standardised first. */
  public enum Scale {
    /** Yes, unless {@code uns["scale"]} says X was already scaled. */
    AUTO,
    YES,
    NO
  }

  /**
   * @param nComps components
   * @param maxValue clip standardised values above this, as scanpy's scale(max_value); NaN keeps them
   * @param useHighlyVariable only var["highly_variable"], as scanpy when the genes are marked
   * @param scale standardise first
   */
  public record Options(int nComps, double maxValue, boolean useHighlyVariable, Scale scale) {

    public Options {
      InvalidOptionException.check(nComps >= 1, "n_comps", nComps, "positive");
      InvalidOptionException.check(Double.isNaN(maxValue) || maxValue > 0, "max_value", maxValue,
          "must be positive, or 'none'");
      InvalidOptionException.check(scale != null, "scale", scale, "auto, yes or no");
    }

    /** 50 components of the highly variable genes, standardised and clipped at 10, as scanpy's tutorials. */
    public static Options defaults() {
      return new Options(50, 10, true, Scale.AUTO);
    }
  }

  /** Fits and writes the embedding; returns the same container. */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    boolean standardize = o.scale() == Scale.YES || (o.scale() == Scale.AUTO && !data.uns().containsKey(Keys.UNS_SCALE));
    Pca.Result r = Pca.run(data, o.nComps(), o.useHighlyVariable(), o.maxValue(), standardize, ctx.parallel());
    ctx.info("%d components of %d genes; variance ratio of PC1 %.4f", r.nComps(), r.genes().length,
        r.varianceRatio()[0]);
    double[] variance = r.variance();
    double[] ratio = r.varianceRatio();
    String[] names = new String[variance.length];
    long[] pc = new long[variance.length];
    for (int c = 0; c < names.length; c++) {
      names[c] = "PC" + (c + 1);
      pc[c] = c + 1;
    }
    Frame f = new Frame(names);
    f.put("pc", new IntColumn(pc));
    f.put("variance", new DoubleColumn(variance.clone()));
    f.put("variance_ratio", new DoubleColumn(ratio.clone()));
    return new ToolResult(data, java.util.Map.of(TABLE, new ToolResult.Table(f, "component")));
  }
}
