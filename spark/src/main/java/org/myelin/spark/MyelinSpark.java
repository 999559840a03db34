package org.myelin.spark;

import java.io.PrintWriter;
import org.myelin.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code myelin-spark} command, submitted with {@code spark-submit}: a cohort run one task per
 * sample, and an atlas scored by row ranges. Exit codes are myelin's.
 */
@Command(name = "myelin-spark", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    subcommands = {CohortJob.class, ScoreJob.class, CommandLine.HelpCommand.class},
    description = "myelin on Apache Spark: a cohort's samples run on executors, an atlas scored by row ranges; "
        + "inputs and outputs on any path Hadoop reads (local, HDFS, S3 through the cluster's configuration).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success (failed samples of a cohort are named in its summary)", "1:runtime failure",
        "2:bad usage or bad input (the message names the file)"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  spark-submit --class org.myelin.spark.MyelinSpark myelin-spark.jar cohort hdfs:///trial/samples.csv "
            + "--out hdfs:///trial/cohort",
        "  spark-submit --class org.myelin.spark.MyelinSpark myelin-spark.jar score s3a://atlas/atlas.h5ad "
            + "--signatures builtin --out s3a://atlas/scores.parquet"})
public final class MyelinSpark implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (cohort or score)");
  }

  /** Runs a command line and returns its exit code, for spark-submit's main and for tests. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return Main.wire(new CommandLine(new MyelinSpark()), out, err).execute(args);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = execute(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
