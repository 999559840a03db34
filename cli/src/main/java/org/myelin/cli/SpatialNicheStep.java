package org.myelin.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.spatial.NerveNiche;
import org.myelin.core.table.BooleanColumn;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.table.IntColumn;
import picocli.CommandLine.Option;

/** The nerve-niche analysis: options and step, shared by {@code myelin spatial niche} and {@code myelin run}. */
final class SpatialNicheStep {

  @Option(names = "--niche-reference", paramLabel = "SELECTION",
      description = "The reference cells: COLUMN=VALUE[,VALUE] (cell_type=schwann) or COLUMN>X (a score above a "
          + "threshold: NERVE_INJURY_NEURON_RAG_UP_module>0.3).")
  String reference;

  @Option(names = "--niche-name", paramLabel = "NAME", defaultValue = "nerve",
      description = "Names the obs column distance_to_<NAME>_um (default: ${DEFAULT-VALUE}).")
  String referenceName;

  @Option(names = "--niche-cells", paramLabel = "SELECTION",
      description = "Profile only these cells (cell_type=cd8_t: exhaustion of CD8 T cells with distance); default: "
          + "every cell that is not a reference cell.")
  String cells;

  @Option(names = "--scores", paramLabel = "COLS", defaultValue = "auto",
      description = "Numeric obs columns to profile with distance: auto (the signature scores), none, or a list "
          + "(default: ${DEFAULT-VALUE}).")
  String scores;

  @Option(names = "--composition-key", paramLabel = "COLUMN", defaultValue = "auto",
      description = "Categories whose share per band is reported: auto (cell_type, else leiden), none, or a column "
          + "(default: ${DEFAULT-VALUE}).")
  String compositionKey;

  @Option(names = "--bands", paramLabel = "UM", split = ",", defaultValue = "0,25,50,100,200,400,inf",
      description = "Distance band edges in micrometres (default: ${DEFAULT-VALUE}).")
  List<String> bands;

  @Option(names = "--niche-radius", paramLabel = "UM", defaultValue = "50",
      description = "The perineural niche: cells within this distance, compared with the rest (default: ${DEFAULT-VALUE}).")
  double nicheRadius;

  @Option(names = "--niche-perms", paramLabel = "N", defaultValue = "1000",
      description = "Permutations for the trend's p-value (default: ${DEFAULT-VALUE}).")
  int nPerms;

  @Option(names = "--tumour", paramLabel = "SELECTION",
      description = "Tumour cells (cell_type=tumour_squamous): reference cells with tumour cells within "
          + "--invasion-radius are flagged in obs['pni_candidate'].")
  String tumour;

  @Option(names = "--invasion-radius", paramLabel = "UM", defaultValue = "15",
      description = "Distance from a reference cell within which tumour cells count (default: ${DEFAULT-VALUE}).")
  double invasionRadius;

  @Option(names = "--min-tumour", paramLabel = "N", defaultValue = "2",
      description = "Tumour cells within --invasion-radius that flag a reference cell (default: ${DEFAULT-VALUE}).")
  int minTumour;

  double[] edges() {
    double[] e = new double[bands.size()];
    for (int b = 0; b < e.length; b++) {
      String s = bands.get(b).strip().toLowerCase(Locale.ROOT);
      try {
        e[b] = s.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(s);
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("Invalid --bands: " + bands.get(b));
      }
      if (b > 0 && !(e[b] > e[b - 1])) {
        throw new IllegalArgumentException("Invalid --bands: edges must increase (" + String.join(",", bands) + ")");
      }
    }
    if (e.length < 2 || e[0] < 0) {
      throw new IllegalArgumentException("Invalid --bands: at least two edges from 0 up");
    }
    return e;
  }

  void check() {
    if (reference == null) {
      throw new IllegalArgumentException("--niche-reference is required: the cells whose neighbourhood is profiled "
          + "(cell_type=schwann, or SCORE>X)");
    }
    edges();
    if (!(nicheRadius > 0) || !(invasionRadius > 0) || minTumour < 1 || nPerms < 0) {
      throw new IllegalArgumentException("Invalid --niche-radius, --invasion-radius, --min-tumour or --niche-perms");
    }
  }

  /** Adds the distance (and PNI flags) to obs and uns['niche']; returns the tables by name. */
  Map<String, Frame> apply(CellData data, long seed, Parallel parallel, PrintWriter err) {
    double[][] xy = SpatialGraphStep.coordinates(data, "spatial");
    boolean[] ref = CellSelection.of(reference, data.obs(), "--niche-reference");
    double[] dist = NerveNiche.distanceTo(xy[0], xy[1], ref, parallel);
    boolean[] profiled = cells == null ? null : CellSelection.of(cells, data.obs(), "--niche-cells");
    boolean[] include = new boolean[ref.length];
    int nRef = 0;
    for (int i = 0; i < ref.length; i++) {
      include[i] = !ref[i] && (profiled == null || profiled[i]);
      nRef += ref[i] ? 1 : 0;
    }
    String distCol = "distance_to_" + referenceName + "_um";
    data.obs().put(distCol, new DoubleColumn(dist));
    double[] edges = edges();
    List<String> cols = scoreColumns(data);
    List<NerveNiche.Band> bandRows = new ArrayList<>();
    List<NerveNiche.Trend> trends = new ArrayList<>();
    for (int s = 0; s < cols.size(); s++) {
      double[] v = ((DoubleColumn) data.obs().get(cols.get(s))).values();
      bandRows.addAll(NerveNiche.bands(cols.get(s), v, dist, include, edges));
      trends.add(NerveNiche.trend(cols.get(s), v, dist, include, nicheRadius, nPerms, seed + s, parallel));
    }
    Map<String, Frame> tables = new LinkedHashMap<>();
    tables.put("niche_bands", bandTable(bandRows));
    tables.put("niche_trend", trendTable(trends));
    String key = compositionColumn(data);
    if (key != null) {
      Groups g = Groups.of(data.obs(), key, "spatial niche (--composition-key)");
      tables.put("niche_composition", shareTable(NerveNiche.composition(g, dist, include, edges)));
    }
    Map<String, Object> uns = new LinkedHashMap<>();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("reference", reference);
    params.put("cells", cells == null ? "all but the reference" : cells);
    params.put("n_reference_cells", (long) nRef);
    params.put("distance_key", distCol);
    params.put("bands_um", edges);
    params.put("niche_radius_um", nicheRadius);
    params.put("n_perms", (long) nPerms);
    if (tumour != null) {
      boolean[] tum = CellSelection.of(tumour, data.obs(), "--tumour");
      boolean[] pni = NerveNiche.invasionCandidates(xy[0], xy[1], ref, tum, invasionRadius, minTumour);
      data.obs().put("pni_candidate", new BooleanColumn(pni, null));
      int flagged = 0;
      for (boolean b : pni) {
        flagged += b ? 1 : 0;
      }
      params.put("tumour", tumour);
      params.put("invasion_radius_um", invasionRadius);
      params.put("min_tumour", (long) minTumour);
      params.put("n_pni_candidates", (long) flagged);
      err.printf("myelin spatial niche: %d of %d reference cells have %d+ tumour cells within %s um (pni_candidate)%n",
          flagged, nRef, minTumour, invasionRadius);
    }
    uns.put("params", params);
    for (Map.Entry<String, Frame> t : tables.entrySet()) {
      uns.put(t.getKey().substring("niche_".length()), t.getValue());
    }
    data.uns().put("niche", uns);
    err.printf("myelin spatial niche: %d reference cells (%s); %d scores over %d bands%n", nRef, reference, cols.size(),
        edges.length - 1);
    return tables;
  }

  private List<String> scoreColumns(CellData data) {
    List<String> out = new ArrayList<>();
    if (scores.equals("none")) {
      return out;
    }
    if (scores.equals("auto")) {
      for (Map.Entry<String, Column> c : data.obs().columns().entrySet()) {
        if (c.getValue() instanceof DoubleColumn && List.of("_module", "_seurat", "_ucell", "_aucell", "_mean", "_zmean")
            .stream().anyMatch(sfx -> c.getKey().endsWith(sfx))) {
          out.add(c.getKey());
        }
      }
      return out;
    }
    for (String name : scores.split(",")) {
      String c = name.strip();
      if (!(data.obs().get(c) instanceof DoubleColumn)) {
        throw new IllegalArgumentException("--scores: obs has no numeric column '" + c + "'");
      }
      out.add(c);
    }
    return out;
  }

  private String compositionColumn(CellData data) {
    return switch (compositionKey) {
      case "none" -> null;
      case "auto" -> data.obs().has("cell_type") ? "cell_type" : data.obs().has("leiden") ? "leiden" : null;
      default -> compositionKey;
    };
  }

  private static Frame bandTable(List<NerveNiche.Band> rows) {
    int n = rows.size();
    String[] score = new String[n];
    double[][] v = new double[5][n];
    long[] count = new long[n];
    for (int r = 0; r < n; r++) {
      NerveNiche.Band b = rows.get(r);
      score[r] = b.score();
      v[0][r] = b.lo();
      v[1][r] = b.hi();
      count[r] = b.n();
      v[2][r] = b.mean();
      v[3][r] = b.ciLow();
      v[4][r] = b.ciHigh();
    }
    Frame f = new Frame(score);
    f.put("band_from_um", new DoubleColumn(v[0]));
    f.put("band_to_um", new DoubleColumn(v[1]));
    f.put("n_cells", new IntColumn(count));
    f.put("mean", new DoubleColumn(v[2]));
    f.put("ci95_low", new DoubleColumn(v[3]));
    f.put("ci95_high", new DoubleColumn(v[4]));
    return f;
  }

  private static Frame trendTable(List<NerveNiche.Trend> rows) {
    int n = rows.size();
    String[] score = new String[n];
    long[] cells = new long[n];
    long[] niche = new long[n];
    long[] distal = new long[n];
    double[][] v = new double[5][n];
    for (int r = 0; r < n; r++) {
      NerveNiche.Trend t = rows.get(r);
      score[r] = t.score();
      cells[r] = t.n();
      niche[r] = t.nNiche();
      distal[r] = t.nDistal();
      v[0][r] = t.rho();
      v[1][r] = t.pPermutation();
      v[2][r] = t.nicheMean();
      v[3][r] = t.distalMean();
      v[4][r] = t.pWilcoxon();
    }
    Frame f = new Frame(score);
    f.put("n_cells", new IntColumn(cells));
    f.put("spearman_rho", new DoubleColumn(v[0]));
    f.put("pval_perm", new DoubleColumn(v[1]));
    f.put("pval_perm_fdr_bh", new DoubleColumn(org.myelin.core.de.MultipleTesting.benjaminiHochberg(v[1])));
    f.put("n_niche", new IntColumn(niche));
    f.put("mean_niche", new DoubleColumn(v[2]));
    f.put("n_distal", new IntColumn(distal));
    f.put("mean_distal", new DoubleColumn(v[3]));
    f.put("pval_wilcoxon", new DoubleColumn(v[4]));
    f.put("pval_wilcoxon_fdr_bh", new DoubleColumn(org.myelin.core.de.MultipleTesting.benjaminiHochberg(v[4])));
    return f;
  }

  private static Frame shareTable(List<NerveNiche.Share> rows) {
    int n = rows.size();
    String[] cat = new String[n];
    long[] count = new long[n];
    long[] total = new long[n];
    double[][] v = new double[5][n];
    for (int r = 0; r < n; r++) {
      NerveNiche.Share s = rows.get(r);
      cat[r] = s.category();
      count[r] = s.n();
      total[r] = s.total();
      v[0][r] = s.lo();
      v[1][r] = s.hi();
      v[2][r] = s.fraction();
      v[3][r] = s.ciLow();
      v[4][r] = s.ciHigh();
    }
    Frame f = new Frame(cat);
    f.put("band_from_um", new DoubleColumn(v[0]));
    f.put("band_to_um", new DoubleColumn(v[1]));
    f.put("n_cells", new IntColumn(count));
    f.put("band_cells", new IntColumn(total));
    f.put("fraction", new DoubleColumn(v[2]));
    f.put("ci95_low", new DoubleColumn(v[3]));
    f.put("ci95_high", new DoubleColumn(v[4]));
    return f;
  }
}
