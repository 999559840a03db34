package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;

/**
 * The README's main job on the demo gives the same bytes, release after release: the embeddings
 * (X_pca, X_umap) and every table (obs with leiden and the scores, var, markers, Moran's I, the
 * enrichment and the niche) are hashed and compared with the digests in demo-digests.tsv. A change
 * that moves a number must say so by updating that file (-Dmyelin.updateDigests=true).
 */
class DemoOutputsTest {

  static final String[] MAIN_JOB = {"--niche-reference", "cell_type=schwann", "--niche-cells", "cell_type=cd8_t",
      "--tumour", "cell_type=tumour_squamous"};

  @TempDir
  Path tmp;

  @Test
  void mainJobOnTheDemoGivesTheRecordedBytes() throws Exception {
    Path out = tmp.resolve("demo.h5ad");
    Path tables = tmp.resolve("tables");
    String[] args = Stream.concat(Stream.of("run", demo().toString(), "-o", out.toString(), "--tables",
        tables.toString(), "--threads", "2"), Stream.of(MAIN_JOB)).toArray(String[]::new);
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(0, r.code(), r.err());
    Map<String, String> actual = digests(out, tables);
    String header = Files.readAllLines(tables.resolve("obs.tsv")).get(0);
    for (String c : new String[] {"X_umap_1", "X_umap_2", "spatial_x", "spatial_y", "leiden", "distance_to_nerve_um"}) {
      org.junit.jupiter.api.Assertions.assertTrue(("\t" + header + "\t").contains("\t" + c + "\t"), c + " in " + header);
    }
    Path file = Path.of("src/test/resources/demo-digests.tsv");
    if ("true".equals(System.getProperty("myelin.updateDigests"))) {
      StringBuilder sb = new StringBuilder("# SHA-256 of the main job's outputs on testdata/demo.h5ad\n");
      actual.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
      Files.writeString(file, sb.toString());
      return;
    }
    Map<String, String> expected = new TreeMap<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.startsWith("#") && !line.isBlank()) {
        String[] f = line.split("\t");
        expected.put(f[0], f[1]);
      }
    }
    assertEquals(expected, actual, "the main job's outputs on the demo changed");
  }

  static Path demo() {
    return Path.of("..", "testdata", "demo.h5ad");
  }

  static Map<String, String> digests(Path h5ad, Path tables) throws IOException, NoSuchAlgorithmException {
    Map<String, String> out = new TreeMap<>();
    CellData d = CellDataIO.read(h5ad, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    for (String key : new String[] {"X_pca", "X_umap"}) {
      float[] v = ((DenseFloatMatrix) d.obsm().get(key)).data();
      ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(v);
      out.put("obsm/" + key, sha256(b.array()));
    }
    try (Stream<Path> files = Files.list(tables)) {
      for (Path f : files.sorted().toList()) {
        out.put("tables/" + f.getFileName(), sha256(Files.readAllBytes(f)));
      }
    }
    return out;
  }

  static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
