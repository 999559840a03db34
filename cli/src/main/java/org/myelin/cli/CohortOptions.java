package org.myelin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.myelin.core.cohort.Association;
import org.myelin.core.cohort.CohortAnalysis;
import org.myelin.core.cohort.SampleFeatures;
import org.myelin.core.de.DESeq2;
import org.myelin.io.table.TableWriter;
import org.myelin.plot.CohortReport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of the cohort question ({@link CohortAnalysis}), shared by {@code myelin cohort} and
 * the Spark cohort job, and the folder of tables, figures and report they both write.
 */
public final class CohortOptions {

  @Option(names = "--cell-type-key", paramLabel = "COLUMN", description = "obs column of cell types "
      + "(default: ${DEFAULT-VALUE}).")
  String cellTypeKey = "cell_type";

  @Option(names = "--nerve-types", paramLabel = "TYPES", split = ",",
      description = "Cell types that make nerves (default: schwann,neuron).")
  List<String> nerveTypes = List.of("schwann", "neuron");

  @Option(names = "--cd8-types", paramLabel = "TYPES", split = ",", description = "CD8 T cell types (default: cd8_t).")
  List<String> cd8Types = List.of("cd8_t");

  @Option(names = "--tumour-types", paramLabel = "TYPES", split = ",",
      description = "Tumour cell types (default: tumour_squamous,epithelial,tumour,malignant).")
  List<String> tumourTypes = List.of("tumour_squamous", "epithelial", "tumour", "malignant");

  @Option(names = "--score-method", paramLabel = "METHOD",
      description = "Which scores to read: obs columns SIGNATURE_METHOD (default: ${DEFAULT-VALUE}).")
  String scoreMethod = "module";

  @Option(names = "--response-column", paramLabel = "COLUMN",
      description = "The sheet's response column with two levels; 'none' skips the response tests "
          + "(default: ${DEFAULT-VALUE}).")
  String responseColumn = "response";

  @Option(names = "--positive", paramLabel = "LEVEL",
      description = "The response level the AUC, odds ratios and fold changes are of (default: ${DEFAULT-VALUE}).")
  String positive = "NR";

  @Option(names = "--time-column", paramLabel = "COLUMN",
      description = "Survival time column; 'none' skips the survival tests (default: ${DEFAULT-VALUE}, skipped "
          + "when the sheet has no such column).")
  String timeColumn = "pfs_months";

  @Option(names = "--event-column", paramLabel = "COLUMN",
      description = "Event column, 1 event and 0 censored (default: ${DEFAULT-VALUE}).")
  String eventColumn = "pfs_event";

  @Option(names = "--covariates", paramLabel = "COLUMNS", split = ",",
      description = "Sheet columns adjusted for in the logistic, Cox and DE models (e.g. batch).")
  List<String> covariates = List.of();

  @Option(names = "--survival-cut", paramLabel = "Q",
      description = "Kaplan-Meier groups split at this quantile of each feature (default: ${DEFAULT-VALUE}).")
  double survivalCut = 0.5;

  @Option(names = "--exhausted-above", paramLabel = "SCORE",
      description = "A CD8 T cell is exhausted above this exhaustion score (default: the --exhausted-quantile of "
          + "all CD8 T cells of the cohort).")
  Double exhaustedAbove;

  @Option(names = "--exhausted-quantile", paramLabel = "Q", description = "(default: ${DEFAULT-VALUE}).")
  double exhaustedQuantile = 0.75;

  @Option(names = "--injured-above", paramLabel = "SCORE",
      description = "A nerve is injured above this mean injury score (default: the --injured-quantile of all "
          + "nerves of the cohort).")
  Double injuredAbove;

  @Option(names = "--injured-quantile", paramLabel = "Q", description = "(default: ${DEFAULT-VALUE}).")
  double injuredQuantile = 0.5;

  @Option(names = "--niche-radius", paramLabel = "UM",
      description = "The perineural niche: cells within this distance of a nerve cell (default: ${DEFAULT-VALUE}).")
  double nicheRadius = 50;

  @Option(names = "--invasion-radius", paramLabel = "UM",
      description = "A nerve cell with --min-tumour tumour cells this close is a perineural-invasion candidate "
          + "(default: ${DEFAULT-VALUE}).")
  double invasionRadius = 30;

  @Option(names = "--min-tumour", paramLabel = "N", description = "(default: ${DEFAULT-VALUE}).")
  int minTumour = 3;

  @Option(names = "--nerve-link", paramLabel = "UM",
      description = "Nerve cells this close belong to one nerve (default: ${DEFAULT-VALUE}).")
  double nerveLink = 30;

  @Option(names = "--min-nerve-cells", paramLabel = "N",
      description = "Nerves of fewer cells are not counted (default: ${DEFAULT-VALUE}).")
  int minNerveCells = 10;

  @Option(names = "--de-groups", paramLabel = "TYPES", split = ",",
      description = "Cell types whose pseudobulk is tested across samples; 'none' skips DE (default: the "
          + "--cd8-types and --nerve-types).")
  List<String> deGroups;

  @Option(names = "--design", paramLabel = "FORMULA",
      description = "DESeq2 design over the sheet's columns (default: ~ COVARIATES + RESPONSE).")
  String design;

  @Option(names = "--min-cells", paramLabel = "N",
      description = "A sample's cell type enters DE with at least this many cells (default: ${DEFAULT-VALUE}).")
  int minCells = 10;

  @Option(names = "--dispersion-trend", paramLabel = "KIND",
      description = "DESeq2's dispersion trend: parametric or mean (default: ${DEFAULT-VALUE}).")
  String trend = "parametric";

  @Option(names = "--dpi", paramLabel = "DPI", description = "Resolution of the figures (default: ${DEFAULT-VALUE}).")
  double dpi = 150;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private String response;
  private String time;

  /**
   * The analysis these options ask of a sheet with these columns. A default outcome column the sheet
   * lacks skips its tests (said through {@code info}); one named on the command line must exist.
   *
   * @param threads DESeq2's threads
   * @throws IllegalArgumentException naming the option when a value is out of range
   */
  public CohortAnalysis.Options analysis(Map<String, String[]> columns, int threads, Consumer<String> info) {
    response = column(responseColumn, "--response-column", columns, info, "response");
    time = column(timeColumn, "--time-column", columns, info, "survival");
    Association.Options assoc = new Association.Options(response, positive, time, eventColumn, covariates,
        survivalCut);
    SampleFeatures.Options defaults = SampleFeatures.Options.defaults();
    SampleFeatures.Options features = new SampleFeatures.Options(cellTypeKey, nerveTypes, cd8Types, tumourTypes,
        scoreMethod, defaults.scores(), defaults.exhaustionSignature(), defaults.injurySignature(),
        exhaustedAbove == null ? Double.NaN : exhaustedAbove, quantile(exhaustedQuantile, "--exhausted-quantile"),
        injuredAbove == null ? Double.NaN : injuredAbove, quantile(injuredQuantile, "--injured-quantile"),
        positive(nicheRadius, "--niche-radius"), positive(invasionRadius, "--invasion-radius"), minTumour,
        positive(nerveLink, "--nerve-link"), minNerveCells, defaults.minCells(), defaults.binUm());
    quantile(survivalCut, "--survival-cut");
    List<String> groups = deGroups == null ? concat(cd8Types, nerveTypes)
        : deGroups.size() == 1 && deGroups.get(0).equalsIgnoreCase("none") ? List.of() : deGroups;
    String[] contrast = null;
    String formula = design;
    if (response != null && !groups.isEmpty()) {
      if (formula == null) {
        List<String> terms = new ArrayList<>(covariates);
        terms.add(response);
        formula = "~ " + String.join(" + ", terms);
      }
      String[] levels = columns.containsKey(response) ? Arrays.stream(columns.get(response)).distinct().sorted()
          .filter(l -> !l.equals(positive)).toArray(String[]::new) : new String[0];
      contrast = new String[] {response, positive, levels.length == 1 ? levels[0] : ""};
    }
    DESeq2.Options de = DESeq2.Options.defaults().withTrend(Step.choice(DESeq2.Trend.class, trend, "--dispersion-trend"))
        .withThreads(threads);
    return new CohortAnalysis.Options(features, assoc, groups, formula, contrast, minCells, de);
  }

  /**
   * Writes features.tsv, association.tsv, de.tsv, cells.tsv, figures/ and report.html into {@code
   * folder} (which must not exist); call after {@link #analysis}.
   */
  public void write(CohortAnalysis.Result result, String title, Path folder) throws IOException {
    Files.createDirectories(folder);
    TableWriter.writeTo(result.features(), "sample", folder.resolve("features.tsv"));
    TableWriter.writeTo(result.association(), "feature", folder.resolve("association.tsv"));
    TableWriter.writeTo(result.de(), "gene", folder.resolve("de.tsv"));
    TableWriter.writeTo(result.cells(), "sample", folder.resolve("cells.tsv"));
    CohortReport.write(result, new CohortReport.Options(title, dpi, positive, response, time),
        folder.resolve("figures"), folder.resolve("report.html"));
  }

  private String column(String value, String option, Map<String, String[]> columns, Consumer<String> info,
      String tests) {
    if ("none".equalsIgnoreCase(value)) {
      return null;
    }
    if (!columns.containsKey(value) && !mixee.commandLine().getParseResult().hasMatchedOption(option)) {
      info.accept("the sheet has no column '" + value + "': " + tests + " tests skipped (" + option
          + " names another)");
      return null;
    }
    return value;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    b.stream().filter(t -> !out.contains(t)).forEach(out::add);
    return out;
  }

  private static double quantile(double q, String option) {
    if (!(q > 0 && q < 1)) {
      throw new IllegalArgumentException("Invalid " + option + ": " + q + " (a quantile between 0 and 1)");
    }
    return q;
  }

  private static double positive(double v, String option) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("Invalid " + option + ": " + v + " (a positive distance in micrometres)");
    }
    return v;
  }
}
