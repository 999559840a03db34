package org.myelin.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.myelin.core.cohort.CohortAnalysis;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.tool.ToolContext;
import org.myelin.io.AtomicOutput;
import org.myelin.io.CellDataIO;
import org.myelin.io.Concat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin cohort}: per-sample features, their association with outcome, pseudobulk DE. */
@Command(name = "cohort", mixinStandardHelpOptions = true,
    description = "Ask the cohort question of a sample sheet whose files are myelin run results (cell types and "
        + "signature scores in obs, coordinates for the spatial features): one row of features per sample (cell-type "
        + "proportions; nerve injury, CD8 exhaustion, effector and inflammation scores; the slope of CD8 exhaustion "
        + "with distance to nerves, exhausted CD8 density in the perineural niche against distal tissue, "
        + "perineural-invasion candidates per mm2, the fraction of injured nerves) joined with the sheet; each "
        + "feature against response (Mann-Whitney with AUC and DeLong interval, logistic regression) and survival "
        + "(log-rank at the median, Cox with Efron ties), BH-adjusted; pseudobulk DESeq2 per cell type; figures and "
        + "an HTML report. Writes features.tsv, association.tsv, de.tsv, cells.tsv, figures/ and report.html into "
        + "OUT, all at once.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin cohort samples.csv -o cohort/",
        "  myelin cohort samples.csv -o cohort/ --covariates batch --time-column os_months --event-column os_event",
        "  myelin cohort samples.csv -o cohort/ --cell-type-key cell_type_annotated --de-groups cd8_t,schwann"})
final class CohortCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SHEET", description = "Sample sheet (CSV or TSV): sample, file (relative to the sheet) "
      + "and the clinical columns.")
  Path sheet;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Output folder.")
  Path out;

  @Mixin
  CohortOptions cohort;

  @Mixin
  OutputOptions outputOptions;

  @Mixin
  CommonOptions common;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    SampleSheet read = SampleSheet.read(sheet);
    List<Concat.Input> inputs = read.localInputs();
    String[] samples = read.samples().toArray(String[]::new);
    Map<String, String[]> columns = read.columns();
    outputOptions.checkWritable(out);
    outputOptions.checkFolder(out.toAbsolutePath().getParent());
    Log log = common.log(spec.commandLine().getErr());
    CohortAnalysis.Options options = cohort.analysis(columns, common.threads, line -> log.info("cohort", "%s", line));
    CohortAnalysis.Result result;
    try (Parallel parallel = common.parallel()) {
      ToolContext ctx = new ToolContext(parallel, common.seed, line -> log.info("cohort", "%s", line));
      result = CohortAnalysis.run(samples, columns, i -> read(inputs.get(i), parallel), options, ctx);
    }
    for (String note : result.notes()) {
      log.info("cohort", "%s", note);
    }
    AtomicOutput.write(out, outputOptions.force, tmp -> cohort.write(result, "myelin cohort: " + sheet.getFileName(),
        tmp));
    Provenance.write(spec, inputs.stream().map(Concat.Input::file).toList(), List.of(out), start, true);
    log.info("cohort", "%d samples, %d features, %d DE rows; wrote %s in %.1f s", samples.length,
        result.association().nRows(), result.de().nRows(), out, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private CellData read(Concat.Input input, Parallel parallel) {
    return CellDataIO.read(input.file(), CellDataIO.ReadOptions.DEFAULT, parallel);
  }
}
