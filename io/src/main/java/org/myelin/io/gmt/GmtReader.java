package org.myelin.io.gmt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.myelin.core.score.GeneSet;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.MalformedFileException;
import org.myelin.io.TextFiles;

/**
 * Reads GMT: one set per line, tab-separated: name, description, genes. Lines starting with '#'
 * are comments. A repeated gene within a set is kept once; a repeated set name is an error.
 */
public final class GmtReader {

  private GmtReader() {}

  public static List<GeneSet> read(Path file) {
    return parse(TextFiles.readLines(file), file);
  }

  /** Parses GMT lines; {@code file} names their source in error messages. */
  public static List<GeneSet> parse(List<String> lines, Path file) {
    List<GeneSet> sets = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length < 3) {
        throw new MalformedFileException(file, "line " + (i + 1),
            "expected name, description and at least one gene separated by tabs");
      }
      String name = f[0].trim();
      if (name.isEmpty()) {
        throw new MalformedFileException(file, "line " + (i + 1), "empty gene-set name");
      }
      if (!names.add(name)) {
        throw new InconsistentDataException(file, "line " + (i + 1), "gene set '" + name + "' appears twice");
      }
      Set<String> genes = new LinkedHashSet<>();
      for (int j = 2; j < f.length; j++) {
        String g = f[j].trim();
        if (!g.isEmpty()) {
          genes.add(g);
        }
      }
      if (genes.isEmpty()) {
        throw new MalformedFileException(file, "line " + (i + 1), "gene set '" + name + "' has no genes");
      }
      sets.add(new GeneSet(name, f[1].trim(), new ArrayList<>(genes)));
    }
    if (sets.isEmpty()) {
      throw new MalformedFileException(file, null, "no gene sets in this file");
    }
    return sets;
  }
}
