package org.myelin.core.survival;

/** Checks shared by the survival methods. */
final class Survival {

  private Survival() {}

  /** Times must be positive and finite, events 0 or 1, and both of one length. */
  static void check(double[] times, int[] events) {
    if (times.length != events.length) {
      throw new IllegalArgumentException(times.length + " times but " + events.length + " events");
    }
    if (times.length == 0) {
      throw new IllegalArgumentException("no subjects");
    }
    for (int i = 0; i < times.length; i++) {
      if (!(times[i] > 0) || Double.isInfinite(times[i])) {
        throw new IllegalArgumentException("survival time " + times[i] + " of subject " + (i + 1) + " is not positive");
      }
      if (events[i] != 0 && events[i] != 1) {
        throw new IllegalArgumentException("event " + events[i] + " of subject " + (i + 1) + " is not 0 or 1");
      }
    }
  }

  /** Subjects in ascending order of time (stable, so ties keep input order). */
  static int[] orderByTime(double[] times) {
    Integer[] order = new Integer[times.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(times[a], times[b]));
    int[] out = new int[order.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = order[i];
    }
    return out;
  }
}
