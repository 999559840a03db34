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
      String design, String[] contrast, int minCells, DESeq2.Options deOptions) {}

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
   * Runs the analysis. {@code load.apply(i)} reads sample i (in the sheet's order).
   *
   * @throws IllegalArgumentException when the sheet or a sample cannot answer the question asked
   */
  public static Result run(String[] samples, Map<String, String[]> sheet, IntFunction<CellData> load, Options o,
      ToolContext ctx) {
    Association.Outcome outcome = Association.outcome(samples, sheet, o.association());
    Design design = null;
    Design.Contrast contrast = null;
    if (o.contrast() != null && !o.deGroups().isEmpty()) {
      // Checked on the whole sheet before any sample is read.
      design = Design.of(o.design(), sheet, null);
      contrast = design.contrast(o.contrast()[0], o.contrast()[1], o.contrast()[2]);
    }
    List<SampleFeatures.SampleCells> cells = new ArrayList<>();
    List<Pseudobulk.Result> bulks = new ArrayList<>();
    List<String[]> genes = new ArrayList<>();
    for (int i = 0; i < samples.length; i++) {
      CellData data = load.apply(i);
      cells.add(SampleFeatures.SampleCells.of(samples[i], data, o.features()));
      if (contrast != null) {
        try {
          bulks.add(Pseudobulk.ofSample(data, samples[i], o.features().cellTypeKey(), 1));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("sample " + samples[i] + ": " + e.getMessage(), e);
        }
        genes.add(data.var().index());
      }
      ctx.info("sample %s: %d cells (%d of %d)", samples[i], data.nObs(), i + 1, samples.length);
    }
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
    Frame de = contrast == null ? PseudobulkDE.empty() : de(samples, sheet, bulks, genes, o, contrast, notes, ctx);
    return new Result(table, feats.table(), outcome, assoc, de, cellCounts(samples, cells), feats, notes);
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
