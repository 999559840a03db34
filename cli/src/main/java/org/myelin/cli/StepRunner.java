package org.myelin.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import org.myelin.core.data.CellData;
import org.myelin.core.parallel.Parallel;
import org.myelin.io.CellDataIO;
import picocli.CommandLine;

/**
 * What every analysis step command does around its step: check the output may be written, read
 * the input, run the step, write the output and its provenance record, and print one summary line
 * on stderr.
 */
final class StepRunner {

  private StepRunner() {}

  /** The step: the data in, the data out (the same container, changed, or a new one). */
  interface Step extends BiFunction<CellData, Parallel, CellData> {}

  /** Further outputs made from the result (tables beside the h5ad); returns the files written. */
  interface Extra extends BiFunction<CellData, Boolean, List<Path>> {}

  static int run(CommandLine.Model.CommandSpec spec, StepArgs args, Step step) {
    return run(spec, args, step, (data, force) -> List.of());
  }

  static int run(CommandLine.Model.CommandSpec spec, StepArgs args, Step step, Extra extra) {
    Path input = args.input;
    Path output = args.out;
    String to = args.to;
    InputOptions inputOptions = args.inputOptions;
    OutputOptions outputOptions = args.outputOptions;
    CommonOptions common = args.common;
    long start = System.nanoTime();
    CellDataIO.Format format = to == null ? CellDataIO.outputFormat(output) : CellDataIO.Format.fromCliName(to);
    outputOptions.checkWritable(output);
    CellData result;
    List<Path> outputs = new java.util.ArrayList<>(List.of(output));
    try (Parallel parallel = common.parallel()) {
      // No local holds the input: a step that replaces the container (filtering) lets the old one go.
      result = step.apply(CellDataIO.read(input, inputOptions.toReadOptions(), parallel), parallel);
      CellDataIO.write(result, output, format, outputOptions.force, parallel);
      outputs.addAll(extra.apply(result, outputOptions.force));
    }
    List<Path> inputs = inputOptions.coords == null ? List.of(input) : List.of(input, inputOptions.coords);
    Provenance.write(spec, inputs, outputs, start, true);
    spec.commandLine().getErr().printf("%s: wrote %s (%d cells x %d genes) in %.1f s%n", spec.qualifiedName(), output,
        result.nObs(), result.nVars(), (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
