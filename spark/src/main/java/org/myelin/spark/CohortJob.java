package org.myelin.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.myelin.cli.CohortOptions;
import org.myelin.cli.Main;
import org.myelin.cli.SampleSheet;
import org.myelin.core.cohort.CohortAnalysis;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.tool.ToolContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code myelin-spark cohort}: each sample of a sheet through {@code myelin run} as one Spark task,
 * then the cohort question ({@link CohortAnalysis}, as {@code myelin cohort} asks it) on the driver.
 */
@Command(name = "cohort", mixinStandardHelpOptions = true,
    description = "Run every sample of a sample sheet through myelin run as one Spark task each (the same options, "
        + "the same result byte for byte), then ask the cohort question of the results as myelin cohort does. "
        + "OUT holds samples/SAMPLE.h5ad, the Parquet datasets qc/ (per-cell QC metrics), scores/ (each score "
        + "column's cells, mean and median per cell type) and features/ (the per-sample features), all partitioned "
        + "by sample; cohort/ (myelin cohort's tables, figures and report) and summary.tsv (each sample's status, "
        + "attempts, cells and time). A sample that fails is run again by Spark, then named in summary.tsv; the "
        + "others go on. OUT appears only when the job is done.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin-spark cohort samples.csv --out cohort/ --master 'local[4]'",
        "  spark-submit --class org.myelin.spark.MyelinSpark myelin-spark.jar cohort hdfs:///trial/samples.csv "
            + "--out hdfs:///trial/cohort --run-options '--steps qc,normalize,score --seed 1'"})
final class CohortJob implements Callable<Integer> {

  @Parameters(paramLabel = "SHEET", description = "Sample sheet (CSV or TSV) on any Hadoop path: sample, file "
      + "(relative to the sheet) and the clinical columns.")
  String sheet;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Output folder (Hadoop path).")
  String out;

  @Option(names = "--run-options", paramLabel = "OPTIONS",
      description = "Options of myelin run for every sample, as one string split at spaces (e.g. '--steps "
          + "qc,normalize,score'); options that name other output files (--tables, --report, --figures) are refused.")
  String runOptions = "";

  @Mixin
  CohortOptions cohort;

  @Mixin
  SparkOptions spark;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  // Set once the job starts, for the steps below.
  private SparkSession session;
  private HadoopFiles files;
  private PrintWriter err;
  private org.apache.hadoop.fs.Path sheetPath;
  private SampleSheet read;
  private CohortAnalysis.Options options;
  private int threads;
  private Path scratch;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    err = spec.commandLine().getErr();
    List<String> runArgs = runArguments(runOptions);
    try (SparkSession s = spark.session("myelin-spark cohort")) {
      session = s;
      files = new HadoopFiles(session.sparkContext().hadoopConfiguration());
      sheetPath = files.qualify(sheet);
      if (!files.isFile(sheetPath)) {
        throw new IllegalArgumentException(sheet + ": no such sample sheet");
      }
      org.apache.hadoop.fs.Path outPath = files.qualify(out);
      files.checkWritable(outPath, spark.force);
      scratch = Files.createTempDirectory("myelin-spark-cohort-");
      try {
        read = SampleSheet.read(files.local(sheetPath, scratch));
        threads = spark.threads(session);
        options = cohort.analysis(read.columns(), threads, line -> spark.info(err, "cohort", line));
        CohortAnalysis.check(read.samples().toArray(String[]::new), read.columns(), options);
        String summary = files.writeAtomically(outPath, session.sparkContext().applicationId(), spark.force,
            tmp -> run(runArgs, tmp));
        spark.info(err, "cohort", String.format(java.util.Locale.ROOT, "%s; wrote %s in %.1f s", summary, out,
            (System.nanoTime() - start) / 1e9));
      } finally {
        SampleTask.deleteTree(scratch);
      }
    }
    return 0;
  }

  /** Runs the samples; the outcomes stay on the executors until every output is written. */
  private String run(List<String> runArgs, org.apache.hadoop.fs.Path tmp) throws Exception {
    int attempts = SparkOptions.attempts(session);
    org.apache.hadoop.fs.Path samplesFolder = new org.apache.hadoop.fs.Path(tmp, "samples");
    files.mkdirs(samplesFolder);
    List<SampleTask> tasks = new ArrayList<>();
    for (int i = 0; i < read.samples().size(); i++) {
      String file = new org.apache.hadoop.fs.Path(sheetPath.getParent(), read.files().get(i)).toString();
      tasks.add(new SampleTask(read.samples().get(i), file, samplesFolder.toString(), runArgs, threads, attempts,
          options));
    }
    spark.info(err, "cohort", String.format(java.util.Locale.ROOT, "%d samples on %s, %d thread(s) a task, %d "
        + "attempt(s) each", tasks.size(), session.sparkContext().master(), threads, attempts));
    JavaRDD<SampleTask.Outcome> ran = JavaSparkContext.fromSparkContext(session.sparkContext())
        .parallelize(tasks, tasks.size()).map(SampleTask::run).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return write(ran, tmp);
    } finally {
      ran.unpersist(false);
    }
  }

  /**
   * Collects what the cohort statistics need, asks the cohort question, and writes every output;
   * the per-cell tables go from the executors straight into Parquet.
   */
  private String write(JavaRDD<SampleTask.Outcome> ran, org.apache.hadoop.fs.Path tmp) throws Exception {
    List<SampleTask.Outcome> outcomes = ran.map(SampleTask.Outcome::brief).collect();
    List<SampleTask.Outcome> ok = outcomes.stream().filter(SampleTask.Outcome::ok).toList();
    for (SampleTask.Outcome o : outcomes) {
      spark.info(err, "cohort", o.ok()
          ? String.format(java.util.Locale.ROOT, "sample %s: %d cells in %.1f s", o.sample(), o.cells(), o.seconds())
          : "sample " + o.sample() + " failed after " + o.attempts() + " attempt(s): " + o.error());
    }
    if (ok.size() < 2) {
      throw new IllegalArgumentException(sheet + ": " + ok.size() + " of " + outcomes.size() + " samples ran; the "
          + "cohort needs two or more (" + failures(outcomes) + ")");
    }
    String[] samples = ok.stream().map(SampleTask.Outcome::sample).toArray(String[]::new);
    CohortAnalysis.Result result;
    try (Parallel parallel = new Parallel(threads)) {
      ToolContext ctx = new ToolContext(parallel, spark.seed, line -> spark.info(err, "cohort", line));
      result = CohortAnalysis.analyse(samples, keep(read.columns(), read.samples(), samples),
          ok.stream().map(SampleTask.Outcome::taken).toList(), options, ctx);
    }
    result.notes().forEach(n -> spark.info(err, "cohort", n));
    Path local = scratch.resolve("cohort");
    cohort.write(result, "myelin cohort: " + sheetPath.getName(), local);
    files.upload(local, new org.apache.hadoop.fs.Path(tmp, "cohort"));

    Parquet.write(session, Parquet.frame(result.features(), "sample"), new org.apache.hadoop.fs.Path(tmp, "features"));
    JavaRDD<SampleTask.Outcome> good = ran.filter(SampleTask.Outcome::ok);
    Map<String, Boolean> qcColumns = ok.get(0).qcColumns();
    Parquet.write(session.createDataFrame(good.flatMap(o -> qcRows(o, qcColumns.keySet())), qcSchema(qcColumns)),
        "sample", new org.apache.hadoop.fs.Path(tmp, "qc"));
    Parquet.write(session.createDataFrame(good.flatMap(CohortJob::scoreRows), SCORES), "sample",
        new org.apache.hadoop.fs.Path(tmp, "scores"));
    Path summary = scratch.resolve("summary.tsv");
    Files.writeString(summary, summary(outcomes));
    files.upload(summary, new org.apache.hadoop.fs.Path(tmp, "summary.tsv"));
    return String.format(java.util.Locale.ROOT, "%d of %d samples, %d features, %d DE rows%s", ok.size(),
        outcomes.size(), result.association().nRows(), result.de().nRows(),
        ok.size() < outcomes.size() ? " (failed: " + failures(outcomes) + ")" : "");
  }

  /** The run options as arguments, checked by myelin run's own parser before any task starts. */
  static List<String> runArguments(String options) {
    List<String> args = options.isBlank() ? List.of() : Arrays.asList(options.strip().split("\\s+"));
    for (String a : args) {
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (List.of("-o", "--out", "--tables", "--report", "--figures").contains(name)) {
        throw new IllegalArgumentException("Invalid --run-options: " + name + " names an output of its own; the job "
            + "writes each sample's result into OUT/samples");
      }
    }
    List<String> probe = new ArrayList<>(List.of("run", "IN.h5ad", "-o", "OUT.h5ad"));
    probe.addAll(args);
    try {
      Main.commandLine(new PrintWriter(java.io.Writer.nullWriter()), new PrintWriter(java.io.Writer.nullWriter()))
          .parseArgs(probe.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException("Invalid --run-options: " + e.getMessage(), e);
    }
    return args;
  }

  private static Map<String, String[]> keep(Map<String, String[]> columns, List<String> all, String[] kept) {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (var c : columns.entrySet()) {
      String[] v = new String[kept.length];
      for (int i = 0; i < kept.length; i++) {
        v[i] = c.getValue()[all.indexOf(kept[i])];
      }
      out.put(c.getKey(), v);
    }
    return out;
  }

  private static String failures(List<SampleTask.Outcome> outcomes) {
    return String.join("; ", outcomes.stream().filter(o -> !o.ok()).map(o -> o.sample() + ": " + o.error()).toList());
  }

  private static String summary(List<SampleTask.Outcome> outcomes) {
    StringBuilder s = new StringBuilder("sample\tstatus\tattempts\tcells\tseconds\tmessage\n");
    for (SampleTask.Outcome o : outcomes) {
      s.append(o.sample()).append('\t').append(o.ok() ? "ok" : "failed").append('\t').append(o.attempts())
          .append('\t').append(o.cells()).append('\t').append(String.format(java.util.Locale.ROOT, "%.1f", o.seconds()))
          .append('\t').append(o.ok() ? "" : o.error().replace('\t', ' ').replace('\n', ' ')).append('\n');
    }
    return s.toString();
  }

  /** The per-cell QC table: sample, cell, then the metrics (the first sample's columns). */
  private static StructType qcSchema(Map<String, Boolean> columns) {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField("sample", DataTypes.StringType, false),
        DataTypes.createStructField("cell", DataTypes.StringType, false)));
    for (var c : columns.entrySet()) {
      fields.add(DataTypes.createStructField(c.getKey(), c.getValue() ? DataTypes.LongType : DataTypes.DoubleType,
          true));
    }
    return DataTypes.createStructType(fields);
  }

  private static Iterator<Row> qcRows(SampleTask.Outcome o, java.util.Set<String> columns) {
    List<Row> rows = new ArrayList<>(o.cells());
    for (int i = 0; i < o.cells(); i++) {
      Object[] r = new Object[columns.size() + 2];
      r[0] = o.sample();
      r[1] = o.cellNames()[i];
      int k = 2;
      for (String name : columns) {
        Object v = o.qc().get(name);
        r[k++] = v instanceof long[] l ? (Object) l[i] : v instanceof double[] d ? (Object) d[i] : null;
      }
      rows.add(RowFactory.create(r));
    }
    return rows.iterator();
  }

  private static final StructType SCORES = DataTypes.createStructType(List.of(
      DataTypes.createStructField("sample", DataTypes.StringType, false),
      DataTypes.createStructField("cell_type", DataTypes.StringType, false),
      DataTypes.createStructField("signature", DataTypes.StringType, false),
      DataTypes.createStructField("method", DataTypes.StringType, false),
      DataTypes.createStructField("n_cells", DataTypes.LongType, false),
      DataTypes.createStructField("mean", DataTypes.DoubleType, true),
      DataTypes.createStructField("median", DataTypes.DoubleType, true)));

  private static Iterator<Row> scoreRows(SampleTask.Outcome o) {
    List<Row> rows = new ArrayList<>();
    for (Object[] r : o.scores()) {
      Object[] full = new Object[r.length + 1];
      full[0] = o.sample();
      System.arraycopy(r, 0, full, 1, r.length);
      rows.add(RowFactory.create(full));
    }
    return rows.iterator();
  }
}
