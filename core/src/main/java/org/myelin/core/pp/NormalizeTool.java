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
 * Library-size normalisation and log1p, as scanpy's {@code normalize_total} and {@code log1p}:
 * the counts are kept in {@code layers["counts"]}, both steps recorded in {@code uns}.
 */
public final class NormalizeTool {

  private NormalizeTool() {}

  /**
   * @param targetSum counts per cell after scaling; NaN for the median of the cells' totals
   * @param excludeHighlyExpressed size cells without the genes above maxFraction of some cell
   * @param maxFraction the share of a cell's counts that marks a gene highly expressed
   * @param log1p take log1p after scaling
   * @param logBase base of the logarithm; NaN for the natural log
   * @param force normalise even when X does not look like raw counts (the counts layer is then left as it is)
   */
  public record Options(double targetSum, boolean excludeHighlyExpressed, double maxFraction, boolean log1p,
      double logBase, boolean force) {

    public Options {
      InvalidOptionException.check(Double.isNaN(targetSum) || (targetSum > 0 && Double.isFinite(targetSum)),
          "target_sum", targetSum, "must be positive, or 'median'");
      InvalidOptionException.check(maxFraction > 0 && maxFraction <= 1, "max_fraction", maxFraction, "in (0, 1]");
      InvalidOptionException.check(Double.isNaN(logBase) || (logBase > 0 && logBase != 1 && Double.isFinite(logBase)),
          "base", logBase, "positive and not 1");
    }

    /** scanpy's tutorial: 1e4 counts per cell, natural log. */
    public static Options defaults() {
      return new Options(1e4, false, 0.05, true, Double.NaN, false);
    }
  }

  /**
   * normalize_total, then log1p unless told not to; returns the same container. Refuses X that
   * does not look like raw counts (normalising twice is a silent error) unless forced, and never
   * writes anything but counts into {@code layers["counts"]}.
   */
  public static ToolResult run(CellData data, Options o, ToolContext ctx) {
    // X's counts in bytes, kept as layers['counts'], settle the guard in the same pass when they can
    // be made: every value is then a whole number from 0 up.
    CsrMatrix counts = data.uns().containsKey("log1p") ? null : Normalize.countsBeside(data.x(), ctx.parallel());
    String evidence = counts != null ? null : Normalize.notCountsEvidence(data, ctx.parallel());
    if (evidence != null && !o.force()) {
      throw new IllegalArgumentException("X does not look like raw counts: " + evidence + "; it was normalised "
          + "already (pass --force-normalize to normalise it again)");
    }
    if (evidence != null) {
      ctx.info("normalising X although %s; layers['counts'] left as it is", evidence);
    }
    double used = o.log1p()
        ? Normalize.totalThenLog1p(data, o.targetSum(), o.excludeHighlyExpressed(), o.maxFraction(), evidence == null,
            o.logBase(), counts, ctx.parallel())
        : Normalize.total(data, o.targetSum(), o.excludeHighlyExpressed(), o.maxFraction(), evidence == null, counts,
            ctx.parallel());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("target_sum", used);
    params.put("exclude_highly_expressed", o.excludeHighlyExpressed());
    params.put("max_fraction", o.maxFraction());
    data.uns().put(Keys.UNS_NORMALIZE_TOTAL, params);
    if (o.log1p()) {
      Map<String, Object> log = new LinkedHashMap<>();
      if (!Double.isNaN(o.logBase())) {
        log.put("base", o.logBase()); // scanpy reads a missing base as the natural log
      }
      data.uns().put(Keys.UNS_LOG1P, log);
    }
    return ToolResult.of(data);
  }
}
