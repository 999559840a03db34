package org.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO.Format;
import org.myelin.io.CellDataIO.ReadOptions;
import org.myelin.io.table.CellTable;

/**
 * Every dataset under ../shared/data opens with the shape scanpy loaded (each ref run_info.json) or
 * the one its README states, and the inputs myelin does not read fail with one clear message.
 */
class SharedDatasetsTest {

  private static ReadOptions transposed(Format f) {
    return new ReadOptions(f, null, false, false, true, false, false, null, CellTable.Columns.DETECT,
        org.myelin.core.matrix.CountEncoding.FLOAT);
  }

  private static ReadOptions genome(String g) {
    return new ReadOptions(null, g, false, false, false, false, false, null, CellTable.Columns.DETECT,
        org.myelin.core.matrix.CountEncoding.FLOAT);
  }

  private static final ReadOptions D = ReadOptions.DEFAULT;

  static Stream<Arguments> datasets() {
    return Stream.of(
        Arguments.of("pbmc3k/filtered_gene_bc_matrices/hg19", D, 2700, 32738, 2286884L, Format.MTX),
        Arguments.of("scanpy/10x_pbmc68k_reduced.h5ad", D, 700, 765, 535433L, Format.H5AD),
        Arguments.of("scanpy/derived/10x-10k-subset.h5ad", D, 10000, 1000, 691914L, Format.H5AD),
        Arguments.of("scanpy/10x_data/1.2.0/filtered_gene_bc_matrices/hg19_chr21", D, 12, 343, 12L, Format.MTX),
        Arguments.of("scanpy/10x_data/1.2.0/filtered_gene_bc_matrices_h5.h5", D, 12, 343, 12L, Format.TENX_H5),
        Arguments.of("scanpy/10x_data/1.2.0/multiple_genomes.h5", genome("hg19_chr21"), 12, 343, 12L, Format.TENX_H5),
        Arguments.of("scanpy/10x_data/3.0.0/filtered_feature_bc_matrix.h5", D, 1107, 507, 23866L, Format.TENX_H5),
        Arguments.of("scanpy/10x_data/3.0.0/filtered_feature_bc_matrix", D, 1107, 507, 23866L, Format.MTX),
        Arguments.of("scanpy/10x_data/int-ids", D, 5, 6, 3L, Format.MTX),
        Arguments.of("scanpy/visium_data/1.0.0", D, 100, 100, 656L, Format.VISIUM),
        Arguments.of("scanpy/visium_data/2.1.0/raw_probe_bc_matrix.h5", D, 4987, 1000, 858L, Format.TENX_H5),
        Arguments.of("seurat", D, 80, 240, 4814L, Format.MTX),
        Arguments.of("seurat/cr3.0", D, 5, 3, 4L, Format.MTX),
        Arguments.of("seurat/pbmc_raw.txt", transposed(Format.TEXT), 80, 230, 4456L, Format.TEXT),
        Arguments.of("seurat/visium", D, 2695, 100, 50355L, Format.VISIUM),
        Arguments.of("squidpy/test_data.h5ad", D, 49, 1999, 22372L, Format.H5AD),
        Arguments.of("squidpy", D, 100, 100, 656L, Format.VISIUM),
        Arguments.of("st_pdac/counts_genes_x_spots.mtx.gz", transposed(null), 428, 14574, 408577L, Format.MTX),
        Arguments.of("visium_cytassist_mouse_embryo", D, 2898, 19465, 1069459L, Format.VISIUM),
        Arguments.of("visium_cytassist_mouse_embryo/filtered_feature_bc_matrix", D, 2898, 19465, 1069459L, Format.MTX),
        // 477 genes of 541 features: the controls are other feature types (README: nnz 695,302 in all).
        Arguments.of("xenium_bone_marrow/cell_feature_matrix.h5", D, 84518, 477, 695124L, Format.TENX_H5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void opensWithTheExpectedShape(String path, ReadOptions options, int nObs, int nVars, long nnz, Format format) {
    Path input = SharedData.data(path);
    if (options.format() == null || options == D) {
      assertEquals(format, CellDataIO.detect(input));
    }
    try (Parallel p = new Parallel(2)) {
      CellData d = CellDataIO.read(input, options, p);
      assertEquals(nObs, d.nObs());
      assertEquals(nVars, d.nVars());
      assertEquals(nnz, d.x().nnz());
    }
  }

  @Test
  void everyInputUnderSharedDataIsListed() throws IOException {
    // Each matrix file or folder under ../shared/data must appear in datasets() or notRead().
    Set<String> listed = new HashSet<>();
    datasets().forEach(a -> listed.add((String) a.get()[0]));
    listed.addAll(NOT_READ);
    Path data = SharedData.root().resolve("data");
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String rel = data.relativize(f).toString();
        String name = f.getFileName().toString();
        boolean matrix = name.endsWith(".h5ad") || name.endsWith(".h5") || name.endsWith(".mtx") || name.endsWith(".mtx.gz")
            || name.endsWith(".zarr") || name.endsWith(".rda") || name.equals("pbmc_raw.txt");
        if (!matrix) {
          continue;
        }
        boolean covered = listed.contains(rel);
        // A matrix inside a listed folder (MTX folder, Visium folder) is covered by it.
        for (Path p = f.getParent(); !covered && p != null && p.startsWith(data); p = p.getParent()) {
          covered = listed.contains(data.relativize(p).toString());
        }
        assertTrue(covered, "dataset not covered by this test: " + rel);
      }
    }
  }

  /** Inputs myelin does not read, each an alternative copy of a dataset listed above. */
  static final List<String> NOT_READ = List.of(
      "scanpy/10x-10k-subset.zarr", // the same data as scanpy/derived/10x-10k-subset.h5ad
      "st_pdac/st_PDAC.rda"); // the source of st_pdac/counts_genes_x_spots.mtx.gz

  @Test
  void unreadFormatsFailWithOneClearMessage() {
    for (String path : NOT_READ) {
      Path input = SharedData.data(path);
      UnsupportedFileException e = assertThrows(UnsupportedFileException.class, () -> CellDataIO.detect(input));
      assertTrue(e.getMessage().startsWith(input.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("convert it to h5ad"), e.getMessage());
    }
  }

  @Test
  void multipleGenomesNeedAChoice() {
    Path input = SharedData.data("scanpy/10x_data/1.2.0/multiple_genomes.h5");
    try (Parallel p = new Parallel(1)) {
      UnsupportedFileException e = assertThrows(UnsupportedFileException.class, () -> CellDataIO.read(input, D, p));
      assertTrue(e.getMessage().contains("[another_genome, hg19_chr21]; choose one with --genome"), e.getMessage());
    }
  }
}
