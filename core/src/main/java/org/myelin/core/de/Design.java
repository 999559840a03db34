package org.myelin.core.de;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.myelin.core.stats.SmallMatrices;

/**
 * A model matrix for samples from an additive design formula such as {@code ~ batch + response},
 * as R's {@code model.matrix} with treatment contrasts builds it: an intercept, then for each
 * factor one indicator column per level other than its first (the reference), for each numeric
 * column the column itself. Columns are named as DESeq2's {@code resultsNames}: {@code
 * Intercept}, {@code response_R_vs_NR}, {@code age}.
 */
public final class Design {

  private final String formula;
  private final List<String> variables;
  private final Map<String, List<String>> levels;
  private final Map<String, String[]> values;
  private final double[][] matrix;
  private final String[] coefficientNames;

  private Design(
      String formula,
      List<String> variables,
      Map<String, List<String>> levels,
      Map<String, String[]> values,
      double[][] matrix,
      String[] coefficientNames) {
    this.formula = formula;
    this.variables = variables;
    this.levels = levels;
    this.values = values;
    this.matrix = matrix;
    this.coefficientNames = coefficientNames;
  }

  /**
   * Builds the design. A column whose every value parses as a number is a numeric covariate, any
   * other is a factor with its levels in sorted order unless {@code referenceLevels} names the
   * reference for it.
   *
   * @throws IllegalArgumentException naming the column or sample when the formula uses a column
   *     that does not exist, a value is missing, a factor has one level, or the design is not of
   *     full rank
   */
  public static Design of(String formula, Map<String, String[]> columns, Map<String, String> referenceLevels) {
    String f = formula.strip();
    if (!f.startsWith("~")) {
      throw new IllegalArgumentException("design '" + formula + "' should start with ~, as in ~ batch + response");
    }
    List<String> variables = new ArrayList<>();
    for (String term : f.substring(1).split("\\+")) {
      String t = term.strip();
      if (t.isEmpty() || t.equals("1")) {
        continue;
      }
      if (!t.matches("[A-Za-z.][A-Za-z0-9._]*")) {
        throw new IllegalArgumentException(
            "design term '" + t + "' is not a column name; only additive designs (~ a + b) are supported");
      }
      if (!columns.containsKey(t)) {
        throw new IllegalArgumentException(
            "design column '" + t + "' is not in the sample sheet (it has " + String.join(", ", columns.keySet()) + ")");
      }
      if (!variables.contains(t)) {
        variables.add(t);
      }
    }
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("design '" + formula + "' has no variable to test");
    }
    int m = columns.get(variables.get(0)).length;
    Map<String, List<String>> levels = new LinkedHashMap<>();
    Map<String, String[]> values = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(List.of("Intercept"));
    List<double[]> cols = new ArrayList<>();
    double[] ones = new double[m];
    Arrays.fill(ones, 1);
    cols.add(ones);
    for (String v : variables) {
      String[] vals = columns.get(v);
      for (int i = 0; i < m; i++) {
        if (vals[i] == null || vals[i].isBlank() || vals[i].equals("NA")) {
          throw new IllegalArgumentException("design column '" + v + "' has no value for sample " + (i + 1));
        }
      }
      values.put(v, vals);
      double[] numeric = numeric(vals);
      if (numeric != null) {
        names.add(v);
        cols.add(numeric);
        continue;
      }
      List<String> lv = new ArrayList<>(new TreeSet<>(Arrays.asList(vals)));
      String ref = referenceLevels == null ? null : referenceLevels.get(v);
      if (ref != null) {
        if (!lv.remove(ref)) {
          throw new IllegalArgumentException("reference level '" + ref + "' is not a value of column '" + v + "' (values: " + String.join(", ", lv) + ")");
        }
        lv.add(0, ref);
      }
      if (lv.size() < 2) {
        throw new IllegalArgumentException("design column '" + v + "' has a single value, " + lv.get(0) + "; it cannot be in the design");
      }
      levels.put(v, List.copyOf(lv));
      for (int l = 1; l < lv.size(); l++) {
        double[] c = new double[m];
        for (int i = 0; i < m; i++) {
          c[i] = vals[i].equals(lv.get(l)) ? 1 : 0;
        }
        names.add(rName(v + "_" + lv.get(l) + "_vs_" + lv.get(0)));
        cols.add(c);
      }
    }
    double[][] x = new double[m][cols.size()];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < cols.size(); j++) {
        x[i][j] = cols.get(j)[i];
      }
    }
    if (SmallMatrices.rank(x) < cols.size()) {
      throw new IllegalArgumentException(
          "design " + f + " is not of full rank: some of its columns ("
              + String.join(", ", names.subList(1, names.size()))
              + ") are linear combinations of others, e.g. two variables that always go together");
    }
    return new Design(f, List.copyOf(variables), levels, values, x, names.toArray(String[]::new));
  }

  /** The sheet's columns restricted to some samples, in the order given. */
  public static Map<String, String[]> rows(Map<String, String[]> columns, int[] rows) {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (var c : columns.entrySet()) {
      String[] v = new String[rows.length];
      for (int j = 0; j < rows.length; j++) {
        v[j] = c.getValue()[rows[j]];
      }
      out.put(c.getKey(), v);
    }
    return out;
  }

  /** R's make.names: characters other than letters, digits, dots and underscores become dots. */
  private static String rName(String s) {
    String out = s.replaceAll("[^A-Za-z0-9._]", ".");
    return Character.isLetter(out.charAt(0)) || out.charAt(0) == '.' ? out : "X" + out;
  }

  private static double[] numeric(String[] vals) {
    double[] out = new double[vals.length];
    for (int i = 0; i < vals.length; i++) {
      try {
        out[i] = Double.parseDouble(vals[i].strip());
      } catch (NumberFormatException e) {
        return null;
      }
      if (!Double.isFinite(out[i])) {
        return null;
      }
    }
    return out;
  }

  /** The formula as given, trimmed. */
  public String formula() {
    return formula;
  }

  /** The design's variables in formula order. */
  public List<String> variables() {
    return variables;
  }

  /** The model matrix, samples by coefficients (a copy). */
  public double[][] matrix() {
    double[][] c = new double[matrix.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = matrix[i].clone();
    }
    return c;
  }

  public String[] coefficientNames() {
    return coefficientNames.clone();
  }

  /** A factor's levels, reference first; null for a numeric covariate. */
  public List<String> levels(String variable) {
    return levels.get(variable);
  }

  /** Whether the design is one factor of two levels (DESeq2's Cook's-distance heuristic applies). */
  boolean singleTwoLevelFactor() {
    return variables.size() == 1 && levels.containsKey(variables.get(0)) && levels.get(variables.get(0)).size() == 2;
  }

  /**
   * The contrast numerator versus denominator of a factor, as DESeq2's {@code results(contrast =
   * c(factor, numerator, denominator))}.
   *
   * @throws IllegalArgumentException when the factor is not in the design or a level does not exist
   */
  public Contrast contrast(String factor, String numerator, String denominator) {
    List<String> lv = levels.get(factor);
    if (lv == null) {
      throw new IllegalArgumentException(
          variables.contains(factor)
              ? "contrast column '" + factor + "' is numeric, not a factor; its coefficient is '" + factor + "'"
              : "contrast column '" + factor + "' is not in the design " + formula);
    }
    for (String l : List.of(numerator, denominator)) {
      if (!lv.contains(l)) {
        throw new IllegalArgumentException("contrast level '" + l + "' is not a value of column '" + factor + "' (values: " + String.join(", ", lv) + ")");
      }
    }
    if (numerator.equals(denominator)) {
      throw new IllegalArgumentException("contrast compares level '" + numerator + "' of '" + factor + "' with itself");
    }
    double[] w = new double[coefficientNames.length];
    String ref = lv.get(0);
    int num = numerator.equals(ref) ? -1 : Arrays.asList(coefficientNames).indexOf(rName(factor + "_" + numerator + "_vs_" + ref));
    int den = denominator.equals(ref) ? -1 : Arrays.asList(coefficientNames).indexOf(rName(factor + "_" + denominator + "_vs_" + ref));
    if (num >= 0) {
      w[num] = 1;
    }
    if (den >= 0) {
      w[den] = -1;
    }
    String[] vals = values.get(factor);
    boolean[] involved = new boolean[vals.length];
    for (int i = 0; i < vals.length; i++) {
      involved[i] = vals[i].equals(numerator) || vals[i].equals(denominator);
    }
    return new Contrast(factor + " " + numerator + " vs " + denominator, w, involved, den < 0 ? num : num < 0 ? den : -1, num < 0 ? -1 : 1);
  }

  /**
   * A contrast: its weights over the coefficients, the samples whose counts it compares, and when
   * it is one coefficient (a level against the reference) that coefficient's index and sign.
   */
  public record Contrast(String name, double[] weights, boolean[] samples, int coefficient, int sign) {}
}
