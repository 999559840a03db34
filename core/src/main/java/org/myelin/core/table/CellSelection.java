package org.myelin.core.table;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A set of cells named by an obs column: {@code COLUMN=VALUE[,VALUE...]} or
 * {@code COLUMN in (VALUE, VALUE)} for categories, strings, booleans or integers, or {@code COLUMN>X},
 * {@code COLUMN>=X}, {@code COLUMN<X}, {@code COLUMN<=X} for numbers (a score above a threshold).
 */
public final class CellSelection {

  private CellSelection() {}

  /** The cells {@code expr} selects ({@code option} names it in messages); refuses an unknown column, a bad number, or a selection of no cell. */
  public static boolean[] of(String expr, Frame obs, String option) {
    java.util.regex.Matcher in = java.util.regex.Pattern.compile("(?i)^\\s*(.+?)\\s+in\\s*\\((.*)\\)\\s*$")
        .matcher(expr);
    if (in.matches()) {
      String values = String.join(",", Arrays.stream(in.group(2).split(",")).map(String::strip).toList());
      return of(in.group(1).strip() + "=" + values, obs, option);
    }
    String[] ops = {">=", "<=", ">", "<", "="};
    for (String op : ops) {
      int at = expr.indexOf(op);
      if (at <= 0) {
        continue;
      }
      String column = expr.substring(0, at).strip();
      String value = expr.substring(at + op.length()).strip();
      if (!obs.has(column)) {
        throw new IllegalArgumentException(option + " " + expr + ": obs has no column '" + column + "'");
      }
      Column c = obs.get(column);
      boolean[] out = new boolean[obs.nRows()];
      if (op.equals("=")) {
        // Booleans match true/false in any case (h5ad files spell them True and False).
        boolean bool = c instanceof BooleanColumn;
        Set<String> wanted = new HashSet<>(Arrays.asList((bool ? value.toLowerCase(java.util.Locale.ROOT) : value)
            .split(",")));
        for (int i = 0; i < out.length; i++) {
          String v = c.format(i);
          out[i] = wanted.contains(bool ? v.toLowerCase(java.util.Locale.ROOT) : v);
        }
      } else {
        double threshold;
        try {
          threshold = Double.parseDouble(value);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(option + " " + expr + ": '" + value + "' is not a number");
        }
        if (!(c instanceof DoubleColumn) && !(c instanceof IntColumn)) {
          throw new IllegalArgumentException(option + " " + expr + ": column '" + column + "' is not numeric");
        }
        for (int i = 0; i < out.length; i++) {
          double v = c instanceof DoubleColumn d ? d.values()[i] : Double.parseDouble(c.format(i).isEmpty() ? "NaN"
              : c.format(i));
          out[i] = switch (op) {
            case ">=" -> v >= threshold;
            case "<=" -> v <= threshold;
            case ">" -> v > threshold;
            default -> v < threshold;
          };
        }
      }
      int count = 0;
      for (boolean b : out) {
        if (b) {
          count++;
        }
      }
      if (count == 0) {
        throw new IllegalArgumentException(option + " " + expr + ": selects no cell");
      }
      return out;
    }
    throw new IllegalArgumentException(option + " " + expr + ": expected COLUMN=VALUE[,VALUE] or COLUMN>NUMBER");
  }
}
