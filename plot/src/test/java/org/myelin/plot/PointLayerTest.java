package org.myelin.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rasteriser: discs where the points are, the last on top, sub-pixel points as partial coverage. */
class PointLayerTest {

  @Test
  void discsLandWhereThePointsAreAndTheLastIsOnTop() {
    double[] x = {10, 10, 30};
    double[] y = {10, 10, 5};
    int[] argb = {0xffff0000, 0xff0000ff, 0xff00ff00};
    PointLayer layer = new PointLayer(x, y, argb, new int[] {0, 1, 2}, 3, false, 1.0);
    int w = 40;
    int h = 20;
    int[] buf = new int[w * h];
    layer.rasterise(buf, w, h, 0, 1, 0, 1, 3);
    assertEquals(0xff0000ff, buf[10 * w + 10], "the second point, drawn last at (10, 10), is on top");
    assertEquals(0xff00ff00, buf[5 * w + 30]);
    assertEquals(0, buf[0], "nothing where no point is");
    assertEquals(0, buf[10 * w + 20]);
    int covered = 0;
    for (int v : buf) {
      covered += v != 0 ? 1 : 0;
    }
    // Two discs of radius 3 (about 28 pixels each, with soft edges).
    assertTrue(covered > 40 && covered < 80, covered + " pixels covered");
  }

  @Test
  void subPixelPointsAddTheirAreaAsOpacity() {
    PointLayer layer = new PointLayer(new double[] {2.5}, new double[] {2.5}, new int[] {0xff000000}, new int[] {0},
        0.2, false, 1.0);
    int[] buf = new int[25];
    layer.rasterise(buf, 5, 5, 0, 1, 0, 1, 0.2);
    int alpha = buf[2 * 5 + 2] >>> 24;
    assertEquals(Math.round(Math.PI * 0.04 * 255), alpha, 1);
  }

  @Test
  void defaultsFollowScanpysMarkerAreaAndFadeWithDensity() {
    assertEquals(Math.sqrt(120000.0 / 1000 / Math.PI), PointLayer.defaultRadius(1000), 1e-12);
    assertEquals(1.0, PointLayer.defaultAlpha(10_000));
    assertTrue(PointLayer.defaultAlpha(1_000_000) >= 0.3 && PointLayer.defaultAlpha(1_000_000) < 0.4);
  }
}
