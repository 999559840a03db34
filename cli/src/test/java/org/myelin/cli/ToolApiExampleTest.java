package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.cluster.CommunityDetection;
import org.myelin.core.cluster.LeidenTool;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.DenseFloatMatrix;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.HvgTool;
import org.myelin.core.pp.NormalizeTool;
import org.myelin.core.pp.PcaTool;
import org.myelin.core.pp.QcTool;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.tool.InvalidOptionException;
import org.myelin.core.tool.ToolContext;
import org.myelin.io.CellDataIO;

/** The Java API as docs/java-api.md shows it: the tools give what the command line gives. */
class ToolApiExampleTest {

  @TempDir
  Path tmp;

  @Test
  void theDocumentedExampleGivesTheCommandLinesEmbedding() {
    List<String> log = new ArrayList<>();
    CellData d;
    try (Parallel parallel = new Parallel(2)) {
      ToolContext ctx = new ToolContext(parallel, 0, log::add);
      d = CellDataIO.read(DemoOutputsTest.demo(), CellDataIO.ReadOptions.DEFAULT, parallel);
      d = QcTool.run(d, QcTool.Options.defaults(), ctx).data();
      NormalizeTool.run(d, NormalizeTool.Options.defaults(), ctx);
      HvgTool.run(d, HvgTool.Options.defaults(), ctx);
      PcaTool.run(d, PcaTool.Options.defaults(), ctx);
    }
    assertTrue(log.stream().anyMatch(l -> l.startsWith("kept 4992 of 5000 cells")), log.toString());
    Path out = tmp.resolve("pca.h5ad");
    CliRunner.Result r = CliRunner.run("run", DemoOutputsTest.demo().toString(), "-o", out.toString(), "--steps",
        "qc,normalize,hvg,pca");
    assertEquals(0, r.code(), r.err());
    CellData cli = CellDataIO.read(out, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    assertArrayEquals(((DenseFloatMatrix) cli.obsm().get("X_pca")).data(),
        ((DenseFloatMatrix) d.obsm().get("X_pca")).data());
  }

  @Test
  void optionsRecordsRefuseBadValuesByScanpysName() {
    InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> new LeidenTool.Options(-1,
        CommunityDetection.Algorithm.LEIDEN, -1, 1, true, null));
    assertEquals("resolution", e.parameter());
    assertEquals("leiden", LeidenTool.Options.defaults().key());
    assertTrue(CategoricalColumn.class.getName().startsWith("org.myelin.core"));
  }
}
