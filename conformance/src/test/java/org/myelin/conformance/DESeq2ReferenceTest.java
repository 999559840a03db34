package org.myelin.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.de.DESeq2;
import org.myelin.core.de.Design;
import org.myelin.core.de.Pseudobulk;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.sim.Cohort;
import org.myelin.core.sim.TumourSection;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.StringColumn;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;
import org.myelin.io.gmt.BuiltinSignatures;

/**
 * Pseudobulk DESeq2 against Debian's r-bioc-deseq2 1.38.3 (installed by scripts/test), run by the
 * test on the same counts with DESeq2's defaults. Size factors agree to 1e-8 relative; dispersions,
 * log2 fold changes and Wald statistics to 1e-4 relative (the two implementations take the same
 * steps; what differs is the order of floating-point sums and the log-gamma function, so iterative
 * fits stopped by a tolerance land within about 1e-6 of each other; a gene-wise dispersion below
 * 1e-6 lies where the likelihood is flat to rounding, so dispersions are compared to 1e-7
 * absolute there); p-values, where both give one, to 1e-4 relative; adjusted p-values to 1e-3
 * relative and the same calls at FDR 0.05 and 0.1. NA (NaN here) falls on the same genes.
 */
class DESeq2ReferenceTest {

  private static final String HINT = "scripts/test installs r-bioc-deseq2";

  @TempDir
  Path tmp;

  /**
   * pbmc3k's two largest Leiden clusters (scanpy's reference labels), each cell dealt to one of
   * eight pseudo-donors: sixteen pseudobulk samples, design ~ cluster. Eight samples per cell, so
   * DESeq2 replaces outlier counts and refits those genes.
   */
  @Test
  void pbmc3kPseudoDonorsMatchDESeq2() throws Exception {
    CellData data;
    try (Parallel p = new Parallel(2)) {
      data = CellDataIO.read(SharedData.data("pbmc3k/filtered_gene_bc_matrices/hg19"), CellDataIO.ReadOptions.DEFAULT, p);
    }
    Map<String, String> leiden = new java.util.HashMap<>();
    List<String[]> rows = SharedData.csv(SharedData.ref("pbmc3k/scanpy/leiden.csv"));
    for (String[] r : rows.subList(1, rows.size())) {
      leiden.put(r[0], r[1]);
    }
    String[] index = data.obs().index();
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < index.length; i++) {
      String c = leiden.get(index[i]);
      if ("0".equals(c) || "1".equals(c)) {
        keep.add(i);
      }
    }
    int[] rowsKept = keep.stream().mapToInt(Integer::intValue).toArray();
    data = data.selectObs(rowsKept);
    String[] sample = new String[rowsKept.length];
    for (int i = 0; i < rowsKept.length; i++) {
      String cluster = leiden.get(data.obs().index()[i]);
      sample[i] = "c" + cluster + "_d" + (i % 8);
    }
    data.obs().put("sample", new StringColumn(sample));
    Pseudobulk.Result pb = Pseudobulk.of(data, new Pseudobulk.Options("sample", null, 10));
    assertEquals(16, pb.samples().length);
    Map<String, String[]> sheet = new LinkedHashMap<>();
    String[] cluster = new String[16];
    for (int j = 0; j < 16; j++) {
      cluster[j] = pb.samples()[j].substring(0, 2);
    }
    sheet.put("cluster", cluster);
    int[] all = java.util.stream.IntStream.range(0, 16).toArray();
    compare(pb.genesBySamples(all), data.var().index(), pb.samples(), sheet, "~ cluster", "cluster", "c1", "c0");
  }

  /**
   * A simulated cohort of twelve patients in three sequencing batches: the CD8 T cells of each
   * patient summed, design ~ batch + response, non-responders against responders. The design's
   * cells are not its coefficients, so the gene-wise step fits negative binomial GLMs.
   */
  @Test
  void simulatedCohortCd8PseudobulkMatchesDESeq2() throws Exception {
    var library = BuiltinSignatures.load(BuiltinSignatures.Species.HUMAN);
    Cohort cohort = new Cohort(Cohort.Options.defaults(12, 3), TumourSection.Options.defaults(3000, 2000, 0), library);
    int n = cohort.patients().size();
    double[][] counts = null;
    String[] genes = null;
    String[] samples = new String[n];
    String[] batch = new String[n];
    String[] response = new String[n];
    try (Parallel p = new Parallel(2)) {
      for (int i = 0; i < n; i++) {
        Cohort.Patient patient = cohort.patients().get(i);
        CellData d = cohort.section(i).toCellData(p);
        String[] s = new String[d.nObs()];
        java.util.Arrays.fill(s, patient.sample());
        d.obs().put("sample", new StringColumn(s));
        Pseudobulk.Result pb = Pseudobulk.of(d, new Pseudobulk.Options("sample", "cell_type", 10));
        int row = java.util.Arrays.asList(pb.groups()).indexOf("cd8_t");
        assertTrue(row >= 0, "patient " + patient.sample() + " has CD8 T cells");
        if (counts == null) {
          genes = d.var().index();
          counts = new double[genes.length][n];
        }
        for (int g = 0; g < genes.length; g++) {
          counts[g][i] = pb.counts()[row][g];
        }
        samples[i] = patient.sample();
        batch[i] = patient.batch();
        response[i] = patient.response();
      }
    }
    Map<String, String[]> sheet = new LinkedHashMap<>();
    sheet.put("batch", batch);
    sheet.put("response", response);
    compare(counts, genes, samples, sheet, "~ batch + response", "response", "NR", "R");
  }

  private void compare(double[][] counts, String[] genes, String[] samples, Map<String, String[]> sheet, String formula,
      String factor, String num, String den) throws Exception {
    Path countsCsv = tmp.resolve("counts.csv");
    StringBuilder sb = new StringBuilder("gene");
    for (String s : samples) {
      sb.append(',').append(s);
    }
    sb.append('\n');
    for (int g = 0; g < counts.length; g++) {
      sb.append(genes[g].replace(',', '_'));
      for (double v : counts[g]) {
        sb.append(',').append((long) v);
      }
      sb.append('\n');
    }
    Files.writeString(countsCsv, sb);
    Path coldata = tmp.resolve("coldata.csv");
    sb = new StringBuilder("sample");
    for (String k : sheet.keySet()) {
      sb.append(',').append(k);
    }
    sb.append('\n');
    for (int j = 0; j < samples.length; j++) {
      sb.append(samples[j]);
      for (String[] v : sheet.values()) {
        sb.append(',').append(v[j]);
      }
      sb.append('\n');
    }
    Files.writeString(coldata, sb);
    Path out = tmp.resolve("deseq2.csv");
    Path sfOut = tmp.resolve("sf.csv");
    String log = SharedData.runR(getClass(), "/deseq2/deseq2_reference.R", tmp, HINT, countsCsv.toString(),
        coldata.toString(), formula, factor, num, den, out.toString(), sfOut.toString());

    Design design = Design.of(formula, sheet, null);
    DESeq2.Options options = DESeq2.Options.defaults();
    DESeq2.Fit fit;
    DESeq2.Results res;
    long t0 = System.nanoTime();
    fit = DESeq2.fit(counts, design, options.withThreads(2));
    res = DESeq2.results(fit, design.contrast(factor, num, den), options);
    System.out.printf("myelin DESeq2 on %d genes x %d samples: %.1f s; R: %s%n", counts.length, samples.length,
        (System.nanoTime() - t0) / 1e9, log.strip().replace('\n', ' '));
    DESeq2.Fit one = DESeq2.fit(counts, design, options.withThreads(1));
    assertTrue(java.util.Arrays.deepEquals(one.beta(), fit.beta()) && java.util.Arrays.equals(one.dispersion(), fit.dispersion()),
        "identical for 1 and 2 threads");

    List<String[]> sf = SharedData.csv(sfOut);
    for (int j = 0; j < samples.length; j++) {
      double r = Double.parseDouble(sf.get(j + 1)[1].strip());
      assertEquals(r, fit.sizeFactors()[j], 1e-8 * r, "size factor of " + samples[j]);
    }
    List<String[]> ref = SharedData.csv(out);
    String[] header = ref.get(0);
    Map<String, Integer> col = new java.util.HashMap<>();
    for (int c = 0; c < header.length; c++) {
      col.put(header[c], c);
    }
    Map<String, double[]> ours = new LinkedHashMap<>();
    ours.put("baseMean", res.baseMean());
    ours.put("dispGeneEst", fit.dispGeneEst());
    ours.put("dispFit", fit.dispFit());
    ours.put("dispMAP", fit.dispMAP());
    ours.put("dispersion", fit.dispersion());
    ours.put("log2FoldChange", res.log2FoldChange());
    ours.put("lfcSE", res.lfcSE());
    ours.put("stat", res.stat());
    ours.put("pvalue", res.pvalue());
    ours.put("padj", res.padj());
    int replaced = 0;
    int refReplaced = 0;
    for (int g = 0; g < counts.length; g++) {
      replaced += fit.replaced()[g] ? 1 : 0;
      refReplaced += "TRUE".equals(ref.get(g + 1)[col.get("replace")].strip()) ? 1 : 0;
    }
    System.out.printf("  replaced and refitted: myelin %d genes, DESeq2 %d%n", replaced, refReplaced);
    List<String> failures = new ArrayList<>();
    for (var e : ours.entrySet()) {
      String name = e.getKey();
      double[] mine = e.getValue();
      double worst = 0;
      int worstGene = -1;
      int naMismatch = 0;
      for (int g = 0; g < counts.length; g++) {
        String text = ref.get(g + 1)[col.get(name)].strip();
        double r = text.equals("NA") ? Double.NaN : Double.parseDouble(text);
        if (Double.isNaN(r) != Double.isNaN(mine[g])) {
          naMismatch++;
          continue;
        }
        if (Double.isNaN(r)) {
          continue;
        }
        // Gene-wise estimates below 1e-6 sit on the flat edge of the likelihood near its lower
        // bound of 1e-8, where log-gamma differences are rounding noise: compared to 1e-7 there.
        double floor = name.startsWith("disp") ? 1e-3 : 1e-6;
        double rel = Math.abs(mine[g] - r) / Math.max(Math.abs(r), floor);
        if (rel > worst) {
          worst = rel;
          worstGene = g;
        }
      }
      System.out.printf("  %-15s max relative difference %.2e%s, NA differs for %d genes%n", name, worst,
          worstGene < 0 ? "" : " (" + genes[worstGene] + ": DESeq2 " + ref.get(worstGene + 1)[col.get(name)].strip()
              + ", myelin " + mine[worstGene] + ")", naMismatch);
      double tolerance = name.equals("padj") ? 1e-3 : 1e-4;
      if (worst > tolerance || naMismatch > 0) {
        failures.add(name + " differs by " + worst + " at " + (worstGene < 0 ? "-" : genes[worstGene]) + ", NA for "
            + naMismatch);
      }
    }
    int[] calls = new int[2];
    for (int g = 0; g < counts.length; g++) {
      String text = ref.get(g + 1)[col.get("padj")].strip();
      double r = text.equals("NA") ? Double.NaN : Double.parseDouble(text);
      for (double fdr : new double[] {0.05, 0.1}) {
        if ((r < fdr) != (res.padj()[g] < fdr)) {
          failures.add("call at FDR " + fdr + " differs for " + genes[g]);
        }
      }
      calls[0] += r < 0.05 ? 1 : 0;
      calls[1] += res.padj()[g] < 0.05 ? 1 : 0;
    }
    System.out.printf("  genes at FDR 0.05: DESeq2 %d, myelin %d%n", calls[0], calls[1]);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }
}
