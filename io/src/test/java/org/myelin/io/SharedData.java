package org.myelin.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
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

  /** A CSV file (plain or gzip) as header plus rows, split on commas (reference files hold no quotes). */
  public static List<String[]> csv(Path file) {
    try (BufferedReader r = TextFiles.reader(file)) {
      List<String[]> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        rows.add(line.split(",", -1));
      }
      return rows;
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }
}
