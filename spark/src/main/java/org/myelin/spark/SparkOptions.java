package org.myelin.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Options both jobs share: where Spark runs, threads per task, replacing outputs, the log. */
public final class SparkOptions {

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, for running outside spark-submit (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--task-threads", paramLabel = "N",
      description = "Threads each task uses (default: spark.task.cpus, 1 unless the cluster sets it). Results do "
          + "not depend on it.")
  Integer taskThreads;

  @Option(names = "--force", description = "Replace outputs that exist.")
  boolean force;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed for every random draw, as myelin's --seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quiet", description = "Print nothing on stderr but errors.")
  boolean quiet;

  @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
  boolean stacktrace;

  /** The session: spark-submit's configuration, or a local one when there is none. */
  SparkSession session(String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (master != null) {
      b.master(master);
    } else if (!new SparkConf().contains("spark.master")) {
      b.master("local[*]");
    }
    SparkSession session = b.getOrCreate();
    if (quiet) {
      session.sparkContext().setLogLevel("ERROR");
    }
    return session;
  }

  /** Threads per task, checked. */
  int threads(SparkSession session) {
    int n = taskThreads != null ? taskThreads : session.sparkContext().getConf().getInt("spark.task.cpus", 1);
    if (n < 1) {
      throw new IllegalArgumentException("Invalid --task-threads: " + n + " (at least 1)");
    }
    return n;
  }

  /**
   * How many times Spark runs a failing task before giving up: the N of local[T,N] (1 in other local
   * modes), else spark.task.maxFailures.
   */
  static int attempts(SparkSession session) {
    String m = session.sparkContext().master();
    java.util.regex.Matcher local = java.util.regex.Pattern.compile("local\\[[^,\\]]+,\\s*(\\d+)\\]").matcher(m);
    if (local.matches()) {
      return Integer.parseInt(local.group(1));
    }
    if (m.startsWith("local")) {
      return 1;
    }
    return session.sparkContext().getConf().getInt("spark.task.maxFailures", 4);
  }

  /** One log line on stderr, unless --quiet. */
  void info(java.io.PrintWriter err, String job, String message) {
    if (!quiet) {
      err.println("myelin-spark " + job + ": " + message);
      err.flush();
    }
  }
}
