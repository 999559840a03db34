package org.myelin.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.Concat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin concat}: samples joined into one h5ad as anndata's concat, streamed. */
@Command(name = "concat", mixinStandardHelpOptions = true,
    description = "Join samples (h5ad or 10x HDF5) into one h5ad along the cells, as anndata's concat: the genes "
        + "of every sample (--join inner) or of any (outer, absent ones zero), obs stacked with each cell's sample in "
        + "obs[--label] and appended to its name, layers and obsm kept where every sample has them, each sample's uns "
        + "under uns[--label]. X and the layers are streamed block by block, so a cohort larger than memory is "
        + "joined. From a sample sheet (--samples), the sheet's other columns (patient, response, batch, ...) "
        + "become obs columns.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin concat p01.h5ad p02.h5ad p03.h5ad -o cohort.h5ad --label sample",
        "  myelin concat --samples samples.csv -o cohort.h5ad --join outer"})
final class ConcatCommand implements Callable<Integer> {

  @Parameters(paramLabel = "INPUT", arity = "0..*", description = "Samples to join, in order.")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--samples", paramLabel = "SHEET",
      description = "A sample sheet (CSV or TSV) with columns sample and file (relative to the sheet) and any "
          + "others, which become obs columns; instead of INPUT.")
  Path sheet;

  @Option(names = {"-o", "--out"}, paramLabel = "OUT", required = true, description = "The joined h5ad.")
  Path out;

  @Option(names = "--label", paramLabel = "COLUMN", description = "obs column of each cell's sample (default: ${DEFAULT-VALUE}).")
  String label = org.myelin.core.data.Keys.OBS_SAMPLE;

  @Option(names = "--keys", paramLabel = "NAMES", split = ",",
      description = "The samples' names, in order (default: the sheet's sample column, or each file's name "
          + "without its extension).")
  List<String> keys;

  @Option(names = "--join", paramLabel = "HOW",
      description = "inner: the genes every sample has; outer: every gene, zero where a sample lacks it "
          + "(default: ${DEFAULT-VALUE}).")
  String join = "inner";

  @Option(names = "--index-unique", paramLabel = "SEP",
      description = "Make cell names unique as anndata's index_unique: name + SEP + sample; 'none' keeps them "
          + "(default: ${DEFAULT-VALUE}).")
  String indexUnique = "-";

  @Option(names = "--merge", paramLabel = "HOW",
      description = "var columns kept: none (anndata's default) or same (those equal in every sample) "
          + "(default: ${DEFAULT-VALUE}).")
  String merge = "none";

  @Mixin
  OutputOptions outputOptions;

  @Mixin
  CommonOptions common;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Concat.Join how = Step.choice(Concat.Join.class, join, "--join");
    Concat.Merge mergeHow = Step.choice(Concat.Merge.class, merge, "--merge");
    if (label.isBlank()) {
      throw new IllegalArgumentException("Invalid --label: empty (an obs column name)");
    }
    List<Concat.Input> samples = sheet != null ? SampleSheet.read(sheet).localInputs() : fromFiles();
    outputOptions.checkWritable(out);
    Concat.Options options = new Concat.Options(label, indexUnique.equalsIgnoreCase("none") ? null : indexUnique,
        how, mergeHow);
    Concat.Summary summary;
    try (Parallel parallel = common.parallel()) {
      summary = Concat.write(samples, out, options, outputOptions.force, parallel);
    }
    Provenance.write(spec, samples.stream().map(Concat.Input::file).toList(), List.of(out), start, true);
    common.log(spec.commandLine().getErr()).info("concat", "%d samples, %d cells x %d genes (%s join)%s%s; wrote %s in "
        + "%.1f s", samples.size(), summary.cells(), summary.genes(), how.name().toLowerCase(Locale.ROOT),
        summary.layers().isEmpty() ? "" : ", layers " + String.join(", ", summary.layers()),
        summary.obsm().isEmpty() ? "" : ", obsm " + String.join(", ", summary.obsm()), out,
        (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private List<Concat.Input> fromFiles() {
    if (inputs.size() < 2) {
      throw new IllegalArgumentException("concat needs two samples or more (INPUT ... or --samples SHEET), got "
          + inputs.size());
    }
    if (keys != null && keys.size() != inputs.size()) {
      throw new IllegalArgumentException("Invalid --keys: " + keys.size() + " names for " + inputs.size() + " samples");
    }
    List<Concat.Input> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Path file = inputs.get(i);
      String name = file.getFileName().toString().replaceFirst("\\.(h5ad|h5)$", "");
      out.add(new Concat.Input(keys != null ? keys.get(i) : name, file));
    }
    return out;
  }
}
