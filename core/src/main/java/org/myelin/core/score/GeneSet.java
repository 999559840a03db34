package org.myelin.core.score;

import java.util.List;

/** A named gene set with its description (MSigDB's GMT columns 1 and 2) and its genes in order. */
public record GeneSet(String name, String description, List<String> genes) {

  public GeneSet {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a gene set needs a name");
    }
    genes = List.copyOf(genes);
  }
}
