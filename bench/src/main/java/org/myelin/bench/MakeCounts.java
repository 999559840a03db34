package org.myelin.bench;

import java.nio.file.Path;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.sim.DropletCounts;
import org.myelin.io.CellDataIO;

/**
 * Writes droplet-like counts ({@link DropletCounts}) to a file myelin can read, for benchmarks and
 * test data: {@code MakeCounts CELLS GENES MEDIAN_UMIS SEED OUT}, format from OUT's name.
 */
public final class MakeCounts {

  private MakeCounts() {}

  public static void main(String[] args) {
    if (args.length != 5) {
      System.err.println("usage: MakeCounts CELLS GENES MEDIAN_UMIS SEED OUT(.h5ad|.h5|folder)");
      System.exit(2);
    }
    int cells = Integer.parseInt(args[0]);
    int genes = Integer.parseInt(args[1]);
    double umis = Double.parseDouble(args[2]);
    long seed = Long.parseLong(args[3]);
    Path out = Path.of(args[4]);
    DropletCounts.Options o = DropletCounts.Options.typical(cells, genes, seed);
    o = new DropletCounts.Options(cells, genes, umis, o.librarySdLog(), o.geneSdLog(), o.nTypes(),
        o.markersPerType(), o.markerFold(), seed);
    long t0 = System.nanoTime();
    CellData data;
    try (Parallel p = new Parallel(0)) {
      data = new DropletCounts(o).toCellData(p);
    }
    long t1 = System.nanoTime();
    CellDataIO.write(data, out, null, true, new org.myelin.core.parallel.Parallel(1));
    long t2 = System.nanoTime();
    System.err.printf("made %d x %d, %d non-zeros in %.1f s; wrote %s in %.1f s%n", cells, genes,
        data.x().nnz(), (t1 - t0) / 1e9, out, (t2 - t1) / 1e9);
  }
}
