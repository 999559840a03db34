package org.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.h5ad.H5adFile;

class FileSummaryTest {

  @Test
  void h5adSummaryFromTheFileStructureEqualsTheFullRead() throws Exception {
    // An h5ad is described from its structure with X streamed (bounded memory on any size); the
    // report must equal the one built from a full read, for every h5ad we have.
    List<Path> files = new ArrayList<>(List.of(SharedData.data("scanpy/10x_pbmc68k_reduced.h5ad"),
        SharedData.data("scanpy/derived/10x-10k-subset.h5ad"), SharedData.data("squidpy/test_data.h5ad"),
        Path.of("..", "testdata", "demo.h5ad")));
    try (var refs = Files.list(SharedData.root().resolve("ref"))) {
      refs.map(d -> d.resolve("scanpy/reference.h5ad")).filter(Files::exists).forEach(files::add);
    }
    for (Path f : files) {
      Map<String, Object> streamed;
      try (H5adFile h = H5adFile.open(f)) {
        streamed = FileSummary.of(f, h);
      }
      Map<String, Object> full = FileSummary.of(f, CellDataIO.Format.H5AD,
          CellDataIO.read(f, CellDataIO.ReadOptions.DEFAULT, new Parallel(2)));
      assertEquals(full.toString(), streamed.toString(), f.toString());
    }
  }
}
