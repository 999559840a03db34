package org.myelin.spark;

import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.myelin.cli.ScoreOptions;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.pp.QcMetrics;
import org.myelin.core.score.GeneStats;
import org.myelin.core.table.Column;
import org.myelin.core.table.Frame;
import org.myelin.core.tool.ToolContext;
import org.myelin.io.BackedCells;
import org.myelin.io.BackedScores;
import org.myelin.io.CellDataIO;
import org.myelin.io.Concat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code myelin-spark score}: an atlas (an h5ad or 10x HDF5 file, or a folder of them) scored by row
 * ranges on executors, each range read block by block from the file ({@link BackedCells}); per-cell
 * QC metrics and signature scores as one Parquet table of cells, equal to {@code myelin score}'s
 * (and {@code myelin qc}'s) on the same file. Methods that need gene statistics over every cell get
 * them in a first pass whose chunks are folded in the file's order ({@link GeneStats}).
 */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Score gene signatures (and the QC metrics, when X holds counts) in every cell of an atlas: an h5ad "
        + "or 10x HDF5 file, or a folder of them, split into row ranges read in parallel by the executors. Writes a "
        + "Parquet table of cells (cell, file for a folder, the QC metrics, one column per set and method) whose "
        + "values equal myelin score's and myelin qc's on the same file. The atlas must be readable as a local file "
        + "on every executor (a local path, or a shared file system mounted on each node).",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin-spark score atlas.h5ad --signatures builtin --out scores.parquet --master 'local[8]'",
        "  spark-submit --class org.myelin.spark.MyelinSpark myelin-spark.jar score /shared/atlas/ --score-method "
            + "ucell,aucell --out hdfs:///atlas/scores.parquet"})
final class ScoreJob implements Callable<Integer> {

  @Parameters(paramLabel = "ATLAS", description = "An h5ad or 10x HDF5 file, or a folder of .h5ad files.")
  String atlas;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
      description = "The Parquet table of cells (a folder of part files; any Hadoop path).")
  String out;

  @Option(names = "--ranges", paramLabel = "N",
      description = "Row ranges per file (default: Spark's default parallelism, at least one per 250,000 cells).")
  int ranges;

  @Option(names = "--no-qc", negatable = true, description = "Leave out the QC metrics (default: written when X "
      + "holds counts).")
  boolean qc = true;

  @Mixin
  ScoreOptions score;

  @Mixin
  SparkOptions spark;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** One row range of one file, with what scoring it needs. */
  record Range(String path, int from, int to, GeneStats stats, boolean qc, int threads, long seed,
      String[] scoreArgs) implements Serializable {}

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> inputs = inputs(atlas);
    if (ranges < 0) {
      throw new IllegalArgumentException("Invalid --ranges: " + ranges + " (0 for the default, or a count)");
    }
    String[] scoreArgs = scoreArguments();
    try (SparkSession session = spark.session("myelin-spark score")) {
      HadoopFiles files = new HadoopFiles(session.sparkContext().hadoopConfiguration());
      org.apache.hadoop.fs.Path outPath = files.qualify(out);
      files.checkWritable(outPath, spark.force);
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
      int threads = spark.threads(session);
      List<Range> all = new ArrayList<>();
      List<String> columns = null;
      boolean withQc = false;
      for (int f = 0; f < inputs.size(); f++) {
        Path input = inputs.get(f);
        BackedScores.Setup setup;
        int n;
        List<String> names;
        try (BackedCells cells = BackedCells.open(input, CellDataIO.ReadOptions.DEFAULT);
            Parallel one = new Parallel(1)) {
          setup = BackedScores.Setup.of(cells, score::forGenes,
              new ToolContext(one, spark.seed, line -> spark.info(err, "score", input.getFileName() + ": " + line)));
          n = cells.nObs();
          boolean fileQc = qc && setup.normalise();
          names = new ArrayList<>(fileQc ? qcColumns(cells) : List.of());
          Map<String, double[]> scored = setup.scoring().columns(0);
          setup.scoring().contrasts(scored);
          names.addAll(scored.keySet());
          if (f == 0) {
            withQc = fileQc;
            columns = names;
          } else if (!names.equals(columns)) {
            throw new IllegalArgumentException(input + ": its columns (" + String.join(", ", names) + ") differ from "
                + inputs.get(0).getFileName() + "'s; score files of the same genes together");
          }
        }
        int count = ranges > 0 ? ranges : Math.max(jsc.defaultParallelism(), (n + 249_999) / 250_000);
        List<int[]> cuts = cuts(n, count);
        GeneStats stats = null;
        if (setup.needsGeneStats()) {
          stats = geneStats(jsc, input, cuts, scoreArgs, threads);
        }
        for (int[] c : cuts) {
          all.add(new Range(input.toString(), c[0], c[1], stats, withQc, threads, spark.seed, scoreArgs));
        }
        spark.info(err, "score", String.format(java.util.Locale.ROOT, "%s: %d cells in %d ranges%s", input, n,
            cuts.size(), stats == null ? "" : ", gene statistics from a first pass"));
      }
      boolean named = inputs.size() > 1;
      StructType schema = schema(columns, withQc, named);
      JavaRDD<Row> rows = jsc.parallelize(all, Math.max(1, all.size())).flatMap(r -> rows(r, named));
      files.writeAtomically(outPath, session.sparkContext().applicationId(), spark.force, tmp -> {
        Parquet.write(session.createDataFrame(rows, schema), null, tmp);
        return "";
      });
      spark.info(err, "score", String.format(java.util.Locale.ROOT, "%d ranges, %d columns; wrote %s in %.1f s",
          all.size(), schema.fields().length, out, (System.nanoTime() - start) / 1e9));
    }
    return 0;
  }

  /** The score options as given on the command line, for the executors to read the same way. */
  private String[] scoreArguments() {
    List<String> args = new ArrayList<>();
    for (CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      if (spec.mixins().get("score").options().contains(o)) {
        for (String v : o.originalStringValues()) {
          args.add(o.longestName() + "=" + v);
        }
      }
    }
    return args.toArray(String[]::new);
  }

  /** The atlas's files: itself, or a folder's .h5ad files in name order. */
  static List<Path> inputs(String atlas) {
    Path p;
    try {
      p = atlas.contains(":/") ? Path.of(java.net.URI.create(atlas)) : Path.of(atlas);
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw new IllegalArgumentException(atlas + ": the atlas must be a local path on every executor (a shared file "
          + "system), not " + atlas.substring(0, atlas.indexOf(':')) + ":");
    }
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.list(p)) {
        List<Path> files = s.filter(f -> f.getFileName().toString().endsWith(".h5ad")).sorted().toList();
        if (files.isEmpty()) {
          throw new IllegalArgumentException(atlas + ": no .h5ad file in this folder");
        }
        return files;
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(atlas + ": cannot list the folder (" + e.getMessage() + ")", e);
      }
    }
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(atlas + ": no such file or folder");
    }
    return List.of(p.toAbsolutePath());
  }

  /** Row ranges starting at multiples of GeneStats' chunk, so the statistics fold as one pass makes them. */
  static List<int[]> cuts(int n, int count) {
    List<int[]> out = new ArrayList<>();
    int chunk = GeneStats.CHUNK_CELLS;
    long chunks = (n + (long) chunk - 1) / chunk;
    int prev = 0;
    for (int k = 1; k <= count && prev < n; k++) {
      int next = k == count ? n : (int) Math.min(n, chunks * k / count * chunk);
      if (next > prev) {
        out.add(new int[] {prev, next});
        prev = next;
      }
    }
    return out;
  }

  /**
   * The first pass: each range's chunks, summed on the executors at once, then brought to the driver
   * one range at a time and folded in the file's order (the driver holds one range's chunks, not
   * the whole atlas's).
   */
  private static GeneStats geneStats(JavaSparkContext jsc, Path input, List<int[]> cuts, String[] scoreArgs,
      int threads) {
    List<Range> tasks = cuts.stream().map(c -> new Range(input.toString(), c[0], c[1], null, false, threads, 0,
        scoreArgs)).toList();
    JavaRDD<List<GeneStats.Chunk>> parts = jsc.parallelize(tasks, tasks.size()).map(ScoreJob::chunks)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      parts.count();
      GeneStats total = null;
      for (Iterator<List<GeneStats.Chunk>> it = parts.toLocalIterator(); it.hasNext(); ) {
        for (GeneStats.Chunk c : it.next()) {
          if (total == null) {
            total = new GeneStats(c.sum().length);
          }
          total.fold(c);
        }
      }
      return total;
    } finally {
      parts.unpersist(false);
    }
  }

  private static List<GeneStats.Chunk> chunks(Range r) {
    try (BackedCells cells = BackedCells.open(Path.of(r.path()), CellDataIO.ReadOptions.DEFAULT);
        Parallel parallel = new Parallel(r.threads())) {
      BackedScores.Setup setup = setup(cells, r, parallel);
      return new ArrayList<>(BackedScores.statsOfRows(cells, r.from(), r.to(), setup, parallel));
    }
  }

  private static BackedScores.Setup setup(BackedCells cells, Range r, Parallel parallel) {
    ScoreOptions options = new ScoreOptions();
    new CommandLine(options).parseArgs(r.scoreArgs());
    return BackedScores.Setup.of(cells, options::forGenes, ToolContext.quiet(parallel, r.seed()));
  }

  /** A range's rows: cell (and file), QC metrics, scores; made as Spark takes them. */
  private static Iterator<Row> rows(Range r, boolean named) {
    Map<String, double[]> scores;
    List<Column> qc = new ArrayList<>();
    String[] names;
    try (BackedCells cells = BackedCells.open(Path.of(r.path()), CellDataIO.ReadOptions.DEFAULT);
        Parallel parallel = new Parallel(r.threads())) {
      BackedScores.Setup setup = setup(cells, r, parallel);
      scores = BackedScores.scoreRows(cells, r.from(), r.to(), setup, r.stats(), r.seed(), parallel);
      names = java.util.Arrays.copyOfRange(cells.obsNames(), r.from(), r.to());
      if (r.qc()) {
        // Piece by piece, as the scores were read: one stored block at a time.
        List<Frame> parts = new ArrayList<>();
        for (int[] p : cells.pieces(r.from(), r.to())) {
          parts.add(qcMetrics(cells, p[0], p[1], parallel));
        }
        for (String c : parts.get(0).columns().keySet()) {
          qc.add(Concat.stackColumn(parts.stream().map(f -> f.get(c)).toList(),
              parts.stream().mapToInt(Frame::nRows).toArray()));
        }
      }
    }
    String file = Path.of(r.path()).getFileName().toString();
    double[][] values = scores.values().toArray(double[][]::new);
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < names.length;
      }

      @Override
      public Row next() {
        Object[] v = new Object[1 + (named ? 1 : 0) + qc.size() + values.length];
        int k = 0;
        v[k++] = names[i];
        if (named) {
          v[k++] = file;
        }
        for (Column c : qc) {
          v[k++] = Parquet.value(c, i);
        }
        for (double[] s : values) {
          v[k++] = s[i];
        }
        i++;
        return RowFactory.create(v);
      }
    };
  }

  /** myelin qc's per-cell metrics of cells [from, to): each cell's own counts, nothing else. */
  private static Frame qcMetrics(BackedCells cells, int from, int to, Parallel parallel) {
    String[] names = java.util.Arrays.copyOfRange(cells.obsNames(), from, to);
    CellData part = new CellData(cells.rows(from, to), new Frame(names), cells.var().withIndex(cells.var().index()));
    QcMetrics.compute(part, new QcMetrics.Options(List.of("mt"), QcMetrics.DEFAULT_PERCENT_TOP, true), parallel);
    Frame out = new Frame(names);
    part.obs().columns().forEach((k, c) -> {
      if (QcMetrics.isCellMetric(k)) {
        out.put(k, c);
      }
    });
    return out;
  }

  private static List<String> qcColumns(BackedCells cells) {
    try (Parallel one = new Parallel(1)) {
      return new ArrayList<>(qcMetrics(cells, 0, Math.min(1, cells.nObs()), one).columns().keySet());
    }
  }

  private static StructType schema(List<String> columns, boolean withQc, boolean named) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("cell", DataTypes.StringType, false));
    if (named) {
      fields.add(DataTypes.createStructField("file", DataTypes.StringType, false));
    }
    for (String c : columns) {
      boolean count = withQc && c.equals("n_genes_by_counts");
      fields.add(DataTypes.createStructField(c, count ? DataTypes.LongType : DataTypes.DoubleType, true));
    }
    return DataTypes.createStructType(fields);
  }

}
