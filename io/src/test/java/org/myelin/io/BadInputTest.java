package org.myelin.io;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.parallel.Parallel;

/** Each broken input fails with one exception that names the file and says what is wrong. */
class BadInputTest {

  @TempDir
  Path tmp;

  @Test
  void everyBadInputGetsItsOwnClearError() throws Exception {
    Map<String, BadInputs.Case> cases = BadInputs.create(tmp);
    assertTrue(cases.size() >= 60, cases.size() + " cases");
    java.util.List<String> wrong = new java.util.ArrayList<>();
    for (Map.Entry<String, BadInputs.Case> e : cases.entrySet()) {
      BadInputs.Case c = e.getValue();
      String m;
      try {
        CellDataIO.read(c.input(), CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
        wrong.add(e.getKey() + ": read without complaint");
        continue;
      } catch (MyelinFileException ex) {
        m = ex.getMessage();
        if (!c.type().isInstance(ex)) {
          wrong.add(e.getKey() + ": " + ex.getClass().getSimpleName() + ": " + m);
        }
      } catch (RuntimeException ex) {
        wrong.add(e.getKey() + ": not a bad-input error: " + ex);
        continue;
      }
      if (!m.contains(c.input().getFileName().toString()) || !m.contains(c.expected()) || m.contains("\n")) {
        wrong.add(e.getKey() + ": expected '" + c.expected() + "' in one line naming the file: " + m);
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void duplicateBarcodesAreRenamedOnRequest() throws Exception {
    BadInputs.Case dup = BadInputs.create(tmp).get("duplicate barcodes");
    CellDataIO.ReadOptions unique = new CellDataIO.ReadOptions(null, null, false, false, false, true, false, null,
        org.myelin.io.table.CellTable.Columns.DETECT,
        org.myelin.core.matrix.CountEncoding.FLOAT);
    var d = CellDataIO.read(dup.input(), unique, new Parallel(1));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new String[] {"AAAC-1", "AAAC-1-1"}, d.obs().index());
  }

  @Test
  void cscMatricesAreReadAsTheirTranspose() {
    // X stored column-major (anndata writes csc_matrix for CSC input): [[1,0],[0,2],[3,0]].
    Path file = BadInputs.h5adCsc(tmp.resolve("csc.h5ad"));
    var d = CellDataIO.read(file, CellDataIO.ReadOptions.DEFAULT, new Parallel(1));
    org.junit.jupiter.api.Assertions.assertEquals(3, d.nObs());
    org.junit.jupiter.api.Assertions.assertEquals(1.0, d.x().get(0, 0));
    org.junit.jupiter.api.Assertions.assertEquals(2.0, d.x().get(1, 1));
    org.junit.jupiter.api.Assertions.assertEquals(3.0, d.x().get(2, 0));
    org.junit.jupiter.api.Assertions.assertEquals(3L, d.x().nnz());
  }

  @Test
  void aFailedWriteLeavesNothingBehind() throws Exception {
    Path target = tmp.resolve("out.h5");
    var data = org.myelin.io.h5ad.InteropFixtures.everything(3); // log values: not counts
    assertThrows(InconsistentDataException.class,
        () -> CellDataIO.write(data, target, CellDataIO.Format.TENX_H5, false, new org.myelin.core.parallel.Parallel(1)));
    assertTrue(Files.notExists(target));
    try (var files = Files.list(tmp)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "temporary files left");
    }
  }

  @Test
  void anExistingOutputIsNotReplacedWithoutForce() throws Exception {
    Path target = tmp.resolve("out.h5ad");
    Files.writeString(target, "keep me");
    var data = org.myelin.io.h5ad.InteropFixtures.everything(3);
    UnsupportedFileException e = assertThrows(UnsupportedFileException.class,
        () -> CellDataIO.write(data, target, null, false, new org.myelin.core.parallel.Parallel(1)));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertTrue(Files.readString(target).equals("keep me"));
    CellDataIO.write(data, target, null, true, new org.myelin.core.parallel.Parallel(1));
    assertTrue(Files.size(target) > 1000);
  }
}
