package org.myelin.core.spatial;

import org.myelin.core.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.Groups;
import smile.stat.distribution.TDistribution;

/**
 * What changes with the distance to a reference population, nerves above all (myelin's own; the
 * question of Baruch et al., Nature 2025, and Zhang et al., Cell 2025): every cell's distance to
 * the nearest reference cell; per distance band, the mean of a score with its Student t 95%
 * interval and the composition of cell types with Wilson 95% intervals; the trend as Spearman's rho
 * between distance and score with a permutation p-value; the perineural niche (within a radius)
 * against distal tissue (difference of means, Wilcoxon rank-sum test); and reference cells with
 * tumour cells within a radius, the perineural-invasion candidates. Reference cells themselves are
 * left out of the bands and tests (their distance is 0 by definition).
 */
public final class NerveNiche {

  private NerveNiche() {}

  /** Each cell's distance to the nearest reference cell (0 for reference cells; +inf when there are none). */
  public static double[] distanceTo(double[] x, double[] y, boolean[] reference, Parallel parallel) {
    int n = x.length;
    double[] out = new double[n];
    KdTree tree = treeOf(x, y, reference);
    if (tree == null) {
      java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
      return out;
    }
    int tasks = (n + 4095) / 4096;
    parallel.forEach(tasks, t -> {
      for (int i = t * 4096; i < Math.min(n, (t + 1) * 4096); i++) {
        out[i] = reference[i] ? 0 : tree.nearestDistance(x[i], y[i]);
      }
    });
    return out;
  }

  /** A score's mean in one distance band [lo, hi). */
  public record Band(String score, double lo, double hi, int n, double mean, double ciLow, double ciHigh) {}

  /** Per band [edges[b], edges[b + 1]) of the cells included, the score's mean and its t interval. */
  public static List<Band> bands(String name, double[] score, double[] dist, boolean[] include, double[] edges) {
    List<Band> out = new ArrayList<>();
    for (int b = 0; b + 1 < edges.length; b++) {
      double sum = 0;
      double sq = 0;
      int n = 0;
      for (int i = 0; i < score.length; i++) {
        if (include[i] && dist[i] >= edges[b] && dist[i] < edges[b + 1] && !Double.isNaN(score[i])) {
          n++;
          sum += score[i];
        }
      }
      double mean = n == 0 ? Double.NaN : sum / n;
      for (int i = 0; i < score.length; i++) {
        if (include[i] && dist[i] >= edges[b] && dist[i] < edges[b + 1] && !Double.isNaN(score[i])) {
          sq += (score[i] - mean) * (score[i] - mean);
        }
      }
      double half = Double.NaN;
      if (n >= 2) {
        double se = Math.sqrt(sq / (n - 1) / n);
        half = new TDistribution(n - 1).quantile(0.975) * se;
      }
      out.add(new Band(name, edges[b], edges[b + 1], n, mean, mean - half, mean + half));
    }
    return out;
  }

  /** One category's share of a band, with its Wilson score interval. */
  public record Share(String category, double lo, double hi, int n, int total, double fraction, double ciLow,
      double ciHigh) {}

  public static List<Share> composition(Groups groups, double[] dist, boolean[] include, double[] edges) {
    List<Share> out = new ArrayList<>();
    for (int b = 0; b + 1 < edges.length; b++) {
      int[] count = new int[groups.nGroups()];
      int total = 0;
      for (int i = 0; i < dist.length; i++) {
        if (include[i] && dist[i] >= edges[b] && dist[i] < edges[b + 1]) {
          count[groups.codes()[i]]++;
          total++;
        }
      }
      for (int g = 0; g < count.length; g++) {
        double p = total == 0 ? Double.NaN : count[g] / (double) total;
        double z = 1.959963984540054;
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (total > 0) {
          double denom = 1 + z * z / total;
          double centre = (p + z * z / (2 * total)) / denom;
          double half = z * Math.sqrt(p * (1 - p) / total + z * z / (4.0 * total * total)) / denom;
          lo = Math.max(0, centre - half);
          hi = Math.min(1, centre + half);
        }
        out.add(new Share(groups.labels()[g], edges[b], edges[b + 1], count[g], total, p, lo, hi));
      }
    }
    return out;
  }

  /**
   * The score's trend with distance and the niche against distal tissue.
   *
   * @param rho Spearman's rho between distance and score
   * @param pPermutation two-sided: (permutations with |rho| at least as large + 1) / (permutations + 1)
   * @param nicheMean mean within the radius; distalMean beyond it
   * @param pWilcoxon two-sided rank-sum test of niche against distal (normal approximation, tie-corrected)
   */
  public record Trend(String score, int n, double rho, double pPermutation, int nNiche, double nicheMean,
      int nDistal, double distalMean, double pWilcoxon) {}

  public static Trend trend(String name, double[] score, double[] dist, boolean[] include, double radius, int nPerms,
      long seed, Parallel parallel) {
    int n = 0;
    for (int i = 0; i < score.length; i++) {
      if (include[i] && !Double.isNaN(score[i]) && Double.isFinite(dist[i])) {
        n++;
      }
    }
    double[] s = new double[n];
    double[] d = new double[n];
    int k = 0;
    for (int i = 0; i < score.length; i++) {
      if (include[i] && !Double.isNaN(score[i]) && Double.isFinite(dist[i])) {
        s[k] = score[i];
        d[k++] = dist[i];
      }
    }
    double[] rs = ranks(s);
    double[] rd = ranks(d);
    double rho = org.myelin.core.stats.Correlation.pearson(rd, rs);
    double pPerm = Double.NaN;
    if (nPerms > 0 && !Double.isNaN(rho)) {
      // Twice the average ranks are whole numbers: each permutation's sum of products is exact in a
      // long (and compact arrays keep the shuffles in cache), compared with the observed one's
      // distance from its expectation.
      int m = rd.length;
      int[] a = new int[m];
      int[] b = new int[m];
      long sumA = 0;
      long sumB = 0;
      long observed = 0;
      for (int i = 0; i < m; i++) {
        a[i] = (int) Math.round(2 * rd[i]);
        b[i] = (int) Math.round(2 * rs[i]);
        sumA += a[i];
        sumB += b[i];
        observed += (long) a[i] * b[i];
      }
      double expected = (double) sumA * sumB / m;
      double bound = Math.abs(observed - expected);
      int tasks = Math.min(nPerms, 64);
      int[] extreme = new int[tasks];
      parallel.forEach(tasks, t -> {
        int[] shuffled = new int[m];
        for (int p = t; p < nPerms; p += tasks) {
          System.arraycopy(b, 0, shuffled, 0, m);
          SplittableRandom rnd = new SplittableRandom(Seeds.stream(seed, p));
          long dot = 0;
          // Fisher-Yates from the end; position i is final once drawn, so the product is taken then.
          for (int i = m - 1; i > 0; i--) {
            int j = below(rnd, i + 1);
            int tmp = shuffled[j];
            shuffled[j] = shuffled[i];
            dot += (long) a[i] * tmp;
          }
          dot += (long) a[0] * shuffled[0];
          if (Math.abs(dot - expected) >= bound) {
            extreme[t]++;
          }
        }
      });
      int total = 0;
      for (int e : extreme) {
        total += e;
      }
      pPerm = (total + 1.0) / (nPerms + 1.0);
    }
    // Niche (distance <= radius) against distal: ranks of all included cells are rs.
    int n1 = 0;
    double sum1 = 0;
    double sum2 = 0;
    double rankSum = 0;
    for (int i = 0; i < n; i++) {
      if (d[i] <= radius) {
        n1++;
        sum1 += s[i];
        rankSum += rs[i];
      } else {
        sum2 += s[i];
      }
    }
    int n2 = n - n1;
    double pW = Double.NaN;
    if (n1 > 0 && n2 > 0) {
      double ties = tieTerm(s);
      double var = n1 * (double) n2 / 12 * ((n + 1) - ties / ((double) n * (n - 1)));
      double u = rankSum - n1 * (n1 + 1.0) / 2;
      pW = var > 0 ? smile.math.special.Erf.erfc(Math.abs(u - n1 * (double) n2 / 2) / Math.sqrt(var) / Math.sqrt(2)) : 1;
    }
    return new Trend(name, n, rho, pPerm, n1, n1 == 0 ? Double.NaN : sum1 / n1, n2,
        n2 == 0 ? Double.NaN : sum2 / n2, pW);
  }

  /**
   * Reference cells with at least {@code minTumour} tumour cells within {@code radius}: where tumour
   * meets nerve, the candidates for perineural invasion.
   */
  public static boolean[] invasionCandidates(double[] x, double[] y, boolean[] reference, boolean[] tumour,
      double radius, int minTumour) {
    boolean[] out = new boolean[x.length];
    KdTree tree = treeOf(x, y, tumour);
    if (tree == null) {
      return out;
    }
    for (int i = 0; i < x.length; i++) {
      if (reference[i]) {
        out[i] = tree.countWithin(x[i], y[i], radius, minTumour) >= minTumour;
      }
    }
    return out;
  }

  /** A k-d tree over the cells marked, or null when none is. */
  private static KdTree treeOf(double[] x, double[] y, boolean[] mark) {
    int m = 0;
    for (boolean t : mark) {
      if (t) {
        m++;
      }
    }
    if (m == 0) {
      return null;
    }
    double[] tx = new double[m];
    double[] ty = new double[m];
    int k = 0;
    for (int i = 0; i < x.length; i++) {
      if (mark[i]) {
        tx[k] = x[i];
        ty[k++] = y[i];
      }
    }
    return new KdTree(tx, ty);
  }

  /** Average ranks (1-based), ties averaged. */
  static double[] ranks(double[] v) {
    int[] order = org.myelin.core.stats.SortedArrays.order(v);
    double[] r = new double[v.length];
    for (int a = 0; a < v.length;) {
      int b = a;
      while (b + 1 < v.length && v[order[b + 1]] == v[order[a]]) {
        b++;
      }
      double avg = (a + b + 2) / 2.0;
      for (int t = a; t <= b; t++) {
        r[order[t]] = avg;
      }
      a = b + 1;
    }
    return r;
  }

  private static double tieTerm(double[] v) {
    double[] sorted = v.clone();
    java.util.Arrays.sort(sorted);
    double ties = 0;
    for (int a = 0; a < sorted.length;) {
      int b = a;
      while (b + 1 < sorted.length && sorted[b + 1] == sorted[a]) {
        b++;
      }
      double t = b - a + 1;
      ties += t * t * t - t;
      a = b + 1;
    }
    return ties;
  }

  /** Uniform on 0..bound-1 (Lemire, ACM TOMACS 2019): one multiply, a division only on rare rejections. */
  static int below(SplittableRandom rnd, int bound) {
    long m = (rnd.nextInt() & 0xffffffffL) * bound;
    int low = (int) m;
    if (Integer.compareUnsigned(low, bound) < 0) {
      int threshold = Integer.remainderUnsigned(-bound, bound);
      while (Integer.compareUnsigned(low, threshold) < 0) {
        m = (rnd.nextInt() & 0xffffffffL) * bound;
        low = (int) m;
      }
    }
    return (int) (m >>> 32);
  }

}
