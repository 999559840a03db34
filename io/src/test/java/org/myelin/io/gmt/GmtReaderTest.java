package org.myelin.io.gmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.score.GeneSet;
import org.myelin.io.InconsistentDataException;
import org.myelin.io.MalformedFileException;
import org.myelin.io.SharedData;

class GmtReaderTest {

  @TempDir
  Path tmp;

  @Test
  void readsTheSharedSignatureLibrary() {
    List<GeneSet> human = GmtReader.read(SharedData.root().resolve("signatures/signatures.gmt"));
    List<GeneSet> mouse = GmtReader.read(SharedData.root().resolve("signatures/signatures_mouse.gmt"));
    assertTrue(human.size() >= 10, "sets: " + human.size());
    assertTrue(human.stream().anyMatch(s -> s.name().equals("SCHWANN_REPAIR_UP")));
    assertTrue(mouse.stream().allMatch(s -> !s.genes().isEmpty()));
  }

  @Test
  void badFilesNameTheLine() throws Exception {
    Path f = tmp.resolve("bad.gmt");
    Files.writeString(f, "A\tdesc\tG1\tG2\nB\tonly-two-fields\n");
    MalformedFileException e = assertThrows(MalformedFileException.class, () -> GmtReader.read(f));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    Files.writeString(f, "A\td\tG1\nA\td\tG2\n");
    InconsistentDataException d = assertThrows(InconsistentDataException.class, () -> GmtReader.read(f));
    assertTrue(d.getMessage().contains("'A' appears twice"), d.getMessage());
    Files.writeString(f, "# comment\nA\td\tG1\tG1\tG2\n");
    assertEquals(List.of("G1", "G2"), GmtReader.read(f).get(0).genes());
  }
}
