package org.myelin.core.stats;

/**
 * The log-gamma, digamma and trigamma functions for positive arguments, to double precision:
 * shifted by the recurrence above 15, then Stirling's asymptotic series (Abramowitz & Stegun
 * 6.1.41, 6.3.18, 6.4.12), whose first omitted term there is below 1e-19.
 */
public final class GammaFunctions {

  private static final double SHIFT = 15;
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private GammaFunctions() {}

  /** log Γ(x) for x > 0. */
  public static double lgamma(double x) {
    if (!(x > 0)) {
      return x == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    if (Double.isInfinite(x)) {
      return x;
    }
    double product = 1;
    while (x < SHIFT) {
      product *= x;
      x += 1;
    }
    double inv = 1 / x;
    double inv2 = inv * inv;
    double series =
        inv
            * (1.0 / 12
                + inv2
                    * (-1.0 / 360
                        + inv2
                            * (1.0 / 1260
                                + inv2
                                    * (-1.0 / 1680
                                        + inv2
                                            * (1.0 / 1188
                                                + inv2 * (-691.0 / 360360 + inv2 / 156))))));
    double stirling = (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
    return product == 1 ? stirling : stirling - Math.log(product);
  }

  /** ψ(x) = d log Γ(x) / dx for x > 0. */
  public static double digamma(double x) {
    if (!(x > 0)) {
      return Double.NaN;
    }
    double shift = 0;
    while (x < SHIFT) {
      shift += 1 / x;
      x += 1;
    }
    double inv2 = 1 / (x * x);
    double series =
        inv2
            * (1.0 / 12
                - inv2
                    * (1.0 / 120
                        - inv2
                            * (1.0 / 252
                                - inv2
                                    * (1.0 / 240
                                        - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 / 12))))));
    return Math.log(x) - 0.5 / x - series - shift;
  }

  /** ψ'(x) for x > 0. */
  public static double trigamma(double x) {
    if (!(x > 0)) {
      return Double.NaN;
    }
    double shift = 0;
    while (x < SHIFT) {
      shift += 1 / (x * x);
      x += 1;
    }
    double inv = 1 / x;
    double inv2 = inv * inv;
    double series =
        inv
            * (1
                + inv
                    * (0.5
                        + inv
                            * (1.0 / 6
                                - inv2
                                    * (1.0 / 30
                                        - inv2
                                            * (1.0 / 42
                                                - inv2
                                                    * (1.0 / 30
                                                        - inv2
                                                            * (5.0 / 66
                                                                - inv2
                                                                    * (691.0 / 2730
                                                                        - inv2 * 7.0 / 6))))))));
    return series + shift;
  }

  /**
   * The upper tail of the chi-square distribution, P(X &gt; x) with df degrees of freedom: the
   * regularised upper incomplete gamma function Q(df/2, x/2), by its series below a + 1 and its
   * continued fraction (modified Lentz) above, both to double precision.
   */
  public static double chiSquareUpperTail(double x, double df) {
    if (!(x > 0)) {
      return x == 0 || x < 0 ? 1 : Double.NaN;
    }
    return upperRegularizedGamma(df / 2, x / 2);
  }

  /** Q(a, x) = Γ(a, x) / Γ(a) for a &gt; 0, x &ge; 0. */
  public static double upperRegularizedGamma(double a, double x) {
    if (x <= 0) {
      return 1;
    }
    double logPrefix = a * Math.log(x) - x - lgamma(a);
    if (x < a + 1) {
      double term = 1 / a;
      double sum = term;
      for (int n = 1; n < 10_000; n++) {
        term *= x / (a + n);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * 1e-17) {
          break;
        }
      }
      return 1 - sum * Math.exp(logPrefix);
    }
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 10_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = b + an / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return Math.exp(logPrefix) * h;
  }
}
