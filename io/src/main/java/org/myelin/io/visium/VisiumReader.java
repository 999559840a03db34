package org.myelin.io.visium;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;
import org.myelin.core.matrix.DenseDoubleMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.MalformedFileException;
import org.myelin.io.TextFiles;
import org.myelin.io.tenx.MtxReader;
import org.myelin.io.tenx.TenxH5Reader;

/**
 * Reads a Space Ranger output folder as scanpy's {@code read_visium}: the filtered matrix (HDF5, or
 * the MTX folder), {@code spatial/tissue_positions.csv} (Space Ranger 2+, with a header) or
 * {@code tissue_positions_list.csv} (1.x, without), and {@code scalefactors_json.json}.
 * {@code obsm["spatial"]} holds full-resolution pixel coordinates as (x, y) = (column, row), as in
 * scanpy; {@code in_tissue}, {@code array_row}, {@code array_col} go to obs; only in-tissue spots
 * are kept unless asked otherwise.
 */
public final class VisiumReader {

  private VisiumReader() {}

  /** True when the folder holds a {@code spatial/} folder with spot positions. */
  public static boolean isVisiumFolder(Path dir) {
    Path spatial = dir.resolve("spatial");
    return Files.isDirectory(spatial)
        && TextFiles.firstExisting(spatial, "tissue_positions.csv", "tissue_positions_list.csv") != null;
  }

  public static CellData read(Path dir, boolean allSpots, TenxH5Reader.Options options, Parallel parallel) {
    CellData data = readMatrix(dir, options, parallel);
    Path spatial = dir.resolve("spatial");
    Path positions = TextFiles.firstExisting(spatial, "tissue_positions.csv", "tissue_positions_list.csv");
    if (positions == null) {
      throw new MalformedFileException(spatial, null, "missing tissue_positions.csv or tissue_positions_list.csv");
    }
    Map<String, long[]> spots = new HashMap<>();
    Map<String, double[]> pixels = new HashMap<>();
    List<String> lines = TextFiles.readLines(positions);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || (i == 0 && line.startsWith("barcode"))) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 6) {
        throw new MalformedFileException(positions, "line " + (i + 1), "expected 6 comma-separated fields but found " + f.length);
      }
      try {
        spots.put(f[0], new long[] {Long.parseLong(f[1].trim()), Long.parseLong(f[2].trim()), Long.parseLong(f[3].trim())});
        // Columns 5 and 6 are pixel row and pixel column; scanpy stores (column, row) as (x, y).
        pixels.put(f[0], new double[] {Double.parseDouble(f[5].trim()), Double.parseDouble(f[4].trim())});
      } catch (NumberFormatException e) {
        throw new MalformedFileException(positions, "line " + (i + 1), "not a number: " + e.getMessage());
      }
    }
    String[] barcodes = data.obs().index();
    int n = barcodes.length;
    long[] inTissue = new long[n];
    long[] arrayRow = new long[n];
    long[] arrayCol = new long[n];
    double[] xy = new double[2 * n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      long[] s = spots.get(barcodes[i]);
      if (s == null) {
        throw new InconsistentDataException(positions, null, "has no position for spot '" + barcodes[i] + "' of the matrix");
      }
      inTissue[i] = s[0];
      arrayRow[i] = s[1];
      arrayCol[i] = s[2];
      double[] p = pixels.get(barcodes[i]);
      xy[2 * i] = p[0];
      xy[2 * i + 1] = p[1];
      if (s[0] == 1 || allSpots) {
        kept++;
      }
    }
    Frame obs = data.obs();
    obs.put(Keys.OBS_IN_TISSUE, new IntColumn(inTissue));
    obs.put(Keys.OBS_ARRAY_ROW, new IntColumn(arrayRow));
    obs.put(Keys.OBS_ARRAY_COL, new IntColumn(arrayCol));
    data.putObsm(Keys.OBSM_SPATIAL, new DenseDoubleMatrix(n, 2, xy));
    Map<String, Object> library = new LinkedHashMap<>();
    Path scale = spatial.resolve("scalefactors_json.json");
    Map<String, Object> images = new LinkedHashMap<>();
    for (String res : new String[] {"hires", "lowres"}) {
      Path png = spatial.resolve("tissue_" + res + "_image.png");
      if (Files.isRegularFile(png)) {
        images.put(res, readImage(png));
      }
    }
    if (!images.isEmpty()) {
      library.put("images", images);
    }
    if (Files.isRegularFile(scale)) {
      library.put("scalefactors", readScaleFactors(scale));
    }
    // scanpy keys the library by the matrix file's library_ids and keeps its run description.
    String libraryId = dir.toAbsolutePath().normalize().getFileName().toString();
    Path h5 = TextFiles.firstExisting(dir, "filtered_feature_bc_matrix.h5", "raw_feature_bc_matrix.h5");
    if (h5 != null) {
      Map<String, String> run = TenxH5Reader.runAttributes(h5);
      libraryId = run.getOrDefault("library_id", libraryId);
      Map<String, Object> metadata = new LinkedHashMap<>();
      for (String k : new String[] {"chemistry_description", "software_version"}) {
        if (run.containsKey(k)) {
          metadata.put(k, run.get(k));
        }
      }
      library.put("metadata", metadata);
    }
    Map<String, Object> spatialUns = new LinkedHashMap<>();
    spatialUns.put(libraryId, library);
    data.uns().put(Keys.UNS_SPATIAL, spatialUns);
    // The scale comes from all spots of the array (in tissue or not): more neighbour pairs.
    org.myelin.core.spatial.SpatialUnits units = org.myelin.core.spatial.SpatialUnits.fromVisiumGrid(data);
    if (units != null) {
      units.record(data);
    }
    if (kept == n) {
      return data;
    }
    int[] rows = new int[kept];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (inTissue[i] == 1 || allSpots) {
        rows[k++] = i;
      }
    }
    return data.selectObs(rows);
  }

  private static CellData readMatrix(Path dir, TenxH5Reader.Options options, Parallel parallel) {
    Path h5 = TextFiles.firstExisting(dir, "filtered_feature_bc_matrix.h5", "raw_feature_bc_matrix.h5");
    if (h5 != null) {
      return TenxH5Reader.read(h5, options, parallel);
    }
    Path mtx = dir.resolve("filtered_feature_bc_matrix");
    if (Files.isDirectory(mtx)) {
      return MtxReader.readFolder(mtx, new MtxReader.Options(options.geneIds(), options.allFeatures(), options.makeUnique()));
    }
    throw new MalformedFileException(dir, null,
        "no filtered_feature_bc_matrix.h5, raw_feature_bc_matrix.h5 or filtered_feature_bc_matrix/ folder");
  }

  /**
   * A tissue image as scanpy's {@code read_visium} stores it: height x width x 3 float32 in [0, 1]
   * (matplotlib's imread of a PNG); an alpha channel is dropped.
   */
  static org.myelin.core.matrix.DenseArray readImage(Path png) {
    java.awt.image.BufferedImage img;
    try {
      img = javax.imageio.ImageIO.read(png.toFile());
    } catch (java.io.IOException | RuntimeException e) {
      throw new MalformedFileException(png, null, "not a readable PNG image: " + e.getMessage(), e);
    }
    if (img == null) {
      throw new MalformedFileException(png, null, "not a PNG image");
    }
    int h = img.getHeight();
    int w = img.getWidth();
    float[] rgb = new float[h * w * 3];
    java.awt.image.Raster raster = img.getRaster();
    int bands = raster.getNumBands();
    int bits = img.getColorModel().getComponentSize(0);
    float max = (1 << bits) - 1;
    int[] px = new int[bands];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.getPixel(x, y, px);
        for (int c = 0; c < 3; c++) {
          rgb[(y * w + x) * 3 + c] = px[bands >= 3 ? c : 0] / max; // grey images repeat their one band
        }
      }
    }
    return new org.myelin.core.matrix.DenseArray(new int[] {h, w, 3}, rgb);
  }

  /** The scale factors myelin and scanpy use: numbers, or the file is refused. */
  private static final java.util.Set<String> SCALE_KEYS = java.util.Set.of("spot_diameter_fullres",
      "tissue_hires_scalef", "tissue_lowres_scalef", "fiducial_diameter_fullres");

  /** The numeric entries of the flat scale-factor JSON object. */
  static Map<String, Object> readScaleFactors(Path file) {
    tools.jackson.databind.JsonNode root;
    try {
      root = tools.jackson.databind.json.JsonMapper.builder().build().readTree(file.toFile());
    } catch (tools.jackson.core.JacksonException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new MalformedFileException(file, null, "not valid JSON" + where, e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedFileException(file, null, "not a JSON object");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (var e : root.properties()) {
      tools.jackson.databind.JsonNode v = e.getValue();
      if (v.isString() && !SCALE_KEYS.contains(e.getKey())) {
        out.put(e.getKey(), v.asString()); // a newer Space Ranger's text entry, kept as scanpy keeps it
        continue;
      }
      if (!v.isNumber()) {
        throw new MalformedFileException(file, null, "'" + e.getKey() + "' should be a number, not " + v.getNodeType()
            .toString().toLowerCase(java.util.Locale.ROOT) + (v.isString() ? " \"" + v.asString() + "\"" : ""));
      }
      out.put(e.getKey(), v.asDouble());
    }
    return out;
  }

}
