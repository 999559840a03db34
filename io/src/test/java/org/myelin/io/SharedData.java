package org.myelin.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The public datasets and reference outputs in {@code ../shared} beside the checkout. Tests that
 * use them fail (never skip) when the folder is missing: CI always has it.
 */
public final class SharedData {

  private SharedData() {}

  public static Path root() {
    String prop = System.getProperty("myelin.shared");
    Path root = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(root)) {
      root = Path.of("..", "shared");
    }
    assertTrue(Files.isDirectory(root.resolve("data")),
        "../shared (with data/ and ref/) must sit beside the checkout; looked at " + root.toAbsolutePath());
    return root.normalize();
  }

  public static Path data(String relative) {
    Path p = root().resolve("data").resolve(relative);
    assertTrue(Files.exists(p), "missing shared dataset " + p);
    return p;
  }

  public static Path ref(String relative) {
    Path p = root().resolve("ref").resolve(relative);
    assertTrue(Files.exists(p), "missing reference output " + p);
    return p;
  }

  /** A CSV file (plain or gzip, quoted fields allowed) as its header followed by its rows. */
  public static List<String[]> csv(Path file) {
    org.myelin.io.table.DelimitedTable t = org.myelin.io.table.DelimitedTable.read(file);
    List<String[]> rows = new ArrayList<>(t.rows().size() + 1);
    rows.add(t.header());
    rows.addAll(t.rows());
    return rows;
  }
}
