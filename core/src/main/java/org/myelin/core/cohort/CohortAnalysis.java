package org.myelin.core.cohort;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.myelin.core.data.CellData;
import org.myelin.core.de.DESeq2;
import org.myelin.core.de.Design;
import org.myelin.core.de.Pseudobulk;
import org.myelin.core.de.PseudobulkDE;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;
import org.myelin.core.tool.ToolContext;

/**
 * The cohort question from per-sample results: every sample is read once (features and pseudobulk
 * counts taken, its data let go), then the features are tested against outcome and each chosen
 * cell type's pseudobulk is tested across samples with DESeq2.
 */
public final class CohortAnalysis {

  /**
   * @param features what the per-sample features read and how
   * @param association the outcome tests
   * @param deGroups cell types whose pseudobulk is tested (empty: none)
   * @param design the DESeq2 design over the sheet's columns
   * @param contrast factor, numerator, denominator; null for no DE
   * @param minCells pseudo-samples of fewer cells are left out of DE
   * @param deOptions DESeq2's options
   */
  public record Options(SampleFeatures.Options features, Association.Options association, List<String> deGroups,
      String design, String[] contrast, int minCells, DESeq2.Options deOptions)
      implements java.io.Serializable {}

  /**
   * @param features one row per sample: the sheet's columns, then the features
   * @param association one row per feature
   * @param de one row per cell type and gene (empty without DE)
   * @param cells cells per sample and cell type
   * @param notes what was left out and why
   */
  public record Result(Frame features, Frame featureValues, Association.Outcome outcome, Frame association, Frame de,
      Frame cells, SampleFeatures.Result thresholds, List<String> notes) {}

  private CohortAnalysis() {}

  /**
   * What the analysis needs of one sample, taken from its data so the data can be let go: its
   * cells for the features, and its pseudobulk counts and genes for DE (null when there is no DE).
   * Serializable, so that samples can be read where they lie (one task per sample on a cluster) and
   * only this travels.
   */
  public record Sample(SampleFeatures.SampleCells cells, Pseudobulk.Result bulk, String[] genes)
      implements java.io.Serializable {}

  /**
   * Runs the analysis. {@code load.apply(i)} reads sample i (in the sheet's order).
   *
   * @throws IllegalArgumentException when the sheet or a sample cannot answer the question asked
   */
  public static Result run(String[] samples, Map<String, String[]> sheet, IntFunction<CellData> load, Options o,
      ToolContext ctx) {
    check(samples, sheet, o);
    List<Sample> taken = new ArrayList<>();
    for (int i = 0; i < samples.length; i++) {
      CellData data = load.apply(i);
      taken.add(extract(samples[i], data, o));
      ctx.info("sample %s: %d cells (%d of %d)", samples[i], data.nObs(), i + 1, samples.length);
    }
    return analyse(samples, sheet, taken, o, ctx);
  }

  /**
   * Takes what the analysis needs of one sample's data ({@link #analyse} does the rest).
   *
   * @throws IllegalArgumentException naming the sample when its data lacks a column the analysis reads
   */
  public static Sample extract(String sample, CellData data, Options o) {
    SampleFeatures.SampleCells cells = SampleFeatures.SampleCells.of(sample, data, o.features());
    if (!testsDe(o)) {
      return new Sample(cells, null, null);
    }
    try {
      return new Sample(cells, Pseudobulk.ofSample(data, sample, o.features().cellTypeKey(), 1), data.var().index());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sample " + sample + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses outcome columns, a DE formula or a contrast the sheet cannot carry; called before any
   * sample is read.
   *
   * @throws IllegalArgumentException naming the column or term
   */
  public static void check(String[] samples, Map<String, String[]> sheet, Options o) {
    Association.outcome(samples, sheet, o.association());
    if (testsDe(o)) {
      Design.of(o.design(), sheet, null).contrast(o.contrast()[0], o.contrast()[1], o.contrast()[2]);
    }
  }

  /**
   * The analysis of samples already taken ({@link #extract}), one per sample in the sheet's order:
   * the same result as {@link #run} on their data.
   */
  public static Result analyse(String[] samples, Map<String, String[]> sheet, List<Sample> taken, Options o,
      ToolContext ctx) {
    if (taken.size() != samples.length) {
      throw new IllegalArgumentException(taken.size() + " samples taken for a sheet of " + samples.length);
    }
    Association.Outcome outcome = Association.outcome(samples, sheet, o.association());
    Design.Contrast contrast = null;
    if (testsDe(o)) {
      contrast = Design.of(o.design(), sheet, null).contrast(o.contrast()[0], o.contrast()[1], o.contrast()[2]);
    }
    List<SampleFeatures.SampleCells> cells = taken.stream().map(Sample::cells).toList();
    SampleFeatures.Result feats = SampleFeatures.compute(cells, o.features());
    // The slope's interval limits describe the slope; they are not tested as features of their own.
    Frame tested = new Frame(feats.table().index());
    feats.table().columns().forEach((name, c) -> {
      if (!name.endsWith("_ci_low") && !name.endsWith("_ci_high")) {
        tested.put(name, c);
      }
    });
    Frame assoc = Association.test(tested, outcome, o.association());
    Frame table = new Frame(samples);
    for (var c : sheet.entrySet()) {
      table.put(c.getKey(), new StringColumn(c.getValue().clone()));
    }
    feats.table().columns().forEach(table::put);
    List<String> notes = new ArrayList<>();
    Frame de = contrast == null ? PseudobulkDE.empty() : de(samples, sheet, taken.stream().map(Sample::bulk).toList(),
        taken.stream().map(Sample::genes).toList(), o, contrast, notes, ctx);
    return new Result(table, feats.table(), outcome, assoc, de, cellCounts(samples, cells), feats, notes);
  }

  private static boolean testsDe(Options o) {
    return o.contrast() != null && !o.deGroups().isEmpty();
  }

  private static Frame cellCounts(String[] samples, List<SampleFeatures.SampleCells> cells) {
    java.util.TreeSet<String> types = new java.util.TreeSet<>();
    cells.forEach(c -> types.addAll(Arrays.asList(c.typeLabels())));
    Frame f = new Frame(samples);
    for (String t : types) {
      long[] v = new long[samples.length];
      for (int i = 0; i < samples.length; i++) {
        int code = Arrays.asList(cells.get(i).typeLabels()).indexOf(t);
        for (int c : cells.get(i).typeCodes()) {
          v[i] += c == code ? 1 : 0;
        }
      }
      f.put(t, new IntColumn(v));
    }
    return f;
  }

  private static Frame de(String[] samples, Map<String, String[]> sheet, List<Pseudobulk.Result> bulks,
      List<String[]> genes, Options o, Design.Contrast contrast, List<String> notes, ToolContext ctx) {
    // The genes every sample has, in the first sample's order.
    Map<String, int[]> at = new LinkedHashMap<>();
    for (String g : genes.get(0)) {
      at.put(g, new int[samples.length]);
    }
    for (int i = 0; i < samples.length; i++) {
      Map<String, Integer> pos = new HashMap<>();
      for (int k = 0; k < genes.get(i).length; k++) {
        pos.put(genes.get(i)[k], k);
      }
      final int s = i;
      at.entrySet().removeIf(e -> {
        Integer k = pos.get(e.getKey());
        if (k == null) {
          return true;
        }
        e.getValue()[s] = k;
        return false;
      });
    }
    String[] geneNames = at.keySet().toArray(String[]::new);
    List<PseudobulkDE.Group> groups = new ArrayList<>();
    for (String group : o.deGroups()) {
      List<Integer> use = new ArrayList<>();
      for (int i = 0; i < samples.length; i++) {
        Pseudobulk.Result b = bulks.get(i);
        int r = Arrays.asList(b.groups()).indexOf(group);
        if (r >= 0 && b.cells()[r] >= o.minCells()) {
          use.add(i);
        }
      }
      double[][] counts = new double[geneNames.length][use.size()];
      for (int j = 0; j < use.size(); j++) {
        Pseudobulk.Result b = bulks.get(use.get(j));
        double[] row = b.counts()[Arrays.asList(b.groups()).indexOf(group)];
        int g = 0;
        for (int[] a : at.values()) {
          counts[g++][j] = row[a[use.get(j)]];
        }
      }
      int[] rows = use.stream().mapToInt(Integer::intValue).toArray();
      groups.add(new PseudobulkDE.Group(group, counts, Design.rows(sheet, rows)));
    }
    return PseudobulkDE.test(geneNames, groups, o.design(), o.contrast(), o.deOptions(), false, notes, ctx);
  }

}
