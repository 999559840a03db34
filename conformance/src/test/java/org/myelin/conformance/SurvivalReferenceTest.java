package org.myelin.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.cohort.LogisticRegression;
import org.myelin.core.cohort.MannWhitney;
import org.myelin.core.survival.CoxRegression;
import org.myelin.core.survival.KaplanMeier;
import org.myelin.core.survival.LogRankTest;
import org.myelin.io.SharedData;

/**
 * The cohort statistics against R on the NCCTG lung cancer data shipped with R's survival
 * (Debian's r-cran-survival 3.5, installed by scripts/test; 227 complete cases, many tied times):
 * Cox regression with Efron ties, the log-rank test and the Kaplan–Meier curve to 1e-8 relative
 * (the same Newton steps and sums, differing in summation order only; the issue asks 1e-6, 1e-6 and
 * 1e-8), logistic regression to 1e-8 against glm, and the Wilcoxon–Mann–Whitney test against
 * wilcox.test, exact and with ties.
 */
class SurvivalReferenceTest {

  @TempDir
  Path tmp;

  @Test
  void lungCancerCohortMatchesRsSurvivalAndGlm() {
    SharedData.runR(getClass(), "/survival/survival_reference.R", tmp, "scripts/test installs r-cran-survival",
        tmp.toString());
    Map<String, Double> ref = new HashMap<>();
    List<String[]> refRows = SharedData.csv(tmp.resolve("reference.csv"));
    for (String[] r : refRows.subList(1, refRows.size())) {
      ref.put(r[0].strip(), Double.parseDouble(r[1].strip()));
    }
    List<String[]> rows = SharedData.csv(tmp.resolve("lung.csv"));
    int n = rows.size() - 1;
    double[] time = new double[n];
    int[] event = new int[n];
    double[][] x3 = new double[n][3];
    double[][] x1 = new double[n][1];
    int[] sex = new int[n];
    int[] ecog = new int[n];
    for (int i = 0; i < n; i++) {
      String[] r = rows.get(i + 1);
      time[i] = Double.parseDouble(r[0]);
      event[i] = (int) Double.parseDouble(r[1]);
      x3[i][0] = Double.parseDouble(r[2]);
      x3[i][1] = Double.parseDouble(r[3]);
      x3[i][2] = Double.parseDouble(r[4]);
      x1[i][0] = x3[i][0];
      sex[i] = (int) x3[i][1] - 1;
      ecog[i] = (int) x3[i][2];
    }

    CoxRegression cox = CoxRegression.fit(time, event, x3);
    String[] names = {"age", "sex", "ph.ecog"};
    for (int j = 0; j < 3; j++) {
      close(ref.get("cox3.coef." + names[j]), cox.coefficients()[j], 1e-8, "Cox coefficient of " + names[j]);
      close(ref.get("cox3.se." + names[j]), cox.standardError(j), 1e-8, "Cox SE of " + names[j]);
      close(ref.get("cox3.p." + names[j]), cox.waldP(j), 1e-8, "Cox Wald p of " + names[j]);
    }
    close(ref.get("cox3.loglik0"), cox.logLikNull(), 1e-10, "Cox null log-likelihood");
    close(ref.get("cox3.loglik"), cox.logLik(), 1e-10, "Cox log-likelihood");
    close(ref.get("cox3.lrt"), cox.likelihoodRatio(), 1e-8, "Cox likelihood ratio");
    close(ref.get("cox3.lrt.p"), cox.likelihoodRatioP(), 1e-8, "Cox likelihood-ratio p");
    close(ref.get("cox3.score"), cox.scoreTest(), 1e-8, "Cox score test");
    assertEquals(ref.get("cox3.iter").intValue(), cox.iterations(), "Newton iterations");
    CoxRegression one = CoxRegression.fit(time, event, x1);
    close(ref.get("cox1.coef"), one.coefficients()[0], 1e-8, "single-covariate Cox coefficient");
    close(ref.get("cox1.se"), one.standardError(0), 1e-8, "single-covariate Cox SE");

    LogRankTest bySex = LogRankTest.of(time, event, sex, 2);
    close(ref.get("logrank.sex.chisq"), bySex.chiSquare(), 1e-8, "log-rank chi-square by sex");
    close(ref.get("logrank.sex.p"), bySex.pValue(), 1e-8, "log-rank p by sex");
    close(ref.get("logrank.sex.exp1"), bySex.expected()[0], 1e-10, "expected events, men");
    LogRankTest byEcog = LogRankTest.of(time, event, ecog, 4);
    close(ref.get("logrank.ecog.chisq"), byEcog.chiSquare(), 1e-8, "log-rank chi-square over four ECOG groups");

    KaplanMeier km = KaplanMeier.of(time, event);
    assertEquals(ref.get("km.n").intValue(), km.time().length, "Kaplan-Meier steps");
    for (int s = 0; s < km.time().length; s++) {
      String k = "km." + (s + 1) + ".";
      assertEquals(ref.get(k + "time"), km.time()[s]);
      assertEquals(ref.get(k + "nrisk").intValue(), km.nRisk()[s]);
      close(ref.get(k + "surv"), km.survival()[s], 1e-12, "survival at step " + (s + 1));
      close(ref.get(k + "stderr"), km.stdErr()[s], 1e-10, "standard error at step " + (s + 1));
      close(ref.get(k + "lower"), km.lower()[s], 1e-10, "lower limit at step " + (s + 1));
      close(ref.get(k + "upper"), km.upper()[s], 1e-10, "upper limit at step " + (s + 1));
    }
    assertEquals(ref.get("km.median"), km.median(), "median survival");

    double[][] xl = new double[n][];
    int[] female = new int[n];
    for (int i = 0; i < n; i++) {
      xl[i] = new double[] {1, x3[i][0], x3[i][2]};
      female[i] = sex[i];
    }
    LogisticRegression lr = LogisticRegression.fit(xl, female);
    for (int j = 0; j < 3; j++) {
      close(ref.get("glm.coef." + (j + 1)), lr.coefficients()[j], 1e-8, "logistic coefficient " + j);
      close(ref.get("glm.se." + (j + 1)), lr.standardErrors()[j], 1e-8, "logistic SE " + j);
      close(ref.get("glm.z." + (j + 1)), lr.z()[j], 1e-8, "logistic z " + j);
      close(ref.get("glm.p." + (j + 1)), lr.pValues()[j], 1e-8, "logistic p " + j);
    }

    int men = 0;
    for (int s : sex) {
      men += s == 0 ? 1 : 0;
    }
    double[] ageMen = new double[men];
    double[] ageWomen = new double[n - men];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (sex[i] == 0) {
        ageMen[a++] = x3[i][0];
      } else {
        ageWomen[b++] = x3[i][0];
      }
    }
    MannWhitney ties = MannWhitney.of(ageMen, ageWomen);
    assertEquals(ref.get("wilcox.ties.W"), ties.w(), 1e-9);
    close(ref.get("wilcox.ties.p"), ties.pValue(), 1e-8, "Wilcoxon p with ties");
    MannWhitney exact = MannWhitney.of(new double[] {1.1, 2.3, 3.2, 5.5, 7.1, 8.4}, new double[] {0.5, 2.0, 4.1, 6.3, 0.2});
    assertEquals(ref.get("wilcox.exact.W"), exact.w(), 1e-12);
    close(ref.get("wilcox.exact.p"), exact.pValue(), 1e-12, "exact Wilcoxon p");
  }

  private static void close(double expected, double actual, double relative, String what) {
    assertEquals(expected, actual, relative * Math.max(Math.abs(expected), 1e-300), what);
  }
}
