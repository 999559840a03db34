package org.myelin.core.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.myelin.core.score.GeneSet;

/**
 * The genes of a simulated dataset: every gene of the signature library, a few M1-macrophage
 * markers the library lacks, common ribosomal and housekeeping genes, the 13 mitochondrial genes,
 * then background genes up to the requested count: taken from a user's list (e.g. a 10x features
 * file) when given, otherwise named {@code SIM00001}, ... so nobody mistakes them for real genes.
 */
final class GeneSpace {

  static final String[] MT_HUMAN = {"MT-ND1", "MT-ND2", "MT-CO1", "MT-CO2", "MT-ATP8", "MT-ATP6", "MT-CO3",
      "MT-ND3", "MT-ND4L", "MT-ND4", "MT-ND5", "MT-ND6", "MT-CYB"};
  static final String[] MT_MOUSE = {"mt-Nd1", "mt-Nd2", "mt-Co1", "mt-Co2", "mt-Atp8", "mt-Atp6", "mt-Co3",
      "mt-Nd3", "mt-Nd4l", "mt-Nd4", "mt-Nd5", "mt-Nd6", "mt-Cytb"};
  static final String[] M1_MARKERS = {"IL1B", "TNF", "CXCL9", "CXCL10", "CD86", "NOS2", "IDO1", "STAT1"};
  static final String[] HOUSEKEEPING = {"ACTB", "GAPDH", "B2M", "TMSB4X", "EEF1A1", "TPT1", "MALAT1", "FTL",
      "FTH1", "ACTG1", "MYL6", "UBC", "UBB", "HSP90AB1", "PPIA", "PFN1", "CFL1", "TUBA1B", "HNRNPA1", "NPM1",
      "ENO1", "PKM", "LDHA", "ALDOA", "SERF2", "OAZ1", "COX4I1", "NACA", "BTF3", "EIF1", "SRSF3", "RPLP0",
      "RPLP1", "RPL3", "RPL4", "RPL5", "RPL6", "RPL7", "RPL7A", "RPL8", "RPL9", "RPL10", "RPL10A", "RPL11",
      "RPL12", "RPL13", "RPL13A", "RPL14", "RPL15", "RPL18", "RPL18A", "RPL19", "RPL21", "RPL23", "RPL23A",
      "RPL24", "RPL26", "RPL27", "RPL27A", "RPL28", "RPL29", "RPL30", "RPL31", "RPL32", "RPL34", "RPL35",
      "RPL35A", "RPL36", "RPL37", "RPL37A", "RPL38", "RPL39", "RPL41", "RPS2", "RPS3", "RPS3A", "RPS5",
      "RPS6", "RPS7", "RPS8", "RPS9", "RPS11", "RPS12", "RPS13", "RPS14", "RPS15", "RPS15A", "RPS16",
      "RPS18", "RPS19", "RPS20", "RPS21", "RPS23", "RPS24", "RPS25", "RPS26", "RPS27", "RPS27A", "RPS28",
      "RPS29"};

  final String[] names;
  final int nSignature;
  /** Index of the first background gene: the genes from here on belong to no library set. */
  final int firstBackground;
  final int[] mitochondrial;
  final int[] housekeeping;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, int[]> sets = new HashMap<>();

  GeneSpace(List<GeneSet> library, boolean mouse, int nGenes, List<String> backgroundNames) {
    Set<String> ordered = new LinkedHashSet<>();
    for (GeneSet s : library) {
      ordered.addAll(s.genes());
    }
    for (String g : M1_MARKERS) {
      ordered.add(mouse ? mouseCase(g) : g);
    }
    nSignature = ordered.size();
    List<String> hk = new ArrayList<>();
    for (String g : HOUSEKEEPING) {
      String name = mouse ? mouseCase(g) : g;
      if (ordered.add(name)) {
        hk.add(name);
      }
    }
    String[] mt = mouse ? MT_MOUSE : MT_HUMAN;
    for (String g : mt) {
      ordered.add(g);
    }
    int required = ordered.size();
    firstBackground = required;
    if (nGenes < required) {
      throw new IllegalArgumentException("Invalid number of genes: " + nGenes + "; the signature library, "
          + "housekeeping and mitochondrial genes need at least " + required);
    }
    if (backgroundNames != null) {
      for (String g : backgroundNames) {
        if (ordered.size() >= nGenes) {
          break;
        }
        ordered.add(g);
      }
    }
    for (int k = 1; ordered.size() < nGenes; k++) {
      ordered.add(String.format(Locale.ROOT, "SIM%05d", k));
    }
    names = ordered.toArray(new String[0]);
    for (int j = 0; j < names.length; j++) {
      index.put(names[j], j);
    }
    housekeeping = indices(hk);
    mitochondrial = indices(List.of(mt));
    for (GeneSet s : library) {
      sets.put(s.name(), indices(s.genes()));
    }
    List<String> m1 = new ArrayList<>();
    for (String g : M1_MARKERS) {
      m1.add(mouse ? mouseCase(g) : g);
    }
    sets.put("M1_LIKE_MARKERS", indices(m1));
  }

  /** Human symbol to mouse capitalisation (ACTB to Actb), right for the genes listed here. */
  static String mouseCase(String g) {
    return g.charAt(0) + g.substring(1).toLowerCase(Locale.ROOT);
  }

  private int[] indices(List<String> genes) {
    List<Integer> out = new ArrayList<>();
    for (String g : genes) {
      Integer j = index.get(g);
      if (j != null && !out.contains(j)) {
        out.add(j);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Gene indices of a library set (or the M1 markers); a missing set is an error naming it. */
  int[] set(String name) {
    int[] s = sets.get(name);
    if (s == null) {
      throw new IllegalArgumentException("the signature library has no set " + name);
    }
    return s;
  }

  /** The union of several sets, each gene once. */
  int[] union(String... names) {
    Set<Integer> out = new LinkedHashSet<>();
    for (String n : names) {
      for (int j : set(n)) {
        out.add(j);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  int index(String gene) {
    Integer j = index.get(gene);
    return j == null ? -1 : j;
  }
}
