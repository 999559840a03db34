package org.myelin.core.data;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Row and column names: uniqueness checks and anndata's {@code make_index_unique}. */
public final class Names {

  private Names() {}

  /** The first name that occurs twice, or null when all are unique. */
  public static String firstDuplicate(String[] names) {
    Set<String> seen = new HashSet<>(names.length * 2);
    for (String n : names) {
      if (!seen.add(n)) {
        return n;
      }
    }
    return null;
  }

  /** How many names repeat an earlier one. */
  public static int countDuplicates(String[] names) {
    Set<String> seen = new HashSet<>(names.length * 2);
    int dups = 0;
    for (String n : names) {
      if (!seen.add(n)) {
        dups++;
      }
    }
    return dups;
  }

  /**
   * Makes names unique as anndata's {@code make_index_unique(join="-")} (scanpy's
   * {@code var_names_make_unique}): the first occurrence keeps its name, later ones become
   * {@code name-1}, {@code name-2}, ..., skipping any suffix that would collide with a name already
   * present. Returns a new array; the input is not modified.
   */
  public static String[] makeUnique(String[] names) {
    String[] out = names.clone();
    if (firstDuplicate(names) == null) {
      return out;
    }
    Set<String> all = new HashSet<>(names.length * 2);
    for (String n : names) {
      all.add(n);
    }
    Set<String> firstSeen = new HashSet<>(names.length * 2);
    Map<String, Integer> counter = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      String v = names[i];
      if (firstSeen.add(v)) {
        continue;
      }
      while (true) {
        int c = counter.merge(v, 1, Integer::sum);
        String candidate = v + "-" + c;
        if (all.add(candidate)) {
          out[i] = candidate;
          break;
        }
      }
    }
    return out;
  }
}
