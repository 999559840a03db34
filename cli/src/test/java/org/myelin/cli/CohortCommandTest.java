package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cohort question on a simulated cohort whose answer is planted: sixteen patients, non-responders
 * with more invaded (injured) nerves and more exhausted CD8 T cells, progression-free survival with
 * a hazard ratio of 2 per SD of each patient's injury burden. Each sample goes through myelin run
 * (QC, normalisation, signature scores), then myelin cohort.
 */
class CohortCommandTest {

  @TempDir
  static Path tmp;

  static Path sheet;

  @BeforeAll
  static void simulateAndRun() throws Exception {
    Path sim = tmp.resolve("sim");
    CliRunner.Result r = CliRunner.run("simulate", "--samples", "16", "--cells", "6000", "--genes", "2000", "--seed",
        "1", "-o", sim.toString(), "--threads", "2");
    assertEquals(0, r.code(), r.err());
    Files.createDirectories(tmp.resolve("run"));
    List<String> lines = Files.readAllLines(sim.resolve("samples.csv"));
    StringBuilder processed = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      String sample = line.split(",")[0];
      Path out = tmp.resolve("run").resolve(sample + ".h5ad");
      r = CliRunner.run("run", sim.resolve(sample + ".h5ad").toString(), "-o", out.toString(), "--steps",
          "qc,normalize,score", "--threads", "2", "--quiet");
      assertEquals(0, r.code(), r.err());
      processed.append(line.replace(sample + ".h5ad", "../run/" + sample + ".h5ad")).append('\n');
    }
    sheet = sim.resolve("processed.csv");
    Files.writeString(sheet, processed);
  }

  private static Map<String, Map<String, String>> table(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split("\t", -1);
    Map<String, Map<String, String>> out = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < header.length; c++) {
        row.put(header[c], f[c]);
      }
      out.put(f[0] + (header[1].equals("cell_type") ? "/" + f[1] : ""), row);
    }
    return out;
  }

  private static double num(Map<String, String> row, String col) {
    return Double.parseDouble(row.get(col));
  }

  @Test
  void recoversThePlantedAnswerTheSameForAnyThreads() throws Exception {
    Path out = tmp.resolve("cohort");
    CliRunner.Result r = CliRunner.run("cohort", sheet.toString(), "-o", out.toString(), "--threads", "2");
    assertEquals(0, r.code(), r.err());
    for (String f : List.of("features.tsv", "association.tsv", "de.tsv", "cells.tsv", "report.html",
        "figures/features_by_response.png", "figures/roc.png", "figures/kaplan_meier.png", "figures/volcano_cd8_t.png")) {
      assertTrue(Files.size(out.resolve(f)) > 100, f);
    }
    Map<String, Map<String, String>> assoc = table(out.resolve("association.tsv"));
    for (String feature : List.of("nerve_injury", "cd8_exhaustion", "exhausted_cd8_niche_per_mm2")) {
      Map<String, String> row = assoc.get(feature);
      assertTrue(num(row, "auc") >= 0.8, feature + " separates non-responders: AUC " + row.get("auc"));
      assertTrue(num(row, "mean_positive") > num(row, "mean_negative"), feature + " higher in non-responders");
    }
    assertTrue(num(assoc.get("exhaustion_distance_slope_per_100um"), "auc") <= 0.2,
        "exhaustion falls off with distance to nerves more steeply in non-responders");
    Map<String, String> injury = assoc.get("nerve_injury");
    assertTrue(num(injury, "cox_hr_per_sd") > 1, "injury shortens progression-free survival");
    assertTrue(num(injury, "cox_hr_ci_low") < 2 && 2 < num(injury, "cox_hr_ci_high"),
        "the planted hazard ratio of 2 per SD lies within the interval: " + injury.get("cox_hr_ci_low") + " to "
            + injury.get("cox_hr_ci_high"));
    Map<String, Map<String, String>> de = table(out.resolve("de.tsv"));
    int up = 0;
    List<String> exhaustion = List.of("LAG3", "HAVCR2", "PDCD1", "CTLA4", "TNFRSF9", "CXCL13", "ENTPD1", "CD7", "CCL3",
        "ITGAE");
    for (String gene : exhaustion) {
      Map<String, String> row = de.get(gene + "/cd8_t");
      if (row != null && !row.get("padj").isEmpty() && num(row, "padj") < 0.05 && num(row, "log2FoldChange") > 0) {
        up++;
      }
    }
    assertTrue(up >= 7, "exhaustion genes up in the CD8 T cells of non-responders: " + up + " of 10");
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("Association of each feature with outcome") && html.contains("data:image/png;base64"));

    Path one = tmp.resolve("cohort1");
    r = CliRunner.run("cohort", sheet.toString(), "-o", one.toString(), "--threads", "1");
    assertEquals(0, r.code(), r.err());
    for (String f : List.of("features.tsv", "association.tsv", "de.tsv")) {
      assertTrue(Arrays.equals(Files.readAllBytes(out.resolve(f)), Files.readAllBytes(one.resolve(f))),
          f + " is the same for 1 and 2 threads");
    }
  }

  @Test
  void refusesWhatCannotBeAskedNamingColumnAndSample() throws Exception {
    String header = Files.readAllLines(sheet).get(0);
    List<String> rows = Files.readAllLines(sheet).subList(1, 17);
    check(List.of("--design", "~ stage + response"), header, rows, "design column 'stage' is not in the sample sheet");
    check(List.of("--positive", "PR"), header, rows, "response level 'PR' is not in column 'response'");
    check(List.of("--covariates", "batch,batch2", "--response-column", "response"), header + ",batch2",
        rows.stream().map(l -> l + "," + l.split(",")[6]).toList(), "not of full rank");
    List<String> oneNr = new java.util.ArrayList<>();
    boolean first = true;
    for (String l : rows) {
      boolean nr = l.split(",")[3].equals("NR");
      if (!nr || first) {
        oneNr.add(l);
        first &= !nr;
      }
    }
    check(List.of(), header, oneNr, "needs at least two samples per group: NR has 1");
    List<String> zeroTime = new java.util.ArrayList<>(rows);
    String[] f = zeroTime.get(2).split(",");
    f[4] = "0";
    zeroTime.set(2, String.join(",", f));
    check(List.of(), header, zeroTime, "survival time '0' of sample " + f[0] + " (column 'pfs_months') is not a "
        + "positive number");
    List<String> badEvent = new java.util.ArrayList<>(rows);
    f = badEvent.get(3).split(",");
    f[5] = "2";
    badEvent.set(3, String.join(",", f));
    check(List.of(), header, badEvent, "event '2' of sample " + f[0] + " (column 'pfs_event') is not 0 or 1");
    check(List.of("--time-column", "os_months"), header, rows, "survival time column 'os_months' is not in the sample "
        + "sheet");
    List<String> raw = rows.stream().map(l -> l.replace("../run/", "")).toList();
    check(List.of(), header, raw, "no score column 'HALLMARK_IL6_JAK_STAT3_SIGNALING_module' in obs");
  }

  @Test
  void aDefaultColumnTheSheetLacksSkipsItsTests() throws Exception {
    List<String> lines = Files.readAllLines(sheet);
    StringBuilder noOutcome = new StringBuilder();
    for (String l : lines.subList(0, 7)) {
      String[] f = l.split(",");
      noOutcome.append(String.join(",", f[0], f[1], f[2], f[6])).append('\n'); // sample, patient, file, batch
    }
    Path s = sheet.resolveSibling("no-outcome.csv");
    Files.writeString(s, noOutcome);
    Path out = tmp.resolve("features-only");
    CliRunner.Result r = CliRunner.run("cohort", s.toString(), "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("the sheet has no column 'response': response tests skipped"), r.err());
    assertTrue(r.err().contains("the sheet has no column 'pfs_months': survival tests skipped"), r.err());
    assertEquals(7, Files.readAllLines(out.resolve("features.tsv")).size(), "a row per sample");
  }

  private static void check(List<String> options, String header, List<String> rows, String message) throws Exception {
    Path s = sheet.resolveSibling("bad.csv");
    Files.writeString(s, header + "\n" + String.join("\n", rows) + "\n");
    Path out = tmp.resolve("bad-out");
    List<String> args = new java.util.ArrayList<>(List.of("cohort", s.toString(), "-o", out.toString()));
    args.addAll(options);
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(message), "expected '" + message + "' in:\n" + r.err());
    assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("myelin: error")).count(), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }
}
