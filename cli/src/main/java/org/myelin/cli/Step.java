package org.myelin.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.myelin.core.data.CellData;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * One analysis step as the command line holds it: its options (the implementing class is a picocli
 * mixin), their check before any input is read, and the core tool it runs. The same Step class
 * serves its own command ({@code myelin qc}) and its stage of {@code myelin run}.
 */
interface Step {

  /** The step's name in {@code run --steps} and in log lines. */
  String name();

  /** Builds the core options from the command line, refusing a bad value with the option's name. */
  void check();

  /** Runs the step (after {@link #check}). */
  ToolResult apply(CellData data, ToolContext ctx);

  /** The tables the step may make, by name, for --tables (checked before any work). */
  default List<String> tableNames() {
    return List.of();
  }

  /** In {@code run}: why the step does not apply to this data (it is skipped, said in one line), or null. */
  default String skipReason(CellData data) {
    return null;
  }

  /**
   * Whether the step may replace or change X or the layers (filtering, normalising). {@code run}
   * begins writing X and the layers once no step left to run does.
   */
  default boolean changesMatrices() {
    return false;
  }

  /**
   * Whether the step is bound by memory latency on one thread: in {@code run} the writing of X and
   * the layers beside it then rests between its slices as long as each took, taking half the pace
   * (and half the cache) it would take from the step's idle core.
   */
  default boolean memoryBound() {
    return false;
  }

  /** Whether {@code run} includes the step when --steps is not given. */
  default boolean inRunByDefault() {
    return true;
  }

  /**
   * Makes a core options record, naming the command-line option in the message when it refuses a
   * value; {@code options} maps scanpy's parameter names to options where they differ (the default
   * is {@code --} and the name in kebab case).
   */
  static <T> T options(Supplier<T> make, Map<String, String> options) {
    try {
      return make.get();
    } catch (InvalidOptionException e) {
      String option = options.getOrDefault(e.parameter(), "--" + e.parameter().replace('_', '-'));
      throw new IllegalArgumentException("Invalid " + option + ": " + e.value() + " (" + e.expected() + ")", e);
    }
  }

  /** A number, or NaN for the keyword that stands for "none" or "computed" ('median', 'none'). */
  static double numberOr(String value, String keyword, String option) {
    if (value.equalsIgnoreCase(keyword)) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + option + ": " + value + " (a number or '" + keyword + "')");
    }
  }

  /** An enum constant by its name in any case, '-' read as '_'; refuses others naming the option. */
  static <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value.strip().replace('-', '_'))) {
        return e;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      sb.append(sb.isEmpty() ? "" : ", ").append(e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    throw new IllegalArgumentException("Invalid " + option + ": " + value + " (" + sb + ")");
  }

  /** A number as help shows a default: integers without a decimal point. */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
