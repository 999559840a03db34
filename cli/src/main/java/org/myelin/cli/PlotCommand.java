package org.myelin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.AtomicOutput;
import org.myelin.io.CellDataIO;
import org.myelin.io.UnsupportedFileException;
import org.myelin.plot.Figure;
import org.myelin.plot.PlotKind;
import org.myelin.plot.PlotOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin plot KIND INPUT -o FILE}: one figure from the slots of a result. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Draw one figure from a result (myelin's, or scanpy's and squidpy's slots) as PNG, SVG or PDF "
        + "(from the output's name). KIND is one of those listed below.")
final class PlotCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "KIND", description = "The figure (listed below).")
  String kind;

  @Parameters(index = "1", paramLabel = "INPUT", description = "An h5ad (or any input myelin reads).")
  Path input;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
      description = "The figure: .png, .svg or .pdf.")
  Path out;

  @Option(names = "--color", paramLabel = "KEYS", split = ",",
      description = "obs columns, genes or scores to colour by, one panel each (umap, pca, spatial); the scores of "
          + "violin and niche; the group co-occurrence starts from.")
  List<String> color = new ArrayList<>();

  @Option(names = "--groupby", paramLabel = "KEY",
      description = "Categorical obs column of the groups (default: the markers' groups, else leiden, else cell_type).")
  String groupby;

  @Option(names = "--n-genes", paramLabel = "N", description = "Marker genes per group in dotplot and heatmap "
      + "(default: ${DEFAULT-VALUE}).")
  int nGenes = PlotOptions.defaults().nGenes();

  @Option(names = "--columns", paramLabel = "N", description = "Panels per row (default: ${DEFAULT-VALUE}).")
  int columns = PlotOptions.defaults().columns();

  @Option(names = "--panel-size", paramLabel = "WxH",
      description = "Size of one panel in points, 1/72 inch (default: ${DEFAULT-VALUE}).")
  String panelSize = PlotOptions.defaults().panelWidth() + "x" + PlotOptions.defaults().panelHeight();

  @Option(names = "--dpi", paramLabel = "DPI", description = "Resolution of a PNG (default: ${DEFAULT-VALUE}).")
  double dpi = Pictures.FIGURE_DPI;

  @Mixin
  OutputOptions outputOptions;

  @Mixin
  CommonOptions common;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The kinds and what each shows, for the help's footer. */
  static String[] footer() {
    List<String> lines = new ArrayList<>(List.of("", "Kinds:"));
    for (PlotKind k : PlotKind.values()) {
      lines.add(String.format(Locale.ROOT, "  %-18s %s", k.label(), k.description()));
    }
    lines.addAll(List.of("", "Examples:", "  myelin plot umap result.h5ad -o umap.png --color leiden,cell_type",
        "  myelin plot spatial visium.h5ad -o tissue.pdf --color NERVE_INJURY_NEURON_RAG_UP_module",
        "  myelin plot dotplot result.h5ad -o markers.svg --n-genes 4"));
    return lines.toArray(new String[0]);
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    PlotKind k = PlotKind.of(kind);
    if (k == null) {
      throw new IllegalArgumentException("Invalid KIND: " + kind + " (one of "
          + String.join(", ", java.util.Arrays.stream(PlotKind.values()).map(PlotKind::label).toList()) + ")");
    }
    Figure.Format format = Figure.Format.of(out);
    if (format == null) {
      throw new UnsupportedFileException(out, null, "a figure is written as .png, .svg or .pdf");
    }
    if (!(dpi >= 30 && dpi <= 1200)) {
      throw new IllegalArgumentException("Invalid --dpi: " + dpi + " (30 to 1200)");
    }
    String[] size = panelSize.toLowerCase(Locale.ROOT).split("x");
    int w;
    int h;
    try {
      w = Integer.parseInt(size[0].trim());
      h = Integer.parseInt(size[1].trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid --panel-size: " + panelSize + " (WIDTHxHEIGHT in points, e.g. 360x300)");
    }
    PlotOptions options = new PlotOptions(color, groupby, nGenes, columns, w, h);
    outputOptions.checkWritable(out);
    outputOptions.checkFolder(out.toAbsolutePath().getParent());
    Log log = common.log(spec.commandLine().getErr());
    CellData data;
    try (Parallel parallel = common.parallel()) {
      data = CellDataIO.read(input, CellDataIO.ReadOptions.DEFAULT, parallel);
    }
    Figure figure;
    try {
      figure = k.draw(data, options);
    } catch (IllegalArgumentException e) {
      throw new StepRunner.DataException(input + ": " + e.getMessage(), e);
    }
    byte[] bytes = figure.bytes(format, dpi);
    AtomicOutput.write(out, outputOptions.force, tmp -> Files.write(tmp, bytes));
    Provenance.write(spec, List.of(input), List.of(out), start, true);
    log.info("plot", "wrote %s (%s, %d x %d points) in %.1f s", out, k.label(), figure.width(), figure.height(),
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
