package org.myelin.core.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A gene set's genes found in the data: the exact symbol (or Ensembl id) first, then the same
 * symbol in another case (human sets on mouse-cased data and back), then a small table of renamed
 * HGNC symbols; each gene counted once, in the set's order.
 *
 * @param set the set
 * @param found column indices of the genes found, in the set's order, no repeats
 * @param missing the set's genes not found
 * @param renamed how aliases were resolved ("WARS -> WARS1")
 */
public record GeneMatch(GeneSet set, int[] found, List<String> missing, List<String> renamed) {

  /** HGNC symbols renamed since common signature lists were written: old name to current name. */
  static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("WARS", "WARS1"), Map.entry("WARS1", "WARS"),
      Map.entry("H3F3A", "H3-3A"), Map.entry("H3F3B", "H3-3B"),
      Map.entry("HIST1H4C", "H4C3"), Map.entry("C10ORF54", "VSIR"), Map.entry("VSIR", "C10orf54"),
      Map.entry("FAM46C", "TENT5C"), Map.entry("KIAA0101", "PCLAF"), Map.entry("SEPT7", "SEPTIN7"),
      Map.entry("MARCH1", "MARCHF1"), Map.entry("GPR56", "ADGRG1"), Map.entry("ADGRG1", "GPR56"),
      Map.entry("NOV", "CCN3"), Map.entry("CYR61", "CCN1"), Map.entry("CTGF", "CCN2"),
      Map.entry("ATP5B", "ATP5F1B"), Map.entry("SKIV2L", "SKIC2"), Map.entry("TMEM173", "STING1"),
      Map.entry("STING1", "TMEM173"), Map.entry("MB21D1", "CGAS"), Map.entry("CGAS", "MB21D1"));

  /** Matches every set against the var names. */
  public static List<GeneMatch> match(List<GeneSet> sets, String[] varNames) {
    return match(sets, varNames, List.of());
  }

  /**
   * Matches every set against the var names and other names of the same genes (columns of var such
   * as gene_ids or gene_symbols): exact names first (var names, then the other columns), then
   * another case, then renamed symbols. Ensembl ids match without their version suffix
   * (ENSG00000141510.17 is ENSG00000141510), so a set of ids finds data indexed by ids or holding
   * them in a column, and a set of symbols finds data indexed by ids that keeps the symbols.
   */
  public static List<GeneMatch> match(List<GeneSet> sets, String[] varNames, List<String[]> otherNames) {
    Map<String, Integer> exact = new HashMap<>();
    Map<String, Integer> upper = new HashMap<>();
    List<String[]> all = new ArrayList<>();
    all.add(varNames);
    all.addAll(otherNames);
    for (String[] names : all) {
      if (names.length != varNames.length) {
        throw new IllegalArgumentException("a column of gene names has " + names.length + " values for "
            + varNames.length + " genes");
      }
      for (int j = 0; j < names.length; j++) {
        if (names[j] == null || names[j].isEmpty()) {
          continue;
        }
        String key = withoutVersion(names[j]);
        exact.putIfAbsent(key, j);
      }
    }
    for (String[] names : all) {
      for (int j = 0; j < names.length; j++) {
        if (names[j] != null && !names[j].isEmpty()) {
          upper.putIfAbsent(withoutVersion(names[j]).toUpperCase(Locale.ROOT), j);
        }
      }
    }
    List<GeneMatch> out = new ArrayList<>();
    for (GeneSet s : sets) {
      Set<Integer> found = new LinkedHashSet<>();
      List<String> missing = new ArrayList<>();
      List<String> renamed = new ArrayList<>();
      for (String g : s.genes()) {
        String key = withoutVersion(g);
        Integer j = exact.get(key);
        if (j == null) {
          j = upper.get(key.toUpperCase(Locale.ROOT));
        }
        if (j == null) {
          String alias = ALIASES.get(key.toUpperCase(Locale.ROOT));
          if (alias != null) {
            j = exact.containsKey(alias) ? exact.get(alias) : upper.get(alias.toUpperCase(Locale.ROOT));
            if (j != null) {
              renamed.add(g + " -> " + varNames[j]);
            }
          }
        }
        if (j == null) {
          missing.add(g);
        } else {
          found.add(j);
        }
      }
      out.add(new GeneMatch(s, found.stream().mapToInt(Integer::intValue).toArray(), missing, renamed));
    }
    return out;
  }

  /** An Ensembl id without its version (ENSMUSG00000000001.4 to ENSMUSG00000000001); other names as they are. */
  static String withoutVersion(String name) {
    int dot = name.lastIndexOf('.');
    if (dot > 4 && name.startsWith("ENS") && name.indexOf('G', 3) > 0 && name.indexOf('G', 3) < dot) {
      for (int k = dot + 1; k < name.length(); k++) {
        if (!Character.isDigit(name.charAt(k))) {
          return name;
        }
      }
      return dot + 1 < name.length() ? name.substring(0, dot) : name;
    }
    return name;
  }
}
