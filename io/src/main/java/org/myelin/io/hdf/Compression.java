package org.myelin.io.hdf;

import java.util.Locale;

/**
 * How chunked HDF5 datasets are stored: uncompressed, or deflated at a zlib level (1 fastest to 9
 * smallest), as h5py's {@code compression="gzip", compression_opts=LEVEL}, shuffled first where that
 * makes a dataset's first chunk smaller.
 *
 * @param level 0 for none, else the zlib level
 */
public record Compression(int level) {

  /** No filter: the fastest to write and read, the largest file (anndata's own default). */
  public static final Compression NONE = new Compression(0);

  /**
   * myelin's default, gzip level 1: at 100k cells x 20k genes it writes in a fraction of level 4's
   * time for a file a few percent larger (docs/benchmarks.md has the figures). At this level shuffled
   * chunks are deflated with runs only (zlib's Z_RLE strategy, {@link RunLengthDeflate}), the others
   * by zlib's level 1.
   */
  public static final Compression DEFAULT = new Compression(1);

  public Compression {
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("Invalid compression level: " + level + " (gzip levels are 1 to 9)");
    }
  }

  /** {@code none}, {@code gzip} (level 4, h5py's) or {@code gzip:LEVEL}. */
  public static Compression parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return NONE;
    }
    if (t.equals("gzip")) {
      return new Compression(4);
    }
    if (t.startsWith("gzip:")) {
      try {
        int level = Integer.parseInt(t.substring(5));
        if (level >= 1 && level <= 9) {
          return new Compression(level);
        }
      } catch (NumberFormatException e) {
        // refused below
      }
    }
    throw new IllegalArgumentException("Invalid --compression: " + text + " (none, gzip or gzip:LEVEL with LEVEL 1 to 9)");
  }

  public boolean none() {
    return level == 0;
  }

  @Override
  public String toString() {
    return none() ? "none" : "gzip:" + level;
  }
}
