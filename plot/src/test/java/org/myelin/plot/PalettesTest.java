package org.myelin.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import org.junit.jupiter.api.Test;

/** The colours are scanpy's and matplotlib's, entry for entry where we can name them. */
class PalettesTest {

  @Test
  void categoriesTakeScanpysPaletteBySize() {
    // scanpy's default_20 begins with tab10's blue and orange, then its own green and red.
    Color[] c = Palettes.categorical(13);
    assertEquals(new Color(0x1f77b4), c[0]);
    assertEquals(new Color(0xff7f0e), c[1]);
    assertEquals(new Color(0x279e68), c[2]);
    assertEquals(new Color(0xd62728), c[3]);
    // 21 to 28 categories: Zeileis' 28; beyond: the 102 colours; past them, grey.
    assertEquals(new Color(0x023fa5), Palettes.categorical(25)[0]);
    assertEquals(new Color(0xFFFF00), Palettes.categorical(40)[0]);
    assertEquals(Palettes.GREY, Palettes.categorical(103)[102]);
  }

  @Test
  void viridisAndRedsMatchMatplotlibAtTheirEnds() {
    // matplotlib 3.6: viridis(0) = #440154, viridis(0.5) = #21918c, viridis(1) = #fde725.
    assertEquals(0xff440154, Palettes.viridis(0));
    assertEquals(0xff21918c, Palettes.viridis(0.5));
    assertEquals(0xfffde725, Palettes.viridis(1));
    assertEquals(0xff440154, Palettes.viridis(-3), "clamped");
    assertEquals(Palettes.GREY.getRGB(), Palettes.viridis(Double.NaN));
    assertEquals(0xfffff5f0, Palettes.reds(0));
    assertEquals(0xff67000d, Palettes.reds(1));
    assertEquals(0xfffb6a4a, Palettes.reds(0.5));
  }
}
