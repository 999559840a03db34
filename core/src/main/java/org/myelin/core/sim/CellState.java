package org.myelin.core.sim;

/** The state of a simulated cell within its type: the planted biology. */
public enum CellState {
  BASELINE("baseline"),
  ATTACKED("attacked"),
  MYELINATING("myelinating"),
  REPAIR("repair"),
  NAIVE_EFFECTOR("naive_effector"),
  PROGENITOR_EXHAUSTED("progenitor_exhausted"),
  TERMINALLY_EXHAUSTED("terminally_exhausted"),
  M1_LIKE("m1_like"),
  M2_LIKE("m2_like");

  private final String label;

  CellState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static String[] labels() {
    CellState[] all = values();
    String[] out = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].label;
    }
    return out;
  }
}
