package org.myelin.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;

/** A figure from a small hand-made CellData: its legend, its size, its formats and where its colours land. */
class FigureTest {

  /** 3,000 cells in three clusters around (0, 0), (10, 0) and (5, 8) of the UMAP; gene g0 high in cluster 2. */
  static CellData threeClusters() {
    int n = 3000;
    SplittableRandom rnd = new SplittableRandom(4);
    double[][] centre = {{0, 0}, {10, 0}, {5, 8}};
    double[] xy = new double[2 * n];
    int[] codes = new int[n];
    double[] score = new double[n];
    long[] ptr = new long[n + 1];
    int[] idx = new int[n];
    double[] val = new double[n];
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      codes[i] = i % 3;
      xy[2 * i] = centre[codes[i]][0] + rnd.nextGaussian();
      xy[2 * i + 1] = centre[codes[i]][1] + rnd.nextGaussian();
      score[i] = codes[i];
      idx[i] = 0;
      val[i] = codes[i] == 2 ? 3 : 0.1;
      ptr[i + 1] = i + 1;
      names[i] = "c" + i;
    }
    CellData d = new CellData(CsrMatrix.fromCsr(1, ptr, idx, val), new Frame(names), new Frame(new String[] {"g0"}));
    d.obs().put("leiden", new CategoricalColumn(codes, new String[] {"0", "1", "2"}, false));
    d.obs().put("S_module", new DoubleColumn(score));
    d.putObsm("X_umap", new DenseDoubleMatrix(n, 2, xy));
    d.putObsm("spatial", new DenseDoubleMatrix(n, 2, xy.clone()));
    return d;
  }

  @Test
  void aCategoricalUmapHasOneLegendEntryPerClusterAndItsColoursWhereTheClustersAre() {
    CellData d = threeClusters();
    Figure f = PlotKind.UMAP.draw(d, PlotOptions.defaults());
    assertEquals(3, f.legendEntries(0));
    BufferedImage img = f.image(144);
    assertEquals(f.width() * 2, img.getWidth());
    assertEquals(f.height() * 2, img.getHeight());
    // Each cluster's palette colour is drawn, in its own part of the image: cluster 1 right of cluster 0.
    int[] meanX = new int[3];
    int[] count = new int[3];
    java.awt.Color[] palette = Palettes.categorical(3);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        for (int c = 0; c < 3; c++) {
          if (rgb == (palette[c].getRGB() & 0xffffff)) {
            meanX[c] += x;
            count[c]++;
          }
        }
      }
    }
    for (int c = 0; c < 3; c++) {
      assertTrue(count[c] > 1000, "cluster " + c + " drawn: " + count[c] + " pixels");
    }
    assertTrue(meanX[1] / count[1] > meanX[0] / count[0] + 100, "cluster 1 lies right of cluster 0");
  }

  @Test
  void valuesGetAColourBarAndGenesAreColourKeysToo() {
    CellData d = threeClusters();
    Figure f = PlotKind.UMAP.draw(d, PlotOptions.defaults().withColor(List.of("S_module", "g0")));
    assertEquals(2, f.panels().size());
    assertEquals(0, f.legendEntries(0), "a continuous key has a colour bar, not a legend");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlotKind.UMAP.draw(d, PlotOptions.defaults().withColor(List.of("nope"))));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
  }

  @Test
  void aColourKeyOfOneValueEverywhereIsDrawn() {
    // A targeted panel without mitochondrial genes: pct_counts_mt is 0 in every cell.
    CellData d = threeClusters();
    d.obs().put("pct_counts_mt", new DoubleColumn(new double[d.nObs()]));
    Figure f = PlotKind.UMAP.draw(d, PlotOptions.defaults().withColor(List.of("pct_counts_mt")));
    assertTrue(f.image(72).getWidth() > 0);
  }

  @Test
  void vectorFormatsEmbedTheScatterAsOneImage() {
    Figure f = PlotKind.SPATIAL.draw(threeClusters(), PlotOptions.defaults());
    String svg = new String(f.bytes(Figure.Format.SVG, 72), StandardCharsets.UTF_8);
    assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), svg.substring(0, 40));
    assertEquals(1, svg.split("<image", -1).length - 1, "3,000 cells are one raster image");
    assertTrue(svg.split("<circle|<ellipse", -1).length < 20, "no vector object per cell");
    byte[] pdf = f.bytes(Figure.Format.PDF, 72);
    assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
    byte[] png = f.bytes(Figure.Format.PNG, 72);
    assertEquals((byte) 0x89, png[0]);
    assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
  }

  @Test
  void missingSlotsSayWhichStepMakesThem() {
    CellData d = threeClusters();
    MissingSlotException e = assertThrows(MissingSlotException.class, () -> PlotKind.DOTPLOT.draw(d,
        PlotOptions.defaults()));
    assertTrue(e.getMessage().contains("run markers first"), e.getMessage());
    assertThrows(MissingSlotException.class, () -> PlotKind.NICHE.draw(d, PlotOptions.defaults()));
    assertThrows(MissingSlotException.class, () -> PlotKind.QC.draw(d, PlotOptions.defaults()));
    assertThrows(IllegalArgumentException.class, () -> new PlotOptions(List.of(), null, 0, 3, 360, 300));
  }
}
