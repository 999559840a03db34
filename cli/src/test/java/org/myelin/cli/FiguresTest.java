package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.io.CellDataIO;
import org.myelin.io.SharedData;
import org.myelin.plot.Figure;
import org.myelin.plot.PlotKind;
import org.myelin.plot.PlotOptions;

/**
 * Every figure from the demo's full run (co-occurrence and Ripley included), the report and its
 * MultiQC file, figures from real data (pbmc3k without coordinates, the Xenium panel), and the bad
 * inputs of plot and report.
 */
class FiguresTest {

  @TempDir
  static Path tmp;

  static Path result;

  @BeforeAll
  static void runTheDemo() {
    result = tmp.resolve("demo.h5ad");
    CliRunner.Result r = CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", result.toString(), "--steps",
        "qc,normalize,hvg,pca,neighbors,leiden,umap,annotate,markers,score,spatial,co-occurrence,ripley",
        "--niche-reference", "cell_type=schwann", "--niche-cells", "cell_type=cd8_t", "--tumour",
        "cell_type=tumour_squamous", "--figures", tmp.resolve("figures").toString(), "--report",
        tmp.resolve("report/demo.html").toString(), "--ripley-simulations", "20", "--nhood-perms", "100");
    assertEquals(0, r.code(), r.err());
  }

  /** Distinct colours in an image: a blank or one-colour image has one or two. */
  static int colours(BufferedImage img) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }

  @Test
  void everyKindIsDrawnFromTheDemoAtItsSize() throws Exception {
    CellData d = CellDataIO.read(result, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    for (PlotKind k : PlotKind.values()) {
      Path png = tmp.resolve("figures").resolve(k.label() + ".png");
      assertTrue(Files.exists(png), k.label() + " was drawn by run --figures");
      BufferedImage img = ImageIO.read(png.toFile());
      Figure f = k.draw(d, PlotOptions.defaults());
      // 150 dpi: 150/72 pixels per point.
      assertEquals(Math.round(f.width() * 150 / 72.0), img.getWidth(), k.label());
      assertEquals(Math.round(f.height() * 150 / 72.0), img.getHeight(), k.label());
      assertTrue(colours(img) > 20, k.label() + " is not blank: " + colours(img) + " colours");
    }
    int clusters = ((CategoricalColumn) d.obs().get("leiden")).categories().length;
    assertEquals(clusters, PlotKind.UMAP.draw(d, PlotOptions.defaults()).legendEntries(0),
        "one legend entry per cluster");
  }

  @Test
  void plotWritesPngSvgAndPdf() throws Exception {
    Path svg = tmp.resolve("umap.svg");
    CliRunner.Result r = CliRunner.run("plot", "umap", result.toString(), "-o", svg.toString(), "--color",
        "leiden,cell_type,TEX_CORE_CHECKPOINT_module,CD8A");
    assertEquals(0, r.code(), r.err());
    String text = Files.readString(svg);
    assertEquals(4, text.split("<image", -1).length - 1, "four panels, each one raster layer");
    Path pdf = tmp.resolve("niche.pdf");
    assertEquals(0, CliRunner.run("plot", "niche", result.toString(), "-o", pdf.toString()).code());
    assertEquals("%PDF", new String(Files.readAllBytes(pdf), 0, 4, StandardCharsets.US_ASCII));
    Path png = tmp.resolve("dot.png");
    assertEquals(0, CliRunner.run("plot", "dotplot", result.toString(), "-o", png.toString(), "--dpi", "72",
        "--n-genes", "2", "--groupby", "cell_type").code());
    assertTrue(colours(ImageIO.read(png.toFile())) > 20);
    assertTrue(Files.exists(Path.of(png + ".provenance.json")));
  }

  @Test
  void theReportIsOneFileWithEveryImageInsideAndMultiQcBesideIt() throws Exception {
    Path report = tmp.resolve("report/demo.html");
    String html = Files.readString(report);
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing is fetched");
    Matcher m = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
    int images = 0;
    while (m.find()) {
      BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
      assertTrue(img != null && colours(img) > 20, "image " + images + " decodes and is not blank");
      images++;
    }
    assertEquals(17, images, "one figure per kind but pca");
    for (String part : List.of("cells kept", "clusters", "Top marker genes", "Scores by group",
        "Scores against distance", "Provenance", "sha256", "myelin_version")) {
      assertTrue(html.contains(part), part);
    }
    String mqc = Files.readString(tmp.resolve("report/myelin_mqc.json"));
    assertTrue(mqc.contains("\"custom_data\"") && mqc.contains("\"plot_type\": \"generalstats\"")
        && mqc.contains("\"plot_type\": \"linegraph\"") && mqc.contains("\"demo\""), mqc);
    // The same report from the h5ad alone.
    Path again = tmp.resolve("again.html");
    CliRunner.Result r = CliRunner.run("report", result.toString(), "-o", again.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(again).contains("data:image/png;base64,"));
  }

  @Test
  void realDataWithoutCoordinatesAndAPanelWithThem() throws Exception {
    Path pbmc = tmp.resolve("pbmc.h5ad");
    Path figs = tmp.resolve("pbmc_figures");
    CliRunner.Result r = CliRunner.run("run", SharedData.data("pbmc3k/filtered_gene_bc_matrices/hg19").toString(),
        "-o", pbmc.toString(), "--steps", "qc,normalize,hvg,pca,neighbors,leiden,umap,annotate,markers", "--figures",
        figs.toString());
    assertEquals(0, r.code(), r.err());
    for (String k : List.of("qc", "qc-scatter", "hvg", "pca-variance", "umap", "pca", "dotplot", "heatmap")) {
      assertTrue(colours(ImageIO.read(figs.resolve(k + ".png").toFile())) > 20, k);
    }
    assertFalse(Files.exists(figs.resolve("spatial.png")), "no coordinates, no tissue");
    assertTrue(r.err().contains("not drawn for want of their step"), r.err());
    // Asked for directly, the missing slot is a bad input naming the file, and nothing is written.
    Path none = tmp.resolve("none.png");
    CliRunner.Result bad = CliRunner.run("plot", "spatial", pbmc.toString(), "-o", none.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains(pbmc.toString()) && bad.err().contains("obsm['spatial']"), bad.err());
    assertFalse(Files.exists(none));
    Path xenium = tmp.resolve("xenium.h5ad");
    Path xfigs = tmp.resolve("xenium_figures");
    r = CliRunner.run("run", SharedData.data("xenium_bone_marrow/cell_feature_matrix.h5").toString(), "--coords",
        SharedData.data("xenium_bone_marrow/cells_xy_from_celldega.csv.gz").toString(), "-o", xenium.toString(),
        "--steps", "qc,normalize,hvg,pca,neighbors,leiden,annotate,score,spatial", "--niche-reference",
        "cell_type=fibroblast", "--figures", xfigs.toString());
    assertEquals(0, r.code(), r.err());
    for (String k : List.of("spatial", "nhood", "moran", "niche", "niche-composition", "niche-tissue")) {
      assertTrue(colours(ImageIO.read(xfigs.resolve(k + ".png").toFile())) > 20, k);
    }
  }

  @Test
  void scanpyAndSquidpyFilesAreDrawnFromTheSameSlots() throws Exception {
    // scanpy's pbmc68k_reduced: its UMAP and its rank_genes_groups (record arrays), grouped by bulk_labels.
    Path pbmc = SharedData.data("scanpy/10x_pbmc68k_reduced.h5ad");
    for (String[] c : new String[][] {{"umap", "--color", "bulk_labels"}, {"dotplot", "--groupby", "bulk_labels"}}) {
      Path out = tmp.resolve("scanpy_" + c[0] + ".png");
      CliRunner.Result r = CliRunner.run("plot", c[0], pbmc.toString(), "-o", out.toString(), c[1], c[2]);
      assertEquals(0, r.code(), r.err());
      assertTrue(colours(ImageIO.read(out.toFile())) > 20, c[0]);
    }
    // squidpy's test data: its spatial coordinates and leiden clusters.
    Path out = tmp.resolve("squidpy_spatial.png");
    CliRunner.Result r = CliRunner.run("plot", "spatial", SharedData.data("squidpy/test_data.h5ad").toString(), "-o",
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(colours(ImageIO.read(out.toFile())) > 20);
  }

  @Test
  void badInputsAreOneClearErrorAndNothingWritten() throws Exception {
    Path out = tmp.resolve("bad.png");
    String[][] cases = {
        {"plot", "umapp", result.toString(), "-o", out.toString(), "Invalid KIND: umapp"},
        {"plot", "umap", result.toString(), "-o", tmp.resolve("bad.jpg").toString(), ".png, .svg or .pdf"},
        {"plot", "umap", result.toString(), "-o", out.toString(), "--color", "no_such_column", "no_such_column"},
        {"plot", "umap", result.toString(), "-o", out.toString(), "--panel-size", "big", "Invalid --panel-size"},
        {"plot", "umap", result.toString(), "-o", out.toString(), "--dpi", "5", "Invalid --dpi"},
        {"plot", "co-occurrence", result.toString(), "-o", out.toString(), "--color", "unicorn", "no category 'unicorn'"},
        {"plot", "umap", tmp.resolve("missing.h5ad").toString(), "-o", out.toString(), "missing.h5ad"},
        {"report", result.toString(), "-o", tmp.resolve("report.txt").toString(), "written as .html"},
        {"report", result.toString(), "-o", tmp.resolve("r.html").toString(), "--figures", result.toString(),
            "must name a folder"},
        {"run", DemoOutputsTest.demo().toString(), "-o", tmp.resolve("r.h5ad").toString(), "--figures",
            result.toString(), "must name a folder"}};
    for (String[] c : cases) {
      CliRunner.Result r = CliRunner.run(java.util.Arrays.copyOf(c, c.length - 1));
      assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
      assertTrue(r.err().contains(c[c.length - 1]), r.err());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      assertFalse(Files.exists(out) || Files.exists(tmp.resolve("bad.jpg")) || Files.exists(tmp.resolve("report.txt"))
          || Files.exists(tmp.resolve("r.html")) || Files.exists(tmp.resolve("r.h5ad")));
    }
    // An existing output is kept without --force, and a run with a bad --report writes nothing at all.
    Path existing = tmp.resolve("report/demo.html");
    CliRunner.Result r = CliRunner.run("report", result.toString(), "-o", existing.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("already exists"), r.err());
    Path h5 = tmp.resolve("never.h5ad");
    r = CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", h5.toString(), "--report",
        tmp.resolve("never.pdf").toString());
    assertEquals(2, r.code());
    assertFalse(Files.exists(h5), "the report is checked before any work");
  }
}
