package org.myelin.core.cohort;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.myelin.core.data.CellData;
import org.myelin.core.spatial.Coordinates;
import org.myelin.core.spatial.KdTree;
import org.myelin.core.spatial.NerveNiche;
import org.myelin.core.spatial.SpatialUnits;
import org.myelin.core.stats.Quantiles;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import smile.stat.distribution.TDistribution;

/**
 * One row of features per sample for the cohort question of Baruch et al. (Nature 2025): which
 * cells the tumour holds (cell-type proportions), how injured its nerves and how exhausted its CD8
 * T cells are (mean signature scores per cell type), and whether the two meet in space (the slope
 * of CD8 exhaustion with distance to the nearest nerve cell and its t interval, the density of
 * exhausted CD8 T cells in the perineural niche against distal tissue, perineural-invasion
 * candidates per mm², the fraction of nerves whose mean injury score is high). Thresholds that
 * make a cell "exhausted" or a nerve "injured" are quantiles over the whole cohort unless given,
 * so that samples are judged on one scale.
 */
public final class SampleFeatures {

  /** Which cells a mean score is taken over. */
  public enum Cells {
    NERVE,
    CD8,
    ALL
  }

  /** A mean-score feature: the mean of {@code signature}'s score over {@code cells}. */
  public record ScoreFeature(String name, String signature, Cells cells) implements java.io.Serializable {}

  /**
   * @param cellTypeKey the obs column of cell types
   * @param nerveTypes cell types that make nerves (Schwann cells, neurons)
   * @param cd8Types cell types of CD8 T cells
   * @param tumourTypes tumour cell types (perineural invasion)
   * @param scoreSuffix score columns are SIGNATURE_suffix ({@code module}, {@code ucell}, ...)
   * @param exhaustionSignature the score that makes a CD8 T cell exhausted
   * @param injurySignature the score of nerve injury
   * @param exhaustedAbove exhausted: CD8 exhaustion score above this; NaN takes the cohort's quantile
   * @param exhaustedQuantile that quantile of all CD8 T cells' exhaustion scores
   * @param injuredAbove an injured nerve: mean injury score above this; NaN takes the cohort's quantile
   * @param injuredQuantile that quantile of all nerves' mean injury scores
   * @param nicheRadiusUm the perineural niche: within this distance of a nerve cell
   * @param invasionRadiusUm a nerve cell with at least minTumour tumour cells this close is a candidate
   * @param nerveLinkUm nerve cells this close belong to one nerve
   * @param minNerveCells nerves of fewer cells are not counted
   * @param minCells means over fewer cells are not reported (NaN)
   * @param binUm tissue area is counted in squares of this side that hold a cell
   */
  public record Options(String cellTypeKey, List<String> nerveTypes, List<String> cd8Types, List<String> tumourTypes,
      String scoreSuffix, List<ScoreFeature> scores, String exhaustionSignature, String injurySignature,
      double exhaustedAbove, double exhaustedQuantile, double injuredAbove, double injuredQuantile, double nicheRadiusUm,
      double invasionRadiusUm, int minTumour, double nerveLinkUm, int minNerveCells, int minCells, double binUm)
      implements java.io.Serializable {

    public static Options defaults() {
      return new Options("cell_type", List.of("schwann", "neuron"), List.of("cd8_t"),
          List.of("tumour_squamous", "epithelial", "tumour", "malignant"), "module",
          List.of(new ScoreFeature("nerve_injury", "NERVE_INJURY_NEURON_RAG_UP", Cells.NERVE),
              new ScoreFeature("nerve_repair", "SCHWANN_REPAIR_UP", Cells.NERVE),
              new ScoreFeature("cd8_exhaustion", "TEX_LI2019_DYSFUNCTION", Cells.CD8),
              new ScoreFeature("cd8_checkpoint", "TEX_CORE_CHECKPOINT", Cells.CD8),
              new ScoreFeature("cd8_effector", "TCELL_INFLAMED_GEP_AYERS2017", Cells.CD8),
              new ScoreFeature("inflammation", "HALLMARK_IL6_JAK_STAT3_SIGNALING", Cells.ALL)),
          "TEX_LI2019_DYSFUNCTION", "NERVE_INJURY_NEURON_RAG_UP", Double.NaN, 0.75, Double.NaN, 0.5, 50, 30, 3,
          30, 10, 5, 25);
    }

    /** The signatures whose scores the features read. */
    public List<String> signatures() {
      TreeSet<String> s = new TreeSet<>();
      scores.forEach(f -> s.add(f.signature()));
      s.add(exhaustionSignature);
      s.add(injurySignature);
      return List.copyOf(s);
    }
  }

  /**
   * What the features need of one sample, taken from its data so the data can be let go: each
   * cell's type, the scores read, and coordinates in micrometres (null without them).
   */
  public record SampleCells(String sample, String[] typeLabels, int[] typeCodes, Map<String, double[]> scores,
      double[] x, double[] y) implements java.io.Serializable {

    /**
     * Extracts a sample's cells.
     *
     * @throws IllegalArgumentException naming the missing column when the data lacks the cell types
     *     or a score
     */
    public static SampleCells of(String sample, CellData data, Options o) {
      Groups types = Groups.of(data.obs(), o.cellTypeKey(), "cell types of sample " + sample);
      Map<String, double[]> scores = new LinkedHashMap<>();
      for (String sig : o.signatures()) {
        String col = sig + "_" + o.scoreSuffix();
        if (!data.obs().has(col)) {
          throw new IllegalArgumentException("sample " + sample + ": no score column '" + col
              + "' in obs; score the signatures first (myelin run, or myelin score --method " + o.scoreSuffix() + ")");
        }
        if (!(data.obs().get(col) instanceof DoubleColumn d)) {
          throw new IllegalArgumentException("sample " + sample + ": obs column '" + col + "' is not numeric");
        }
        scores.put(sig, d.values());
      }
      double[] x = null;
      double[] y = null;
      if (data.obsm().containsKey("spatial")) {
        Coordinates c = SpatialUnits.coordinates(data, "spatial");
        x = c.x();
        y = c.y();
      }
      return new SampleCells(sample, types.labels(), types.codes(), scores, x, y);
    }

    int n() {
      return typeCodes.length;
    }

    boolean[] mask(List<String> types) {
      boolean[] codeIn = new boolean[typeLabels.length];
      for (int t = 0; t < typeLabels.length; t++) {
        codeIn[t] = types.contains(typeLabels[t]);
      }
      boolean[] out = new boolean[n()];
      for (int i = 0; i < out.length; i++) {
        out[i] = codeIn[typeCodes[i]];
      }
      return out;
    }
  }

  /** The features table (rows are samples, in order) and the thresholds the cohort set. */
  public record Result(Frame table, double exhaustedThreshold, double injuredThreshold) {}

  private SampleFeatures() {}

  /** Features of every sample. */
  public static Result compute(List<SampleCells> samples, Options o) {
    // Cohort-wide thresholds first: exhausted CD8 T cells, injured nerves.
    double exhausted = o.exhaustedAbove();
    if (Double.isNaN(exhausted)) {
      List<double[]> pooled = new ArrayList<>();
      for (SampleCells s : samples) {
        pooled.add(select(s.scores().get(o.exhaustionSignature()), s.mask(o.cd8Types())));
      }
      double[] all = concat(pooled);
      exhausted = all.length == 0 ? Double.NaN : Quantiles.percentile(all, 100 * o.exhaustedQuantile());
    }
    List<double[]> nerveMeans = new ArrayList<>();
    for (SampleCells s : samples) {
      nerveMeans.add(s.x() == null ? new double[0] : nerveInjury(s, o));
    }
    double injured = o.injuredAbove();
    if (Double.isNaN(injured)) {
      double[] all = concat(nerveMeans);
      injured = all.length == 0 ? Double.NaN : Quantiles.percentile(all, 100 * o.injuredQuantile());
    }
    TreeSet<String> allTypes = new TreeSet<>();
    samples.forEach(s -> allTypes.addAll(Arrays.asList(s.typeLabels())));
    String[] names = samples.stream().map(SampleCells::sample).toArray(String[]::new);
    Map<String, double[]> cols = new LinkedHashMap<>();
    int k = samples.size();
    for (int r = 0; r < k; r++) {
      SampleCells s = samples.get(r);
      Map<String, Double> f = new LinkedHashMap<>();
      f.put("n_cells", (double) s.n());
      int[] counts = new int[s.typeLabels().length];
      for (int c : s.typeCodes()) {
        counts[c]++;
      }
      for (String t : allTypes) {
        int idx = Arrays.asList(s.typeLabels()).indexOf(t);
        f.put("fraction_" + t, idx < 0 ? 0 : counts[idx] / (double) s.n());
      }
      for (ScoreFeature sf : o.scores()) {
        boolean[] cells = switch (sf.cells()) {
          case NERVE -> s.mask(o.nerveTypes());
          case CD8 -> s.mask(o.cd8Types());
          case ALL -> all(s.n());
        };
        f.put(sf.name(), mean(select(s.scores().get(sf.signature()), cells), o.minCells()));
      }
      spatial(s, o, exhausted, injured, nerveMeans.get(r), f);
      for (var e : f.entrySet()) {
        cols.computeIfAbsent(e.getKey(), key -> {
          double[] v = new double[k];
          Arrays.fill(v, Double.NaN);
          return v;
        })[r] = e.getValue();
      }
    }
    Frame table = new Frame(names);
    cols.forEach((name, v) -> table.put(name, new DoubleColumn(v)));
    return new Result(table, exhausted, injured);
  }

  private static void spatial(SampleCells s, Options o, double exhausted, double injured, double[] nerveMeans,
      Map<String, Double> f) {
    String[] keys = {"exhaustion_distance_slope_per_100um", "exhaustion_distance_slope_ci_low",
        "exhaustion_distance_slope_ci_high", "exhausted_cd8_niche_per_mm2", "exhausted_cd8_distal_per_mm2",
        "exhausted_cd8_niche_ratio", "pni_candidates_per_mm2", "nerves", "injured_nerve_fraction", "tissue_mm2"};
    for (String key : keys) {
      f.put(key, Double.NaN);
    }
    if (s.x() == null) {
      return;
    }
    boolean[] nerve = s.mask(o.nerveTypes());
    boolean[] cd8 = s.mask(o.cd8Types());
    double[] exhaustion = s.scores().get(o.exhaustionSignature());
    Area area = Area.of(s.x(), s.y(), nerve, o.binUm(), o.nicheRadiusUm());
    f.put("tissue_mm2", area.tissueMm2);
    f.put("nerves", (double) nerveMeans.length);
    if (nerveMeans.length > 0 && !Double.isNaN(injured)) {
      int above = 0;
      for (double m : nerveMeans) {
        above += m > injured ? 1 : 0;
      }
      f.put("injured_nerve_fraction", above / (double) nerveMeans.length);
    }
    if (!any(nerve)) {
      return;
    }
    boolean[] tumour = s.mask(o.tumourTypes());
    int candidates = 0;
    for (boolean b : NerveNiche.invasionCandidates(s.x(), s.y(), nerve, tumour, o.invasionRadiusUm(), o.minTumour())) {
      candidates += b ? 1 : 0;
    }
    f.put("pni_candidates_per_mm2", candidates / area.tissueMm2);
    double[] dist = distances(s.x(), s.y(), nerve);
    // Slope of exhaustion on distance, per 100 um, over the CD8 T cells.
    int n = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < dist.length; i++) {
      if (cd8[i] && Double.isFinite(dist[i]) && !Double.isNaN(exhaustion[i])) {
        n++;
        sx += dist[i] / 100;
        sy += exhaustion[i];
      }
    }
    if (n >= Math.max(3, o.minCells())) {
      double mx = sx / n;
      double my = sy / n;
      double sxx = 0;
      double sxy = 0;
      for (int i = 0; i < dist.length; i++) {
        if (cd8[i] && Double.isFinite(dist[i]) && !Double.isNaN(exhaustion[i])) {
          double dx = dist[i] / 100 - mx;
          sxx += dx * dx;
          sxy += dx * (exhaustion[i] - my);
        }
      }
      if (sxx > 0) {
        double slope = sxy / sxx;
        double sse = 0;
        for (int i = 0; i < dist.length; i++) {
          if (cd8[i] && Double.isFinite(dist[i]) && !Double.isNaN(exhaustion[i])) {
            double e = exhaustion[i] - my - slope * (dist[i] / 100 - mx);
            sse += e * e;
          }
        }
        double se = Math.sqrt(sse / (n - 2) / sxx);
        double half = new TDistribution(n - 2).quantile(0.975) * se;
        f.put("exhaustion_distance_slope_per_100um", slope);
        f.put("exhaustion_distance_slope_ci_low", slope - half);
        f.put("exhaustion_distance_slope_ci_high", slope + half);
      }
    }
    if (!Double.isNaN(exhausted)) {
      int niche = 0;
      int distal = 0;
      for (int i = 0; i < dist.length; i++) {
        if (cd8[i] && exhaustion[i] > exhausted) {
          if (dist[i] <= o.nicheRadiusUm()) {
            niche++;
          } else {
            distal++;
          }
        }
      }
      double nicheDensity = area.nicheMm2 > 0 ? niche / area.nicheMm2 : Double.NaN;
      double distalDensity = area.tissueMm2 - area.nicheMm2 > 0 ? distal / (area.tissueMm2 - area.nicheMm2) : Double.NaN;
      f.put("exhausted_cd8_niche_per_mm2", nicheDensity);
      f.put("exhausted_cd8_distal_per_mm2", distalDensity);
      f.put("exhausted_cd8_niche_ratio", distalDensity > 0 ? nicheDensity / distalDensity : Double.NaN);
    }
  }

  /** Each cell's distance to the nearest nerve cell; nerve cells themselves get +inf (left out). */
  private static double[] distances(double[] x, double[] y, boolean[] nerve) {
    double[] d = new double[x.length];
    KdTree tree = tree(x, y, nerve);
    for (int i = 0; i < x.length; i++) {
      d[i] = nerve[i] ? Double.POSITIVE_INFINITY : tree.nearestDistance(x[i], y[i]);
    }
    return d;
  }

  /**
   * The mean injury score of each nerve: nerve cells linked within nerveLinkUm (single linkage),
   * groups of at least minNerveCells.
   */
  static double[] nerveInjury(SampleCells s, Options o) {
    boolean[] nerve = s.mask(o.nerveTypes());
    int m = 0;
    for (boolean b : nerve) {
      m += b ? 1 : 0;
    }
    if (m == 0) {
      return new double[0];
    }
    double[] nx = new double[m];
    double[] ny = new double[m];
    double[] score = new double[m];
    double[] injury = s.scores().get(o.injurySignature());
    for (int i = 0, k = 0; i < nerve.length; i++) {
      if (nerve[i]) {
        nx[k] = s.x()[i];
        ny[k] = s.y()[i];
        score[k++] = injury[i];
      }
    }
    KdTree tree = new KdTree(nx, ny);
    int[] parent = new int[m];
    for (int i = 0; i < m; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < m; i++) {
      for (int j : tree.within(i, o.nerveLinkUm())) {
        int a = find(parent, i);
        int b = find(parent, j);
        if (a != b) {
          parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    Map<Integer, double[]> sums = new java.util.TreeMap<>();
    for (int i = 0; i < m; i++) {
      double[] acc = sums.computeIfAbsent(find(parent, i), r -> new double[2]);
      acc[0] += score[i];
      acc[1]++;
    }
    return sums.values().stream().filter(a -> a[1] >= o.minNerveCells()).mapToDouble(a -> a[0] / a[1]).toArray();
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Tissue area as the squares holding a cell; the niche as those whose centre lies near a nerve cell. */
  private record Area(double tissueMm2, double nicheMm2) {
    static Area of(double[] x, double[] y, boolean[] nerve, double bin, double radius) {
      java.util.HashSet<Long> occupied = new java.util.HashSet<>();
      for (int i = 0; i < x.length; i++) {
        occupied.add(key((long) Math.floor(x[i] / bin), (long) Math.floor(y[i] / bin)));
      }
      double squareMm2 = bin * bin / 1e6;
      int nicheSquares = 0;
      KdTree tree = any(nerve) ? tree(x, y, nerve) : null;
      if (tree != null) {
        for (long k : occupied) {
          double cx = ((k >> 32) + 0.5) * bin;
          double cy = ((int) k + 0.5) * bin;
          nicheSquares += tree.nearestDistance(cx, cy) <= radius ? 1 : 0;
        }
      }
      return new Area(occupied.size() * squareMm2, nicheSquares * squareMm2);
    }

    static long key(long a, long b) {
      return (a << 32) | (b & 0xffffffffL);
    }
  }

  private static KdTree tree(double[] x, double[] y, boolean[] mark) {
    return new KdTree(select(x, mark), select(y, mark));
  }

  private static boolean any(boolean[] b) {
    for (boolean v : b) {
      if (v) {
        return true;
      }
    }
    return false;
  }

  private static boolean[] all(int n) {
    boolean[] b = new boolean[n];
    Arrays.fill(b, true);
    return b;
  }

  private static double[] select(double[] v, boolean[] mask) {
    int k = 0;
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      if (mask[i] && !Double.isNaN(v[i])) {
        out[k++] = v[i];
      }
    }
    return Arrays.copyOf(out, k);
  }

  private static double mean(double[] v, int minCells) {
    if (v.length < minCells || v.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double e : v) {
      s += e;
    }
    return s / v.length;
  }

  private static double[] concat(List<double[]> parts) {
    return parts.stream().flatMapToDouble(Arrays::stream).toArray();
  }
}
