package org.myelin.io.visium;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.DenseArray;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;

/** The tissue images go to uns['spatial'][library]['images'] as scanpy's read_visium puts them. */
class VisiumImagesTest {

  @TempDir
  Path tmp;

  @Test
  void theTissueImageLiesUnderTheSpotsAndSurvivesTheH5ad() {
    CellData d = CellDataIO.read(SharedData.data("visium_cytassist_mouse_embryo"), CellDataIO.ReadOptions.DEFAULT,
        new Parallel(1));
    // Keyed by the matrix file's library id, as scanpy's read_visium keys it, with the run's description.
    Map<?, ?> library = (Map<?, ?>) ((Map<?, ?>) d.uns().get("spatial")).get("Placenta_S3");
    assertEquals(Map.of("chemistry_description", "Visium V4 Slide", "software_version", "spaceranger-3.0.0"),
        library.get("metadata"));
    DenseArray lowres = (DenseArray) ((Map<?, ?>) library.get("images")).get("lowres");
    assertArrayEquals(new int[] {600, 600, 3}, lowres.shape());
    double scale = ((Number) ((Map<?, ?>) library.get("scalefactors")).get("tissue_lowres_scalef")).doubleValue();
    // Spots sit on the eosin-pink tissue: less green than the bare slide beside the capture area
    // (x 380-480, y 300-450 of the low-resolution image, pale).
    DenseMatrix xy = d.obsm().get("spatial");
    double under = 0;
    for (int i = 0; i < d.nObs(); i++) {
      int x = (int) Math.round(xy.get(i, 0) * scale);
      int y = (int) Math.round(xy.get(i, 1) * scale);
      assertTrue(x >= 0 && x < 600 && y >= 0 && y < 600, "spot inside the image");
      under += green(lowres, x, y);
    }
    under /= d.nObs();
    double slide = 0;
    for (int y = 300; y < 450; y++) {
      for (int x = 380; x < 480; x++) {
        slide += green(lowres, x, y) / (150 * 100);
      }
    }
    assertTrue(under < slide - 0.15, "green under the spots " + under + ", on the bare slide " + slide);
    Path out = tmp.resolve("embryo.h5ad");
    CellDataIO.write(d, out, CellDataIO.Format.H5AD, false, new Parallel(1));
    CellData back = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    Map<?, ?> lib2 = (Map<?, ?>) ((Map<?, ?>) back.uns().get("spatial")).get("Placenta_S3");
    assertEquals(lowres, ((Map<?, ?>) lib2.get("images")).get("lowres"));
  }

  private static double green(DenseArray image, int x, int y) {
    return image.data()[(y * image.shape()[1] + x) * 3 + 1];
  }
}
