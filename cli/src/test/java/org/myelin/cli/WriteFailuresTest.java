package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that dies leaves nothing under its output's name: killed with SIGKILL while writing, the
 * file-size limit reached, the output folder removed under it. Each runs myelin in a process of
 * its own, as a workflow engine would.
 */
class WriteFailuresTest {

  @TempDir
  static Path tmp;

  static Path input;

  @BeforeAll
  static void aLargeEnoughInput() {
    input = tmp.resolve("input.h5ad");
    CliRunner.Result r = CliRunner.run("simulate", "--cells", "40000", "--genes", "2000", "--seed", "5", "-o",
        input.toString(), "--threads", "2");
    assertEquals(0, r.code(), r.err());
  }

  private static ProcessBuilder myelin(String shellPrefix, String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "org.myelin.cli.Main"));
    cmd.addAll(List.of(args));
    if (shellPrefix != null) {
      StringBuilder line = new StringBuilder(shellPrefix).append("; exec");
      for (String c : cmd) {
        line.append(" '").append(c.replace("'", "'\\''")).append('\'');
      }
      cmd = List.of("/bin/bash", "-c", line.toString());
    }
    return new ProcessBuilder(cmd).redirectErrorStream(true);
  }

  private static Path waitForTemporary(Path folder, String name) throws Exception {
    for (int i = 0; i < 2000; i++) {
      try (var files = Files.list(folder)) {
        Path t = files.filter(f -> f.getFileName().toString().startsWith("." + name + ".tmp-")).findFirst().orElse(null);
        if (t != null) {
          return t;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no temporary output appeared");
  }

  private static String finish(Process p) throws Exception {
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
    return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void killedWhileWritingLeavesNoOutputAndTheNextRunCleansUp() throws Exception {
    Path out = tmp.resolve("killed.h5ad");
    Process p = myelin(null, "convert", input.toString(), out.toString(), "--threads", "1").start();
    Path temporary = waitForTemporary(tmp, "killed.h5ad");
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
    assertFalse(Files.exists(out), "nothing under the final name");
    assertTrue(Files.exists(temporary), "the temporary file stays, named after the dead process");
    CliRunner.Result r = CliRunner.run("convert", input.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("removed " + temporary + ", left by a run that was stopped"), r.err());
    assertFalse(Files.exists(temporary));
  }

  @Test
  void aFileSizeLimitIsABadInputWithNothingLeft() throws Exception {
    Path out = tmp.resolve("limited.h5ad");
    Process p = myelin("ulimit -f 2000", "convert", input.toString(), out.toString()).start();
    String log = finish(p);
    assertEquals(2, p.exitValue(), log);
    assertTrue(log.contains("limited.h5ad: the file-size limit was reached while writing limited.h5ad"), log);
    try (var files = Files.list(tmp)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".limited.h5ad") || f.equals(out)), log);
    }
  }

  @Test
  void anOutputFolderThatDisappearsIsNamed() throws Exception {
    Path folder = tmp.resolve("vanishing");
    Path out = folder.resolve("out.h5ad");
    Process p = myelin(null, "convert", input.toString(), out.toString(), "--threads", "1").start();
    waitForTemporary(Files.createDirectories(folder), "out.h5ad");
    org.myelin.io.AtomicOutput.deleteRecursively(folder);
    String log = finish(p);
    assertEquals(2, p.exitValue(), log);
    assertTrue(log.contains("the output folder " + folder + " disappeared while it was being written"), log);
    assertFalse(Files.exists(folder));
  }
}
