package org.myelin.core.cohort;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.core.de.Design;
import org.myelin.core.de.MultipleTesting;
import org.myelin.core.stats.NormalQuantile;
import org.myelin.core.survival.CoxRegression;
import org.myelin.core.survival.LogRankTest;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.IntColumn;
import org.myelin.core.table.StringColumn;

/**
 * Each per-sample feature against outcome. For a binary response: the Wilcoxon–Mann–Whitney test
 * with the AUC of the feature for the positive group (DeLong's interval), and logistic regression
 * of the response on the feature (per standard deviation) with covariates. For survival: the
 * log-rank test of patients above against at or below the feature's median (or a given cut), and
 * Cox regression on the feature (per standard deviation) with covariates, Efron ties. P-values are
 * adjusted by Benjamini–Hochberg across features, per test.
 */
public final class Association {

  /**
   * @param responseColumn the sheet's binary response column; null skips the response tests
   * @param positive the level whose samples the AUC and the odds ratio are of (non-responders)
   * @param timeColumn survival time (positive); null skips the survival tests
   * @param eventColumn 1 for an event, 0 for censored
   * @param covariates sheet columns adjusted for in the logistic and Cox models
   * @param quantileCut the survival split at this quantile of the feature (0.5: the median)
   */
  public record Options(String responseColumn, String positive, String timeColumn, String eventColumn,
      List<String> covariates, double quantileCut) implements java.io.Serializable {}

  /** The outcome a sheet holds, checked: response labels, survival times and events per sample. */
  public record Outcome(String[] samples, int[] response, String negative, double[] time, int[] event,
      Map<String, String[]> covariates) {}

  private Association() {}

  /**
   * Reads the outcome from the sheet's columns.
   *
   * @throws IllegalArgumentException naming the column and sample when a response is not one of
   *     two levels, a time is not positive or an event not 0/1, or a covariate is missing
   */
  public static Outcome outcome(String[] samples, Map<String, String[]> sheet, Options o) {
    int[] response = null;
    String negative = null;
    if (o.responseColumn() != null) {
      String[] v = column(sheet, o.responseColumn(), "response");
      java.util.TreeSet<String> levels = new java.util.TreeSet<>(Arrays.asList(v));
      levels.remove("");
      levels.remove("NA");
      if (levels.size() != 2) {
        throw new IllegalArgumentException("response column '" + o.responseColumn() + "' should hold two levels, has "
            + levels.size() + " (" + String.join(", ", levels) + ")");
      }
      if (!levels.contains(o.positive())) {
        throw new IllegalArgumentException("response level '" + o.positive() + "' is not in column '"
            + o.responseColumn() + "' (levels: " + String.join(", ", levels) + ")");
      }
      levels.remove(o.positive());
      negative = levels.first();
      response = new int[v.length];
      int pos = 0;
      for (int i = 0; i < v.length; i++) {
        response[i] = v[i].equals(o.positive()) ? 1 : v[i].equals(negative) ? 0 : -1;
        pos += response[i] == 1 ? 1 : 0;
      }
      int neg = (int) Arrays.stream(response).filter(r -> r == 0).count();
      if (pos < 2 || neg < 2) {
        throw new IllegalArgumentException("response column '" + o.responseColumn() + "' needs at least two samples per "
            + "group: " + o.positive() + " has " + pos + ", " + negative + " has " + neg);
      }
    }
    double[] time = null;
    int[] event = null;
    if (o.timeColumn() != null) {
      String[] t = column(sheet, o.timeColumn(), "survival time");
      String[] e = column(sheet, o.eventColumn(), "event");
      time = new double[t.length];
      event = new int[t.length];
      for (int i = 0; i < t.length; i++) {
        try {
          time[i] = Double.parseDouble(t[i]);
        } catch (NumberFormatException ex) {
          time[i] = Double.NaN;
        }
        if (!(time[i] > 0) || Double.isInfinite(time[i])) {
          throw new IllegalArgumentException("survival time '" + t[i] + "' of sample " + samples[i] + " (column '"
              + o.timeColumn() + "') is not a positive number");
        }
        if (!e[i].equals("0") && !e[i].equals("1")) {
          throw new IllegalArgumentException("event '" + e[i] + "' of sample " + samples[i] + " (column '"
              + o.eventColumn() + "') is not 0 or 1");
        }
        event[i] = Integer.parseInt(e[i]);
      }
    }
    Map<String, String[]> cov = new LinkedHashMap<>();
    for (String c : o.covariates()) {
      cov.put(c, column(sheet, c, "covariate"));
    }
    return new Outcome(samples, response, negative, time, event, cov);
  }

  private static String[] column(Map<String, String[]> sheet, String name, String what) {
    String[] v = sheet.get(name);
    if (v == null) {
      throw new IllegalArgumentException(what + " column '" + name + "' is not in the sample sheet (it has "
          + String.join(", ", sheet.keySet()) + ")");
    }
    return v;
  }

  /** One row per feature (the features table's columns), in order. */
  public static Frame test(Frame features, Outcome outcome, Options o) {
    List<String> names = new ArrayList<>(features.columns().keySet());
    int f = names.size();
    Map<String, double[]> out = new LinkedHashMap<>();
    String[] keys = {"mean_positive", "mean_negative", "auc", "auc_ci_low", "auc_ci_high", "mannwhitney_p",
        "logistic_or_per_sd", "logistic_or_ci_low", "logistic_or_ci_high", "logistic_p", "km_cut", "logrank_chisq",
        "logrank_p", "cox_hr_per_sd", "cox_hr_ci_low", "cox_hr_ci_high", "cox_p", "cox_lrt_p"};
    for (String k : keys) {
      double[] v = new double[f];
      Arrays.fill(v, Double.NaN);
      out.put(k, v);
    }
    long[] n = new long[f];
    double z = NormalQuantile.of(0.975);
    for (int j = 0; j < f; j++) {
      double[] v = ((DoubleColumn) features.get(names.get(j))).values();
      double sd = sd(v);
      if (!(sd > 0)) {
        continue;
      }
      if (outcome.response() != null) {
        int[] use = rows(v, outcome.response());
        n[j] = use.length;
        double[] pos = pick(v, use, outcome.response(), 1);
        double[] neg = pick(v, use, outcome.response(), 0);
        if (pos.length > 0 && neg.length > 0) {
          MannWhitney mw = MannWhitney.of(pos, neg);
          set(out, j, "mean_positive", mean(pos), "mean_negative", mean(neg), "auc", mw.auc(), "auc_ci_low",
              mw.aucLower(), "auc_ci_high", mw.aucUpper(), "mannwhitney_p", mw.pValue());
          try {
            double[][] x = predictors(v, use, sd, outcome.covariates(), true);
            int[] y = new int[use.length];
            for (int i = 0; i < use.length; i++) {
              y[i] = outcome.response()[use[i]];
            }
            LogisticRegression lr = LogisticRegression.fit(x, y);
            if (!lr.separated()) {
              set(out, j, "logistic_or_per_sd", lr.oddsRatio(1), "logistic_or_ci_low", lr.oddsRatioLower(1),
                  "logistic_or_ci_high", lr.oddsRatioUpper(1), "logistic_p", lr.pValues()[1]);
            }
          } catch (IllegalArgumentException e) {
            // A covariate that does not vary among these samples, or no valid fit: left NaN.
          }
        }
      }
      if (outcome.time() != null) {
        int[] use = rows(v, null);
        n[j] = Math.max(n[j], use.length);
        double[] t = new double[use.length];
        int[] e = new int[use.length];
        double[] fv = new double[use.length];
        for (int i = 0; i < use.length; i++) {
          t[i] = outcome.time()[use[i]];
          e[i] = outcome.event()[use[i]];
          fv[i] = v[use[i]];
        }
        double cut = org.myelin.core.stats.Quantiles.percentile(fv, 100 * o.quantileCut());
        int[] high = new int[use.length];
        int nHigh = 0;
        for (int i = 0; i < use.length; i++) {
          high[i] = fv[i] > cut ? 1 : 0;
          nHigh += high[i];
        }
        out.get("km_cut")[j] = cut;
        if (nHigh > 0 && nHigh < use.length) {
          LogRankTest lrt = LogRankTest.of(t, e, high, 2);
          set(out, j, "logrank_chisq", lrt.chiSquare(), "logrank_p", lrt.pValue());
        }
        try {
          double[][] x = predictors(v, use, sd, outcome.covariates(), false);
          CoxRegression cox = CoxRegression.fit(t, e, x);
          if (cox.converged()) {
            double b = cox.coefficients()[0];
            double se = cox.standardError(0);
            set(out, j, "cox_hr_per_sd", Math.exp(b), "cox_hr_ci_low", Math.exp(b - z * se), "cox_hr_ci_high",
                Math.exp(b + z * se), "cox_p", cox.waldP(0), "cox_lrt_p", lrtForFeature(t, e, x, cox));
          }
        } catch (IllegalArgumentException ex) {
          // Collinear covariates among these samples: left NaN.
        }
      }
    }
    Frame table = new Frame(names.toArray(String[]::new));
    table.put("n_samples", new IntColumn(n));
    for (var e : out.entrySet()) {
      table.put(e.getKey(), new DoubleColumn(e.getValue()));
      if (e.getKey().endsWith("_p")) {
        table.put(e.getKey().replaceFirst("_p$", "_fdr"), new DoubleColumn(MultipleTesting.benjaminiHochberg(e.getValue())));
      }
    }
    if (outcome.response() != null) {
      String[] levels = new String[f];
      Arrays.fill(levels, o.positive() + " vs " + outcome.negative());
      table.put("response_groups", new StringColumn(levels));
    }
    return table;
  }

  /** The likelihood ratio test of the feature alone: full model against the covariates only. */
  private static double lrtForFeature(double[] t, int[] e, double[][] x, CoxRegression full) {
    if (x[0].length == 1) {
      return full.likelihoodRatioP();
    }
    double[][] reduced = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      reduced[i] = Arrays.copyOfRange(x[i], 1, x[i].length);
    }
    CoxRegression r = CoxRegression.fit(t, e, reduced);
    return org.myelin.core.stats.GammaFunctions.chiSquareUpperTail(2 * (full.logLik() - r.logLik()), 1);
  }

  /**
   * The model's predictors for the samples used: (intercept,) the feature in standard deviations,
   * then the covariates as R codes them (treatment contrasts for factors).
   */
  private static double[][] predictors(double[] v, int[] use, double sd, Map<String, String[]> covariates,
      boolean intercept) {
    double[][] cov = null;
    if (!covariates.isEmpty()) {
      cov = Design.of("~ " + String.join(" + ", covariates.keySet()), Design.rows(covariates, use), null).matrix();
    }
    int p = (intercept ? 1 : 0) + 1 + (cov == null ? 0 : cov[0].length - 1);
    double[][] x = new double[use.length][p];
    for (int i = 0; i < use.length; i++) {
      int c = 0;
      if (intercept) {
        x[i][c++] = 1;
      }
      x[i][c++] = v[use[i]] / sd;
      if (cov != null) {
        for (int k = 1; k < cov[i].length; k++) {
          x[i][c++] = cov[i][k];
        }
      }
    }
    return x;
  }

  private static int[] rows(double[] v, int[] response) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i]) && (response == null || response[i] >= 0)) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double[] pick(double[] v, int[] use, int[] response, int level) {
    return Arrays.stream(use).filter(i -> response[i] == level).mapToDouble(i -> v[i]).toArray();
  }

  private static void set(Map<String, double[]> out, int j, Object... pairs) {
    for (int k = 0; k < pairs.length; k += 2) {
      out.get((String) pairs[k])[j] = (Double) pairs[k + 1];
    }
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  private static double sd(double[] v) {
    double[] f = Arrays.stream(v).filter(d -> !Double.isNaN(d)).toArray();
    if (f.length < 2) {
      return Double.NaN;
    }
    double m = mean(f);
    double ss = 0;
    for (double d : f) {
      ss += (d - m) * (d - m);
    }
    return Math.sqrt(ss / (f.length - 1));
  }
}
