package org.myelin.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

/**
 * The Visium embryo (CytAssist, lowres image only): the tissue image lies under the spots. Under the
 * spots the image is stained tissue; away from every spot it is the bright background, so a wrong
 * scale or offset would put spots over background and fail here.
 */
class VisiumImageTest {

  @Test
  void theTissueImageLiesUnderTheSpots() {
    CellData d = CellDataIO.read(SharedData.data("visium_cytassist_mouse_embryo"), CellDataIO.ReadOptions.DEFAULT,
        new Parallel(1));
    Slots.Tissue t = Slots.tissue(d);
    EmbeddingPlots.Visium v = EmbeddingPlots.Visium.of(d, t);
    assertNotNull(v);
    assertNotNull(v.image(), "the lowres image is read");
    assertEquals(27.5, v.spotRadius(), 0, "a 55 um spot, in micrometres");
    // micrometres per lowres pixel: (100 um / 21.378 px spot pitch) / 0.2 lowres scale.
    assertEquals(100 / 21.378 / 0.2, v.unitsPerImagePixel(), 0.01);
    BufferedImage img = v.image();
    boolean[][] nearSpot = new boolean[img.getHeight()][img.getWidth()];
    double under = 0;
    int nUnder = 0;
    double reach = 2 * 100 / v.unitsPerImagePixel(); // two spot pitches, in image pixels
    for (int i = 0; i < t.x().length; i++) {
      double px = t.x()[i] / v.unitsPerImagePixel();
      double py = t.y()[i] / v.unitsPerImagePixel();
      assertTrue(px >= 0 && py >= 0 && px < img.getWidth() && py < img.getHeight(), "spot " + i + " on the image");
      under += brightness(img.getRGB((int) px, (int) py));
      nUnder++;
      for (int y = (int) Math.max(0, py - reach); y < Math.min(img.getHeight(), py + reach); y++) {
        for (int x = (int) Math.max(0, px - reach); x < Math.min(img.getWidth(), px + reach); x++) {
          nearSpot[y][x] = true;
        }
      }
    }
    double away = 0;
    int nAway = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (!nearSpot[y][x]) {
          away += brightness(img.getRGB(x, y));
          nAway++;
        }
      }
    }
    under /= nUnder;
    away /= nAway;
    assertTrue(nAway > 1000 && under < away - 0.1, "under the spots " + under + ", away from them " + away);
    // And the figure draws it: most of the data area shows image colours, not only the spots' grey.
    Figure f = PlotKind.SPATIAL.draw(d, PlotOptions.defaults());
    assertEquals(0, f.legendEntries(0), "no colour key: no legend");
  }

  private static double brightness(int rgb) {
    return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / (3 * 255.0);
  }
}
