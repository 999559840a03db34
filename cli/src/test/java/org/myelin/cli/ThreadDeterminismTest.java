package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One thread or two, the same bytes: the whole run on the demo, and each spatial subcommand. */
class ThreadDeterminismTest {

  @TempDir
  Path tmp;

  private static void sameBytes(Path a, Path b) throws Exception {
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), a.getFileName() + " differs between 1 and 2 threads");
  }

  @Test
  void theRunOnTheDemoWritesTheSameBytes() throws Exception {
    Path demo = Path.of("..", "testdata", "demo.h5ad");
    for (String t : List.of("1", "2")) {
      CliRunner.Result r = CliRunner.run("run", demo.toString(), "-o", tmp.resolve("demo" + t + ".h5ad").toString(),
          "--tables", tmp.resolve("tables" + t).toString(), "--niche-reference", "cell_type=schwann", "--niche-cells",
          "cell_type=cd8_t", "--tumour", "cell_type=tumour_squamous", "--threads", t, "--quiet");
      assertEquals(0, r.code(), r.err());
    }
    sameBytes(tmp.resolve("demo1.h5ad"), tmp.resolve("demo2.h5ad"));
    List<Path> tables = new ArrayList<>();
    try (var files = Files.list(tmp.resolve("tables1"))) {
      files.forEach(tables::add);
    }
    assertEquals(true, tables.size() > 10, "tables written: " + tables);
    for (Path t : tables) {
      sameBytes(t, tmp.resolve("tables2").resolve(t.getFileName()));
    }
  }

  @Test
  void everySpatialSubcommandWritesTheSameBytes() throws Exception {
    Path section = tmp.resolve("section.h5ad");
    assertEquals(0, CliRunner.run("simulate", "--cells", "1500", "--genes", "600", "--seed", "6", "-o",
        section.toString()).code());
    Path clustered = tmp.resolve("clustered.h5ad");
    assertEquals(0, CliRunner.run("run", section.toString(), "-o", clustered.toString(), "--steps",
        "qc,normalize,pca,neighbors,leiden,score", "--min-genes", "5", "--quiet").code());
    Path graph = tmp.resolve("graph.h5ad");
    String[][] subcommands = {{"graph"}, {"autocorr"}, {"nhood", "--groupby", "cell_type"},
        {"co-occurrence", "--groupby", "cell_type"}, {"ripley", "--groupby", "cell_type"},
        {"ligrec", "--groupby", "cell_type"}, {"niche", "--niche-reference", "cell_type=schwann"}};
    for (String[] sub : subcommands) {
      Path in = sub[0].equals("graph") ? clustered : graph;
      for (String t : List.of("1", "2")) {
        List<String> args = new ArrayList<>(List.of("spatial", sub[0], in.toString(), "-o",
            tmp.resolve(sub[0] + t + ".h5ad").toString(), "--threads", t, "--quiet"));
        args.addAll(List.of(sub).subList(1, sub.length));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), sub[0] + ": " + r.err());
      }
      sameBytes(tmp.resolve(sub[0] + "1.h5ad"), tmp.resolve(sub[0] + "2.h5ad"));
      if (sub[0].equals("graph")) {
        Files.copy(tmp.resolve("graph1.h5ad"), graph);
      }
    }
  }
}
