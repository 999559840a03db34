package org.myelin.cli;

import org.myelin.core.score.ScoreTool;
import org.myelin.core.table.Frame;
import picocli.CommandLine.Mixin;

/**
 * The options of {@code myelin score} that choose the sets and the methods (--signatures,
 * --score-method, --ctrl-genes, ...), for programs that score a file by parts (the Spark atlas job).
 */
public final class ScoreOptions {

  @Mixin
  ScoreStep step;

  /**
   * Checks the options and returns them for a file with these genes.
   *
   * @throws IllegalArgumentException naming the option or the GMT file at fault
   */
  public ScoreTool.Options forGenes(Frame var) {
    step.check();
    return step.options(var);
  }
}
