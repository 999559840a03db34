package org.myelin.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.io.CellDataIO;
import org.myelin.plot.Figure;
import org.myelin.plot.PlotKind;
import org.myelin.plot.PlotOptions;
import org.myelin.plot.Report;

/**
 * Figures, timed: {@code FiguresBenchmark report RESULT.h5ad OUT.html} draws the whole report of a
 * result of {@code myelin run} (reading excluded, every figure and the HTML included);
 * {@code FiguresBenchmark scatter N OUT_DIR} draws the tissue of N cells (uniform in a 5 mm square,
 * 14 types) as PNG at 150 dpi and as SVG. Prints seconds and the peak heap in use.
 */
public final class FiguresBenchmark {

  private FiguresBenchmark() {}

  public static void main(String[] args) throws java.io.IOException {
    switch (args[0]) {
      case "report" -> report(Path.of(args[1]), Path.of(args[2]));
      case "scatter" -> scatter(Integer.parseInt(args[1]), Path.of(args[2]));
      default -> throw new IllegalArgumentException("report RESULT.h5ad OUT.html | scatter N OUT_DIR");
    }
    System.out.printf("peak heap in use\t%.2f GB%n", peakHeap() / 1e9);
  }

  static void report(Path result, Path out) throws java.io.IOException {
    CellData d;
    long t = System.nanoTime();
    try (Parallel p = new Parallel(2)) {
      d = CellDataIO.read(result, CellDataIO.ReadOptions.DEFAULT, p);
    }
    System.out.printf("cells\t%d\tgenes\t%d\tread\t%.2f s%n", d.nObs(), d.nVars(), (System.nanoTime() - t) / 1e9);
    // Once to warm the JIT as a long run would have, then timed.
    t = System.nanoTime();
    String html = Report.html(d, new Report.Options("bench", null, List.of(), 100));
    System.out.printf("report, first (cold JVM)\t%.2f s\t%d bytes%n", (System.nanoTime() - t) / 1e9, html.length());
    t = System.nanoTime();
    html = Report.html(d, new Report.Options("bench", null, List.of(), 100));
    System.out.printf("report, second\t%.2f s%n", (System.nanoTime() - t) / 1e9);
    Files.writeString(out, html);
  }

  static void scatter(int n, Path dir) throws java.io.IOException {
    SplittableRandom rnd = new SplittableRandom(1);
    double[] xy = new double[2 * n];
    int[] codes = new int[n];
    double[] score = new double[n];
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      xy[2 * i] = 5000 * rnd.nextDouble();
      xy[2 * i + 1] = 5000 * rnd.nextDouble();
      codes[i] = rnd.nextInt(14);
      score[i] = rnd.nextGaussian();
      names[i] = Integer.toString(i);
    }
    String[] types = new String[14];
    for (int k = 0; k < 14; k++) {
      types[k] = "type_" + k;
    }
    CellData d = new CellData(CsrMatrix.zeros(n, 1), new Frame(names), new Frame(new String[] {"g"}));
    d.obs().put("cell_type", new CategoricalColumn(codes, types, false));
    d.obs().put("score", new DoubleColumn(score));
    d.putObsm("spatial", new DenseDoubleMatrix(n, 2, xy));
    Files.createDirectories(dir);
    for (String key : new String[] {"cell_type", "score"}) {
      for (int rep = 0; rep < 2; rep++) {
        long t = System.nanoTime();
        Figure f = PlotKind.SPATIAL.draw(d, PlotOptions.defaults().withColor(List.of(key)));
        byte[] png = f.bytes(Figure.Format.PNG, 150);
        double s = (System.nanoTime() - t) / 1e9;
        Files.write(dir.resolve("scatter_" + key + ".png"), png);
        System.out.printf("%,d cells by %s, PNG 150 dpi%s\t%.2f s%n", n, key, rep == 0 ? " (cold JVM)" : "", s);
      }
    }
    long t = System.nanoTime();
    Figure f = PlotKind.SPATIAL.draw(d, PlotOptions.defaults().withColor(List.of("cell_type")));
    byte[] svg = f.bytes(Figure.Format.SVG, 72);
    System.out.printf("%,d cells by cell_type, SVG (one embedded raster)\t%.2f s\t%d bytes%n", n,
        (System.nanoTime() - t) / 1e9, svg.length);
    Files.write(dir.resolve("scatter.svg"), svg);
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
