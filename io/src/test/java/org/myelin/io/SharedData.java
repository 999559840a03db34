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

  /** The Python that has the reference tools: $MYELIN_PYTHON, else Debian's /usr/bin/python3. */
  public static String python() {
    String p = System.getenv("MYELIN_PYTHON");
    return p != null ? p : "/usr/bin/python3";
  }

  /**
   * Runs the Python script kept as test resource {@code resource} of {@code owner}, copied into
   * {@code workDir}, with {@code args} and ../shared/peers/pylib on its path; fails the test with
   * its output and {@code hint} (what installs what it needs) when it fails. Returns its output.
   */
  public static String runPython(Class<?> owner, String resource, Path workDir, String hint, String... args) {
    return runScript(python(), owner, resource, workDir, hint, args);
  }

  /** As {@link #runPython}, for an R script run by Debian's Rscript. */
  public static String runR(Class<?> owner, String resource, Path workDir, String hint, String... args) {
    return runScript("/usr/bin/Rscript", owner, resource, workDir, hint, args);
  }

  private static String runScript(
      String interpreter, Class<?> owner, String resource, Path workDir, String hint, String... args) {
    try {
      Path script = workDir.resolve(Path.of(resource).getFileName().toString());
      try (java.io.InputStream in = owner.getResourceAsStream(resource)) {
        assertTrue(in != null, "missing test resource " + resource);
        Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> cmd = new ArrayList<>(List.of(interpreter, script.toString()));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("PYTHONPATH", root().resolve("peers/pylib").toAbsolutePath().toString());
      pb.environment().put("MPLBACKEND", "Agg");
      Process p = pb.start();
      String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(p.waitFor(600, java.util.concurrent.TimeUnit.SECONDS), resource + " timed out");
      if (p.exitValue() != 0) {
        org.junit.jupiter.api.Assertions.fail(resource + " (" + interpreter + ") failed; " + hint + ":\n" + log);
      }
      return log;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
