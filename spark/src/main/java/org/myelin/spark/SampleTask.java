package org.myelin.spark;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.myelin.cli.Main;
import org.myelin.core.cohort.CohortAnalysis;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.QcMetrics;
import org.myelin.core.score.ScoreTool;
import org.myelin.core.table.Column;
import org.myelin.core.table.DoubleColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.Groups;
import org.myelin.core.table.IntColumn;
import org.myelin.io.AtomicOutput;
import org.myelin.io.CellDataIO;

/**
 * One sample of a cohort, run on an executor: {@code myelin run} on its file with the job's run
 * options (so its result is byte for byte what {@code myelin run} writes), the result copied beside
 * the others, and what the cohort needs of it taken (the analysis's sample, the QC metrics, the
 * scores' summaries). A failure is thrown while Spark has attempts left, so Spark runs the task
 * again; on the last attempt it is returned, named, and the other samples go on.
 *
 * @param runArgs options given to {@code myelin run} after INPUT -o OUT
 * @param attempts how many times Spark runs a failing task
 */
record SampleTask(String sample, String file, String samplesFolder, List<String> runArgs, int threads, int attempts,
    CohortAnalysis.Options options) implements Serializable {

  /**
   * What came of one sample.
   *
   * @param error why it failed on its last attempt, or null
   * @param qcColumns the per-cell QC metrics, each true when it counts (whole numbers)
   * @param qc the result's per-cell QC metrics (double[] or long[] per column)
   * @param scores per cell type and score column: cell type, signature, method, cells, mean, median
   */
  record Outcome(String sample, int attempts, String error, double seconds, int cells, CohortAnalysis.Sample taken,
      LinkedHashMap<String, Boolean> qcColumns, String[] cellNames, LinkedHashMap<String, Object> qc,
      List<Object[]> scores) implements Serializable {

    boolean ok() {
      return error == null;
    }

    /** What the driver needs: all but the per-cell QC and score tables, which stay where they were made. */
    Outcome brief() {
      return new Outcome(sample, attempts, error, seconds, cells, taken, qcColumns, null, null, null);
    }
  }

  Outcome run() {
    TaskContext task = TaskContext.get();
    int attempt = task == null ? 0 : task.attemptNumber();
    long t0 = System.nanoTime();
    try {
      return runOnce(attempt, t0);
    } catch (Exception | OutOfMemoryError e) {
      if (attempt + 1 < attempts) {
        throw new IllegalStateException("sample " + sample + ": " + e.getMessage(), e);
      }
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      return new Outcome(sample, attempt + 1, why, (System.nanoTime() - t0) / 1e9, 0, null, null, null, null, null);
    }
  }

  private Outcome runOnce(int attempt, long t0) throws Exception {
    HadoopFiles files = new HadoopFiles(hadoopConf());
    Path scratch = Files.createTempDirectory("myelin-" + sample.replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
    try {
      Path input = files.local(new org.apache.hadoop.fs.Path(file), Files.createDirectory(scratch.resolve("input")));
      Path result = scratch.resolve(sample + ".h5ad");
      List<String> args = new ArrayList<>(List.of("run", input.toString(), "-o", result.toString()));
      if (!runArgs.contains("--threads") && runArgs.stream().noneMatch(a -> a.startsWith("--threads="))) {
        args.addAll(List.of("--threads", Integer.toString(threads)));
      }
      args.addAll(runArgs);
      StringWriter err = new StringWriter();
      int code = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err))
          .execute(args.toArray(String[]::new));
      if (code != 0) {
        String[] lines = err.toString().strip().split("\n");
        throw new IllegalStateException("myelin run exited " + code + ": " + lines[lines.length - 1]
            .replaceFirst("^myelin: error: ", ""));
      }
      org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(samplesFolder);
      files.upload(result, new org.apache.hadoop.fs.Path(folder, sample + ".h5ad"));
      Path provenance = scratch.resolve(sample + ".h5ad.provenance.json");
      if (Files.exists(provenance)) {
        files.upload(provenance, new org.apache.hadoop.fs.Path(folder, sample + ".h5ad.provenance.json"));
      }
      CellData data;
      try (Parallel parallel = new Parallel(threads)) {
        data = CellDataIO.read(result, CellDataIO.ReadOptions.DEFAULT, parallel);
      }
      CohortAnalysis.Sample taken = CohortAnalysis.extract(sample, data, options);
      LinkedHashMap<String, Object> qc = qc(data.obs());
      LinkedHashMap<String, Boolean> qcColumns = new LinkedHashMap<>();
      qc.forEach((name, values) -> qcColumns.put(name, values instanceof long[]));
      return new Outcome(sample, attempt + 1, null, (System.nanoTime() - t0) / 1e9, data.nObs(), taken, qcColumns,
          data.obs().index(), qc, scoreSummaries(data.obs(), options.features().cellTypeKey()));
    } finally {
      deleteTree(scratch);
    }
  }

  /** The per-cell QC metrics of obs, in obs's order. */
  private static LinkedHashMap<String, Object> qc(Frame obs) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Column> c : obs.columns().entrySet()) {
      if (QcMetrics.isCellMetric(c.getKey())) {
        if (c.getValue() instanceof DoubleColumn d) {
          out.put(c.getKey(), d.values());
        } else if (c.getValue() instanceof IntColumn i) {
          out.put(c.getKey(), i.values());
        }
      }
    }
    return out;
  }

  /** Each score column's cells, mean and median per cell type (all cells when obs has no types). */
  private static List<Object[]> scoreSummaries(Frame obs, String cellTypeKey) {
    List<Object[]> rows = new ArrayList<>();
    Groups types = obs.has(cellTypeKey) ? Groups.of(obs, cellTypeKey, "cell types") : null;
    for (Map.Entry<String, Column> c : obs.columns().entrySet()) {
      String suffix = ScoreTool.SCORE_SUFFIXES.stream().filter(s -> c.getKey().endsWith(s)).findFirst().orElse(null);
      if (suffix == null || !(c.getValue() instanceof DoubleColumn d)) {
        continue;
      }
      String signature = c.getKey().substring(0, c.getKey().length() - suffix.length());
      String method = suffix.substring(1);
      int nTypes = types == null ? 1 : types.labels().length;
      for (int t = 0; t < nTypes; t++) {
        double[] v = select(d.values(), types == null ? null : types.codes(), t);
        rows.add(new Object[] {types == null ? "all" : types.labels()[t], signature, method, (long) v.length,
            mean(v), median(v)});
      }
    }
    return rows;
  }

  private static double[] select(double[] v, int[] codes, int code) {
    if (codes == null) {
      return v.clone();
    }
    int n = 0;
    for (int c : codes) {
      n += c == code ? 1 : 0;
    }
    double[] out = new double[n];
    for (int i = 0, k = 0; i < v.length; i++) {
      if (codes[i] == code) {
        out[k++] = v[i];
      }
    }
    return out;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  private static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  /** The cluster's Hadoop configuration, with the spark.hadoop.* settings of the job. */
  static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    SparkEnv env = SparkEnv.get();
    if (env != null) {
      for (scala.Tuple2<String, String> kv : env.conf().getAll()) {
        if (kv._1().startsWith("spark.hadoop.")) {
          conf.set(kv._1().substring("spark.hadoop.".length()), kv._2());
        }
      }
    }
    return conf;
  }

  static void deleteTree(Path dir) {
    try {
      AtomicOutput.deleteRecursively(dir);
    } catch (java.io.IOException e) {
      // Scratch space left behind is the executor's to clean; the result is already copied.
    }
  }
}
