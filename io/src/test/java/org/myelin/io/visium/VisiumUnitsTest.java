package org.myelin.io.visium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.spatial.SpatialUnits;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

/** Visium coordinates are pixels; their scale comes from the array's 100 um spot pitch. */
class VisiumUnitsTest {

  @Test
  void micrometresPerPixelFromTheSpotPitch() {
    CellData d = CellDataIO.read(SharedData.data("visium_cytassist_mouse_embryo"), CellDataIO.ReadOptions.DEFAULT,
        new Parallel(1));
    SpatialUnits u = SpatialUnits.of(d);
    assertNotNull(u);
    // Neighbouring spots of a row lie 21.378 full-resolution pixels apart here (median over the array);
    // spot_diameter_fullres (14.96 px, a theoretical 65 um spot) would give 4.35 um/px instead.
    assertEquals(100 / 21.378, u.micronsPerUnit(), 1e-3);
    // squidpy's Visium folder, a Space Ranger 1.x layout (tissue_positions_list.csv without a header).
    CellData s = CellDataIO.read(SharedData.data("squidpy"), CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertNotNull(SpatialUnits.of(s));
  }
}
