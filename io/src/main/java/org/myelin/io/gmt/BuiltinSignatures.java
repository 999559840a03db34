package org.myelin.io.gmt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.myelin.core.score.GeneSet;

/**
 * The curated signature library shipped in the jar (the top-level {@code seeds/} folder): human
 * HGNC and mouse MGI symbols, the same set names in the same order.
 */
public final class BuiltinSignatures {

  /** The species whose gene symbols a library uses. */
  public enum Species { HUMAN, MOUSE }

  private BuiltinSignatures() {}

  public static List<GeneSet> load(Species species) {
    return resource(species == Species.HUMAN ? "signatures_human.gmt" : "signatures_mouse.gmt");
  }

  /**
   * The marker sets of cell-type annotation: the library's CELLTYPE_* sets and the markers of
   * types the library does not score (platelets), from {@code seeds/annotation_markers_*.gmt}.
   */
  public static List<GeneSet> cellTypeMarkers(Species species) {
    List<GeneSet> out = new java.util.ArrayList<>(load(species).stream().filter(s -> s.name().startsWith("CELLTYPE_"))
        .toList());
    out.addAll(resource(species == Species.HUMAN ? "annotation_markers_human.gmt" : "annotation_markers_mouse.gmt"));
    return out;
  }

  private static List<GeneSet> resource(String name) {
    try (InputStream in = BuiltinSignatures.class.getResourceAsStream("/org/myelin/io/seeds/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the built-in signature library " + name + " is missing from the jar");
      }
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return GmtReader.parse(text.lines().toList(), Path.of("seeds", name));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in signature library " + name, e);
    }
  }
}
