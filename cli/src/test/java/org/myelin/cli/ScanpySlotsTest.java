package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slots scanpy users reach for open with Debian's anndata as scanpy 1.9 writes them. */
class ScanpySlotsTest {

  @TempDir
  Path tmp;

  @Test
  void rankGenesGroupsAndVisiumImagesAreScanpys() throws Exception {
    Path out = tmp.resolve("markers.h5ad");
    CliRunner.Result r = CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", out.toString(), "--steps",
        "qc,normalize,hvg,pca,neighbors,leiden,markers", "--method", "t-test");
    assertEquals(0, r.code(), r.err());
    Path visium = tmp.resolve("visium.h5ad");
    assertEquals(0, CliRunner.run("convert", org.myelin.io.SharedData.data("visium_cytassist_mouse_embryo").toString(),
        visium.toString()).code());
    String python = System.getenv().getOrDefault("MYELIN_PYTHON", "/usr/bin/python3");
    Process p = new ProcessBuilder(python, Path.of("src/test/resources/interop/scanpy_slots.py").toString(),
        out.toString(), visium.toString()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "anndata (" + python + "), installed by scripts/test: " + log);
    assertTrue(log.startsWith("ok ") && log.contains("ok visium"), log);
  }
}
