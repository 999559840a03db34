package org.myelin.core.survival;

import java.util.ArrayList;
import java.util.List;
import org.myelin.core.stats.NormalQuantile;

/**
 * The Kaplan–Meier product-limit estimate of a survival curve (Kaplan &amp; Meier, J Am Stat Assoc
 * 1958) with Greenwood's standard error and log-scale confidence limits, as R's {@code
 * survfit(Surv(time, event) ~ 1)} reports them: one step per distinct time, censored times
 * included.
 *
 * @param time the distinct times, ascending
 * @param nRisk subjects at risk just before each time
 * @param nEvent events at each time
 * @param nCensor censorings at each time
 * @param survival the estimate just after each time
 * @param stdErr Greenwood's standard error of the cumulative hazard (survfit's {@code std.err})
 * @param lower the lower 95% limit, NaN where the estimate is zero
 * @param upper the upper 95% limit, capped at 1
 */
public record KaplanMeier(
    double[] time, int[] nRisk, int[] nEvent, int[] nCensor, double[] survival, double[] stdErr, double[] lower,
    double[] upper) {

  /** The curve of the subjects with the given times and events (1 event, 0 censored). */
  public static KaplanMeier of(double[] times, int[] events) {
    Survival.check(times, events);
    int n = times.length;
    int[] order = Survival.orderByTime(times);
    List<double[]> steps = new ArrayList<>();
    double z = NormalQuantile.of(0.975);
    double surv = 1;
    double greenwood = 0;
    int atRisk = n;
    int i = 0;
    while (i < n) {
      double t = times[order[i]];
      int d = 0;
      int c = 0;
      while (i < n && times[order[i]] == t) {
        if (events[order[i]] == 1) {
          d++;
        } else {
          c++;
        }
        i++;
      }
      surv *= (atRisk - d) / (double) atRisk;
      if (d > 0) {
        greenwood += atRisk == d ? Double.POSITIVE_INFINITY : d / ((double) atRisk * (atRisk - d));
      }
      double se = Math.sqrt(greenwood);
      double lo = surv > 0 ? Math.exp(Math.log(surv) - z * se) : Double.NaN;
      double hi = surv > 0 ? Math.min(1, Math.exp(Math.log(surv) + z * se)) : Double.NaN;
      steps.add(new double[] {t, atRisk, d, c, surv, se, lo, hi});
      atRisk -= d + c;
    }
    int k = steps.size();
    double[][] cols = new double[8][k];
    for (int s = 0; s < k; s++) {
      for (int c = 0; c < 8; c++) {
        cols[c][s] = steps.get(s)[c];
      }
    }
    return new KaplanMeier(cols[0], toInt(cols[1]), toInt(cols[2]), toInt(cols[3]), cols[4], cols[5], cols[6], cols[7]);
  }

  private static int[] toInt(double[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }

  /**
   * The median survival time as R prints it: the first time the curve falls below one half, or the
   * midpoint to the next event time where it sits exactly at one half; NaN if it never reaches it.
   */
  public double median() {
    for (int s = 0; s < time.length; s++) {
      if (Math.abs(survival[s] - 0.5) < 1e-10 * 0.5 && nEvent[s] > 0) {
        for (int u = s + 1; u < time.length; u++) {
          if (nEvent[u] > 0) {
            return (time[s] + time[u]) / 2;
          }
        }
        return time[s];
      }
      if (survival[s] < 0.5) {
        return time[s];
      }
    }
    return Double.NaN;
  }
}
