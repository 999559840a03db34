package org.myelin.core.tool;

/**
 * An option value a tool cannot take, thrown by the options records before any work. It names the
 * parameter as scanpy does ({@code target_sum}); the command line names its own option instead.
 */
public final class InvalidOptionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String parameter;
  private final String value;
  private final String expected;

  public InvalidOptionException(String parameter, Object value, String expected) {
    super("Invalid " + parameter + ": " + value + " (" + expected + ")");
    this.parameter = parameter;
    this.value = String.valueOf(value);
    this.expected = expected;
  }

  /** The parameter's name as scanpy spells it. */
  public String parameter() {
    return parameter;
  }

  public String value() {
    return value;
  }

  /** What would have been accepted. */
  public String expected() {
    return expected;
  }

  /** Throws unless {@code ok}. */
  public static void check(boolean ok, String parameter, Object value, String expected) {
    if (!ok) {
      throw new InvalidOptionException(parameter, value, expected);
    }
  }
}
