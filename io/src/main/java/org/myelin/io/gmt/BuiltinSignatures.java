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
    String name = species == Species.HUMAN ? "signatures_human.gmt" : "signatures_mouse.gmt";
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
