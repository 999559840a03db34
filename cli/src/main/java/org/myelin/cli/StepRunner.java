package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.core.data.CellData;
import org.myelin.core.matrix.CountCsrBlock;
import org.myelin.core.parallel.Parallel;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;
import org.myelin.io.CellDataIO;
import org.myelin.io.MalformedFileException;
import org.myelin.io.UnsupportedFileException;
import org.myelin.io.h5ad.H5adWriter;
import org.myelin.io.table.TableWriter;
import picocli.CommandLine;

/**
 * What every analysis command does around its steps: check every option, the output and the
 * input before any work; read the input; run the steps in order; write the output, the tables and
 * the provenance record; print one summary line on stderr.
 */
final class StepRunner {

  /** What the running command is doing, for the out-of-memory message: "umap on 100000 cells x 2000 genes". */
  private static volatile String activity;

  private StepRunner() {}

  static String activity() {
    return activity;
  }

  /**
   * Where the tables go: every table into {@code dir} as NAME.tsv (when not null), and single
   * tables to the files of {@code files} (table name to file).
   */
  record Tables(Path dir, Map<String, Path> files) {
    static final Tables NONE = new Tables(null, Map.of());
  }

  /** Tables made from the final data (obs and var in {@code run}), beside the steps' own. */
  interface Final {
    Map<String, ToolResult.Table> tables(CellData data);
  }

  /** What a pipeline does with the data once read, before the first step (presets by modality). */
  interface Prepare {
    void prepare(CellData data, Log log);
  }

  /**
   * What a pipeline writes once the result and its tables are written (figures, a report): returns
   * the files it wrote. {@code record} gives the provenance record, outputs so far and these included.
   */
  interface Finish {
    List<Path> finish(CellData result, Log log, java.util.function.Function<List<Path>, Map<String, Object>> record);
  }

  /** A single-step command: the step's log lines carry the command's name. */
  static int run(CommandLine.Model.CommandSpec spec, StepArgs args, Step step, Tables tables) {
    return run(spec, args, List.of(step), tables, List.of(), data -> Map.of(), false, (data, log) -> { }, null);
  }

  /**
   * Runs {@code steps} in order. With {@code pipeline}, steps whose {@link Step#skipReason} speaks
   * are skipped with one line, and each step's time is logged.
   *
   * @param finalTableNames names of the tables {@code finalTables} makes, checked before any work
   */
  static int run(CommandLine.Model.CommandSpec spec, StepArgs args, List<Step> steps, Tables tables,
      List<String> finalTableNames, Final finalTables, boolean pipeline, Prepare prepare, Finish finish) {
    long start = System.nanoTime();
    HeapPeak.watch();
    Log log = args.common.log(spec.commandLine().getErr());
    String command = spec.qualifiedName().replaceFirst("^myelin ", "");
    for (Step s : steps) {
      s.check();
    }
    CellDataIO.Format format = args.checkOutput(pipeline);
    List<String> names = new ArrayList<>(finalTableNames);
    steps.forEach(s -> names.addAll(s.tableNames()));
    checkTables(tables, names, args.outputOptions);
    args.checkInput();
    List<Path> outputs = new ArrayList<>(List.of(args.out));
    Map<String, ToolResult.Table> made = new LinkedHashMap<>();
    CellData result;
    // In run, an h5ad's X and layers are written on a thread of their own from the moment no step left
    // changes them, on the cores the steps leave idle (with --threads 1 the user asked for one core).
    boolean early = pipeline && (format != null ? format : CellDataIO.outputFormat(args.out)) == CellDataIO.Format.H5AD;
    int lastChange = -1;
    for (int i = 0; i < steps.size(); i++) {
      lastChange = steps.get(i).changesMatrices() ? i : lastChange;
    }
    H5adWriter.Started started = null;
    try (Parallel parallel = args.common.parallel()) {
      // No local holds the input: a step that replaces the container (filtering) lets the old one go.
      activity = "reading " + args.input;
      long tr = System.nanoTime();
      CellData d = args.read(parallel, new ProgressReporter(log, command));
      if (pipeline) {
        log.info("run", "read done in %.2f s (%d cells x %d genes, %,d non-zeros; X takes %.2f GB in memory%s)",
            (System.nanoTime() - tr) / 1e9, d.nObs(), d.nVars(), d.x().nnz(), d.x().storageBytes() / 1e9,
            d.x().blocks().stream().anyMatch(b -> b instanceof CountCsrBlock) ? ", counts held compactly" : "");
      }
      prepare.prepare(d, log);
      for (int i = -1; i < steps.size(); i++) { // i = -1: before the first step, for steps that change nothing
        if (i >= 0) {
          d = apply(steps.get(i), d, args, command, pipeline, parallel, log, made);
        }
        if (early && i == lastChange && parallel.threads() > 1) {
          createParent(args.out);
          started = H5adWriter.start(d, args.out, args.outputOptions.force, args.compression(), parallel);
        }
      }
      result = d;
      activity = "writing " + args.out + " (" + result.nObs() + " cells x " + result.nVars() + " genes)";
      createParent(args.out);
      long tw = System.nanoTime();
      String background = "";
      if (started != null && started.holdsMatricesOf(result)) {
        double beside = started.fractionWritten();
        started.finish(result, parallel);
        background = String.format(Locale.ROOT, "; %.0f%% of X and layers written beside the steps", 100 * beside);
      } else {
        if (started != null) {
          started.close();
        }
        CellDataIO.write(result, args.out, format, args.outputOptions.force, parallel,
            new ProgressReporter(log, command), args.compression());
      }
      Map<String, ToolResult.Table> all = new LinkedHashMap<>(finalTables.tables(result));
      all.putAll(made);
      outputs.addAll(writeTables(tables, all, args.outputOptions.force));
      if (pipeline) {
        log.info("run", "write done in %.2f s (%s, %,d bytes, %s%s)", (System.nanoTime() - tw) / 1e9, args.out,
            sizeOf(args.out), args.compression(), background);
      }
    } finally {
      if (started != null) {
        started.close(); // a failed step: the background write stops and its file goes
      }
    }
    List<Path> inputs = args.inputOptions.coords == null ? List.of(args.input)
        : List.of(args.input, args.inputOptions.coords);
    if (finish != null) {
      activity = "drawing the figures";
      List<Path> so = List.copyOf(outputs);
      outputs.addAll(finish.finish(result, log, more -> {
        List<Path> all = new ArrayList<>(so);
        all.addAll(more);
        return Provenance.record(spec, inputs, all, start);
      }));
    }
    Provenance.write(spec, inputs, outputs, start, true);
    log.info(command, "wrote %s (%d cells x %d genes) in %.1f s; peak heap %.2f GB", args.out, result.nObs(),
        result.nVars(), (System.nanoTime() - start) / 1e9, HeapPeak.bytes() / 1e9);
    return 0;
  }

  /** One step: skipped with one line in a pipeline when it does not apply; timed in a pipeline. */
  private static CellData apply(Step s, CellData d, StepArgs args, String command, boolean pipeline, Parallel parallel,
      Log log, Map<String, ToolResult.Table> made) {
    String source = pipeline ? s.name() : command;
    if (pipeline) {
      String why = s.skipReason(d);
      if (why != null) {
        log.info("run", s.name() + " skipped: " + why);
        return d;
      }
    }
    long t0 = System.nanoTime();
    activity = s.name() + " on " + d.nObs() + " cells x " + d.nVars() + " genes";
    ToolResult r;
    try (Parallel.Stretch stretch = s.memoryBound() ? parallel.memoryBound() : null) {
      r = s.apply(d, new ToolContext(parallel, args.common.seed, line -> log.info(source, line),
          new ProgressReporter(log, source)));
    } catch (IllegalArgumentException e) {
      // What the data cannot give (a missing column, counts already normalised) names the input.
      throw new DataException(args.input + ": " + e.getMessage(), e);
    }
    made.putAll(r.tables());
    if (pipeline) {
      log.info("run", "%s done in %.2f s", s.name(), (System.nanoTime() - t0) / 1e9);
    }
    return r.data();
  }

  private static long sizeOf(Path p) {
    try {
      if (Files.isDirectory(p)) {
        try (var files = Files.walk(p)) {
          return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
      }
      return Files.size(p);
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  /** Makes the folder an output goes into, when it is missing. */
  static void createParent(Path out) {
    Path parent = out.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (java.io.IOException e) {
      throw new MalformedFileException(parent, null, "cannot create the folder (" + e.getMessage() + ")");
    }
  }

  /** Refuses, before any work, tables that exist (without --force) or a folder that cannot be made. */
  static void checkTables(Tables tables, List<String> names, OutputOptions output) {
    if (tables.dir() != null) {
      if (Files.exists(tables.dir()) && !Files.isDirectory(tables.dir())) {
        throw new UnsupportedFileException(tables.dir(), null, "--tables must name a folder, and this is a file");
      }
      output.checkFolder(tables.dir());
      for (String name : names) {
        output.checkWritable(tables.dir().resolve(name + ".tsv"));
      }
    }
    for (Path file : tables.files().values()) {
      if (TableWriter.formatOf(file) == null) {
        throw new UnsupportedFileException(file, null, "unknown table format; use .tsv, .csv or .arrow");
      }
      output.checkWritable(file);
    }
  }

  /** Writes the tables made; returns the files written. */
  static List<Path> writeTables(Tables tables, Map<String, ToolResult.Table> made, boolean force) {
    List<Path> out = new ArrayList<>();
    if (tables.dir() != null) {
      try {
        Files.createDirectories(tables.dir());
      } catch (java.io.IOException e) {
        throw new MalformedFileException(tables.dir(), null, "cannot create the folder (" + e.getMessage() + ")");
      }
      for (Map.Entry<String, ToolResult.Table> t : made.entrySet()) {
        Path p = tables.dir().resolve(t.getKey() + ".tsv");
        TableWriter.write(t.getValue().frame(), t.getValue().indexName(), p, force);
        out.add(p);
      }
    }
    for (Map.Entry<String, Path> f : tables.files().entrySet()) {
      ToolResult.Table t = made.get(f.getKey());
      if (t != null) {
        TableWriter.write(t.frame(), t.indexName(), f.getValue(), force);
        out.add(f.getValue());
      }
    }
    return out;
  }

  /** A step refused the data it was given; the message names the input. */
  static final class DataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    DataException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
