package org.myelin.io.tenx;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Names;
import org.myelin.core.matrix.CountEncoding;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Frame;
import org.myelin.io.CellNames;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.UnsupportedFileException;
import org.myelin.io.hdf.H5Matrix;
import org.myelin.io.hdf.H5;

/**
 * Reads Cell Ranger's HDF5 feature-barcode matrix as scanpy's {@code read_10x_h5} does: v3
 * ({@code /matrix}, features with {@code feature_type} and {@code genome}; only "Gene Expression"
 * unless all features are asked for) and v2 (one group per genome). Xenium's
 * {@code cell_feature_matrix.h5} has the v3 layout; its control probes are other feature types.
 *
 * <p>On disk the matrix is CSC of genes by cells, which is CSR of cells by genes: read as is.
 */
public final class TenxH5Reader {

  /** The feature type kept by default, as scanpy's {@code gex_only=True}. */
  public static final String GENE_EXPRESSION = "Gene Expression";

  /**
   * @param genome v2 genome group to read, or null when the file has only one
   * @param allFeatures keep every feature type (antibody capture, control probes, ...)
   * @param geneIds index genes by their ids (Ensembl) instead of their symbols
   * @param makeUnique rename duplicate barcodes instead of failing
   */
  public record Options(String genome, boolean allFeatures, boolean geneIds, boolean makeUnique,
      CountEncoding encoding) {
    public static final Options DEFAULT = new Options(null, false, false, false, CountEncoding.FLOAT);
  }

  private TenxH5Reader() {}

  /** True when the file looks like a 10x HDF5 matrix (v3 /matrix group, or v2 genome groups). */
  public static boolean looksLikeTenx(HdfFile h) {
    if (H5.child(h, "matrix") instanceof Group) {
      return true;
    }
    for (Node n : H5.children(h).values()) {
      if (n instanceof Group g && H5.child(g, "barcodes") != null && H5.child(g, "indptr") != null) {
        return true;
      }
    }
    return false;
  }

  public static CellData read(Path file, Options options, Parallel parallel) {
    return read(file, options, parallel, org.myelin.core.tool.Progress.NONE);
  }

  /** As {@link #read(Path, Options, Parallel)}, reporting the cells read to {@code progress}. */
  public static CellData read(Path file, Options options, Parallel parallel, org.myelin.core.tool.Progress progress) {
    try (HdfFile h = H5.open(file)) {
      return H5.guard(file, "/", () -> {
        Parts p = parts(file, h, options);
        CsrMatrix x = p.matrix().read(parallel, false, true, progress, options.encoding());
        if (p.keep() != null) {
          x = x.selectColumns(p.keep());
        }
        return new CellData(x, p.obs(), p.var());
      });
    }
  }

  /**
   * The run's description in the file's root attributes, as scanpy's {@code read_visium} keeps it:
   * chemistry_description, software_version and the first of library_ids, where present.
   */
  public static java.util.Map<String, String> runAttributes(Path file) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    try (HdfFile h = H5.open(file)) {
      for (String name : new String[] {"chemistry_description", "software_version"}) {
        String v = H5.attrString(h, name);
        if (v != null) {
          out.put(name, v);
        }
      }
      String[] ids = H5.attrStrings(h, "library_ids");
      if (ids != null && ids.length > 0) {
        out.put("library_id", ids[0]);
      }
    }
    return out;
  }

  /**
   * A 10x file's matrix as stored (cells as rows, not yet read), its cells, and its features.
   *
   * @param keep the matrix columns var describes (the Gene Expression features), or null for all
   */
  public record Parts(H5Matrix matrix, Frame obs, Frame var, int[] keep) {}

  /** Reads everything but the matrix's values, checking the parts agree. */
  public static Parts parts(Path file, HdfFile h, Options options) {
    if (H5.child(h, "matrix") instanceof Group m) {
      return partsV3(file, m, options);
    }
    return partsV2(file, h, options);
  }

  private static Parts partsV3(Path file, Group m, Options options) {
    int[] shape = shape(file, m);
    String[] barcodes = strings(file, m, "barcodes");
    Group features = H5.group(m, "features");
    String[] ids = strings(file, features, "id");
    String[] names = strings(file, features, "name");
    String[] types = H5.child(features, "feature_type") != null ? strings(file, features, "feature_type") : null;
    String[] genomes = H5.child(features, "genome") != null ? strings(file, features, "genome") : null;
    checkLengths(file, m, shape, barcodes, ids, names);
    checkSame(file, features.getPath() + "/feature_type", types, ids.length);
    checkSame(file, features.getPath() + "/genome", genomes, ids.length);
    H5Matrix x = H5Matrix.sparse(m, H5Matrix.Layout.CSR, shape[1], shape[0]);
    Features all = new Features(ids, names, types, genomes);
    Features kept = all;
    int[] keep = null;
    if (!options.allFeatures() && types != null) {
      keep = all.geneExpressionColumns();
      if (keep.length == 0) {
        throw new InconsistentDataException(file, features.getPath() + "/feature_type",
            "no feature has type '" + GENE_EXPRESSION + "' (pass --all-features to keep the others)");
      }
      if (keep.length < types.length) {
        kept = all.geneExpressionOnly();
      } else {
        keep = null;
      }
    }
    return new Parts(x, obsFrame(file, m, barcodes, options.makeUnique()), kept.varFrame(options.geneIds()), keep);
  }

  private static Parts partsV2(Path file, HdfFile h, Options options) {
    List<String> genomes = new ArrayList<>();
    for (Node n : H5.children(h).values()) {
      if (n instanceof Group g && H5.child(g, "indptr") != null) {
        genomes.add(n.getName());
      }
    }
    if (genomes.isEmpty()) {
      throw new UnsupportedFileException(file, "/", "not a 10x HDF5 matrix: no /matrix group and no genome groups");
    }
    String genome = options.genome();
    if (genome == null) {
      if (genomes.size() > 1) {
        throw new UnsupportedFileException(file, "/",
            "holds " + genomes.size() + " genomes " + genomes + "; choose one with --genome");
      }
      genome = genomes.get(0);
    } else if (!genomes.contains(genome)) {
      throw new UnsupportedFileException(file, "/", "has no genome '" + genome + "'; it holds " + genomes);
    }
    Group g = H5.group(h, genome);
    int[] shape = shape(file, g);
    String[] barcodes = strings(file, g, "barcodes");
    String[] ids = strings(file, g, "genes");
    String[] names = strings(file, g, "gene_names");
    checkLengths(file, g, shape, barcodes, ids, names);
    H5Matrix x = H5Matrix.sparse(g, H5Matrix.Layout.CSR, shape[1], shape[0]);
    Frame var = new Features(ids, names, null, null).varFrame(options.geneIds());
    return new Parts(x, obsFrame(file, g, barcodes, options.makeUnique()), var, null);
  }

  private static Frame obsFrame(Path file, Group g, String[] barcodes, boolean makeUnique) {
    return new Frame(CellNames.checked(barcodes, makeUnique, file, g.getPath() + "/barcodes"));
  }

  private static int[] shape(Path file, Group g) {
    Dataset d = H5.dataset(g, "shape");
    long[] s = H5.toLongs(H5.readFlat(d), file, d.getPath());
    if (s.length != 2 || s[0] < 0 || s[1] < 0 || s[0] > Integer.MAX_VALUE || s[1] > Integer.MAX_VALUE) {
      throw new InconsistentDataException(file, d.getPath(), "invalid shape " + java.util.Arrays.toString(s));
    }
    return new int[] {(int) s[0], (int) s[1]};
  }

  private static void checkLengths(Path file, Group g, int[] shape, String[] barcodes, String[] ids, String[] names) {
    if (barcodes.length != shape[1]) {
      throw new InconsistentDataException(file, g.getPath() + "/barcodes",
          "has " + barcodes.length + " barcodes but the shape says " + shape[1] + " cells");
    }
    if (ids.length != shape[0] || names.length != shape[0]) {
      throw new InconsistentDataException(file, g.getPath(),
          "has " + ids.length + " feature ids and " + names.length + " names but the shape says " + shape[0] + " features");
    }
  }

  private static void checkSame(Path file, String where, String[] values, int n) {
    if (values != null && values.length != n) {
      throw new InconsistentDataException(file, where, "has " + values.length + " values for " + n + " features");
    }
  }

  private static String[] strings(Path file, Group g, String name) {
    Dataset d = H5.dataset(g, name);
    Object v = H5.readFlat(d);
    if (!(v instanceof String[] s)) {
      throw new InconsistentDataException(file, d.getPath(), "expected strings but found " + H5.typeName(v));
    }
    return s;
  }

}
