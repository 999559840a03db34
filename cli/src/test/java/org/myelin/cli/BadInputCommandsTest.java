package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs that are not the matrix: gene-set files, coordinate tables and sample sheets. Each
 * exits 2 with one line naming the file, and writes nothing. (The matrices' own bad inputs are
 * io's BadInputs, run through the command line by CliTest.)
 */
class BadInputCommandsTest {

  @TempDir
  Path tmp;

  @Test
  void everyBadSideFileExitsTwoNamingIt() throws Exception {
    Path data = tmp.resolve("small.h5ad");
    assertEquals(0, CliRunner.run("simulate", "--cells", "300", "--genes", "600", "-o", data.toString()).code());
    Path noGenes = write("nogenes.gmt", "SET1\tdesc\tNOPE1\tNOPE2\tNOPE3\n");
    Path shortLine = write("short.gmt", "JUSTNAME\n");
    Path empty = write("empty.gmt", "");
    Path noX = write("nocols.csv", "cell,a,b\nx,1,2\n");
    Path word = write("word.csv", "cell,x,y\nc1,north,2\n");
    Path unmatched = write("unmatched.csv", "cell,x,y\nzz1,1,2\n");
    Path noFile = write("nofile.csv", "sample,path\nP1,a.h5ad\n");
    Path missing = write("missing.csv", "sample,file\nP1,absent.h5ad\nP2,absent2.h5ad\n");
    Path oneSample = write("one.csv", "sample,file\nP1," + data.getFileName() + "\n");
    Path twice = write("twice.csv", "sample,file\nP1," + data.getFileName() + "\nP1," + data.getFileName() + "\n");
    Object[][] cases = {
        {noGenes, "signature SET1: 0 of 3 genes found", List.of("score", data, "--signatures", noGenes)},
        {shortLine, "line 1: expected name, description and at least one gene", List.of("score", data,
            "--signatures", shortLine)},
        {empty, "no gene sets in this file", List.of("score", data, "--signatures", empty)},
        {noX, "no x column found", List.of("convert", data, "OUT", "--coords", noX)},
        {word, "row 1, column 'x': not a number: 'north'", List.of("convert", data, "OUT", "--coords", word)},
        {unmatched, "300 of 300 cells have no coordinates here", List.of("convert", data, "OUT", "--coords",
            unmatched)},
        {noFile, "no column 'file'", List.of("concat", "--samples", noFile, "-o", "OUT")},
        {missing, "sample 'P1': file", List.of("concat", "--samples", missing, "-o", "OUT")},
        {oneSample, "1 sample(s); a sample sheet needs two or more", List.of("concat", "--samples", oneSample, "-o", "OUT")},
        {twice, "sample 'P1' is named twice (rows 1 and 2)", List.of("cohort", twice, "-o", "OUT")},
        {missing, "sample 'P1': file", List.of("cohort", missing, "-o", "OUT")}};
    List<String> wrong = new ArrayList<>();
    int k = 0;
    for (Object[] c : cases) {
      Path named = (Path) c[0];
      Path out = tmp.resolve("out-" + k++ + ".h5ad");
      List<String> args = new ArrayList<>();
      for (Object a : (List<?>) c[2]) {
        args.add(a.equals("OUT") ? out.toString() : a.toString());
      }
      if (args.get(0).equals("score")) {
        args.addAll(List.of("-o", out.toString()));
      }
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      String err = r.err().strip();
      if (r.code() != 2 || err.lines().count() != 1 || !err.contains(named.getFileName().toString())
          || !err.contains((String) c[1]) || Files.exists(out)) {
        wrong.add(String.join(" ", args) + " -> exit " + r.code() + ", " + err + (Files.exists(out) ? " (wrote)" : ""));
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  private Path write(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }
}
