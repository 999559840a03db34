package org.myelin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin report RESULT.h5ad -o report.html}: the HTML report of a result, after the fact. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write one self-contained HTML page about a result (metrics, a figure for every step that ran, "
        + "top markers, score and niche tables, the provenance found beside RESULT), and myelin_mqc.json (MultiQC "
        + "custom content) beside it. --figures also writes every figure as PNG.",
    footerHeading = "%nExamples:%n",
    footer = {"  myelin report sample.h5ad -o sample_report.html",
        "  myelin report sample.h5ad -o qc/report.html --figures qc/figures"})
final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "RESULT", description = "A result of myelin run (an h5ad).")
  Path input;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "The report (.html).")
  Path out;

  @Option(names = "--title", paramLabel = "TEXT", description = "The report's title (default: RESULT's name).")
  String title;

  @Option(names = "--figures", paramLabel = "DIR", description = "Also write every figure as DIR/KIND.png.")
  Path figures;

  @Mixin
  OutputOptions outputOptions;

  @Mixin
  CommonOptions common;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Pictures.checkReport(out, outputOptions);
    if (figures != null) {
      Pictures.checkFigures(figures, outputOptions);
    }
    Log log = common.log(spec.commandLine().getErr());
    CellData data;
    try (Parallel parallel = common.parallel()) {
      data = CellDataIO.read(input, CellDataIO.ReadOptions.DEFAULT, parallel);
    }
    Path provenance = Provenance.pathFor(input);
    String record = null;
    if (Files.isRegularFile(provenance)) {
      try {
        record = Files.readString(provenance, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + provenance + ": " + e.getMessage(), e);
      }
    }
    List<Path> written = new ArrayList<>();
    try {
      written.addAll(Pictures.writeReport(data, out, title == null ? Pictures.sampleName(input) : title, record,
          List.of(), outputOptions.force));
      if (figures != null) {
        written.addAll(Pictures.writeFigures(data, figures, outputOptions.force, log, "report"));
      }
    } catch (IllegalArgumentException e) {
      throw new StepRunner.DataException(input + ": " + e.getMessage(), e);
    }
    Provenance.write(spec, List.of(input), written, start, true);
    log.info("report", "wrote %s and %s in %.1f s", out, Pictures.multiQcFile(out).getFileName(),
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
