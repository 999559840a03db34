package org.myelin.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.myelin.core.data.CellData;
import org.myelin.io.AtomicOutput;
import org.myelin.io.UnsupportedFileException;
import org.myelin.plot.Figure;
import org.myelin.plot.MissingSlotException;
import org.myelin.plot.MultiQc;
import org.myelin.plot.PlotKind;
import org.myelin.plot.PlotOptions;
import org.myelin.plot.Report;

/** The figures folder, the HTML report and its MultiQC file: checked before any work, written after it. */
final class Pictures {

  /** The MultiQC custom-content file written beside a report. */
  static final String MULTIQC_FILE = "myelin_mqc.json";

  /** Resolution of the PNG files of a figures folder. */
  static final double FIGURE_DPI = 150;

  /** Resolution of the figures embedded in a report. */
  static final double REPORT_DPI = 100;

  private Pictures() {}

  /** Refuses, before any work, a report that is not .html, or a report or MultiQC file that exists without --force. */
  static void checkReport(Path report, OutputOptions out) {
    if (!report.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
      throw new UnsupportedFileException(report, null, "a report is written as .html");
    }
    out.checkWritable(report);
    out.checkWritable(multiQcFile(report));
    out.checkFolder(report.toAbsolutePath().getParent());
  }

  /** Refuses, before any work, a figures folder that is a file or cannot be written. */
  static void checkFigures(Path dir, OutputOptions out) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UnsupportedFileException(dir, null, "--figures must name a folder, and this is a file");
    }
    out.checkFolder(dir);
    if (!out.force) {
      for (PlotKind k : PlotKind.values()) {
        out.checkWritable(dir.resolve(k.label() + ".png"));
      }
    }
  }

  static Path multiQcFile(Path report) {
    return report.toAbsolutePath().resolveSibling(MULTIQC_FILE);
  }

  /** Every figure the data has the slots for, as DIR/KIND.png; the others are named in one line. */
  static List<Path> writeFigures(CellData d, Path dir, boolean force, Log log, String source) {
    List<Path> written = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (PlotKind k : PlotKind.values()) {
      Figure f;
      try {
        f = k.draw(d, PlotOptions.defaults());
      } catch (MissingSlotException e) {
        skipped.add(k.label());
        continue;
      } catch (RuntimeException e) {
        // A figure that cannot be drawn must not cost the analysis already written: said, and skipped.
        log.info(source, "warning: figure %s not drawn: %s", k.label(), e.getMessage());
        continue;
      }
      Path file = dir.resolve(k.label() + ".png");
      byte[] png = f.bytes(Figure.Format.PNG, FIGURE_DPI);
      AtomicOutput.write(file, force, tmp -> Files.write(tmp, png));
      written.add(file);
    }
    log.info(source, "%d figures in %s%s", written.size(), dir,
        skipped.isEmpty() ? "" : "; not drawn for want of their step: " + String.join(", ", skipped));
    return written;
  }

  /** The report and, beside it, myelin_mqc.json. */
  static List<Path> writeReport(CellData d, Path report, String title, String provenanceJson, List<String> warnings,
      boolean force) {
    String html = Report.html(d, new Report.Options(title, provenanceJson, warnings, REPORT_DPI));
    AtomicOutput.write(report, force, tmp -> Files.writeString(tmp, html, StandardCharsets.UTF_8));
    Path mqc = multiQcFile(report);
    String json = Json.pretty(MultiQc.content(d, title)) + "\n";
    AtomicOutput.write(mqc, force, tmp -> Files.writeString(tmp, json, StandardCharsets.UTF_8));
    return List.of(report, mqc);
  }

  /** The sample's name for titles: the file name without its extensions. */
  static String sampleName(Path input) {
    String n = input.toAbsolutePath().normalize().getFileName().toString();
    int dot = n.indexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
