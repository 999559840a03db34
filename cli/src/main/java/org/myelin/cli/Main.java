package org.myelin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code myelin} command: subcommands for each step, exit codes as documented in the README. */
@Command(
    name = "myelin",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Single-cell and spatial transcriptomics for cancer neuroscience.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:runtime failure", "2:bad usage or bad input (the message names the file)",
        "3:out of memory (the message names the step; nothing is left half-written)"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin run filtered_feature_bc_matrix.h5 -o sample.h5ad --tables tables/",
        "  myelin info --json sample.h5ad",
        "  myelin run --help       (every option of the pipeline, step by step)"})
public final class Main implements Runnable {

  /** Exit code for bad usage or bad input. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code for a failure that is not the input's fault. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code for a run that ran out of memory. */
  public static final int EXIT_OUT_OF_MEMORY = 3;

  /** Heap held back so that the out-of-memory message can still be made and printed. */
  private static byte[] reserve = new byte[1 << 20];

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** A command line wired with our exception handling, for the launcher and for tests. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    for (Object command : new Object[] {new RunCommand(), new InfoCommand(), new ConvertCommand(),
        new SimulateCommand(), new ConcatCommand(), new PseudobulkCommand(), new DeCommand(), new CohortCommand()}) {
      cl.addSubcommand(command);
    }
    for (StepCommands.Entry e : StepCommands.TOP) {
      cl.addSubcommand(e.name(), StepCommands.command(e));
    }
    cl.addSubcommand(new MarkersCommand());
    cl.addSubcommand(new ScoreCommand());
    cl.addSubcommand(new SignaturesCommand());
    CommandLine plot = new CommandLine(new PlotCommand());
    plot.getCommandSpec().usageMessage().footer(PlotCommand.footer());
    cl.addSubcommand(plot);
    cl.addSubcommand(new ReportCommand());
    CommandLine spatial = new CommandLine(new SpatialCommand());
    for (StepCommands.Entry e : StepCommands.SPATIAL) {
      spatial.addSubcommand(e.name(), StepCommands.command(e));
    }
    cl.addSubcommand(spatial);
    cl.addSubcommand(new CommandLine.HelpCommand());
    wire(cl, out, err);
    cl.getSubcommands().get("run").getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
        new RunCommand.StepSections());
    return cl;
  }

  /**
   * Gives a command line myelin's exit codes and one-line messages (2 for bad input or usage, 1 for
   * other failures), for myelin's commands and for programs built on them.
   */
  public static CommandLine wire(CommandLine cl, PrintWriter out, PrintWriter err) {
    cl.setOut(out);
    cl.setErr(err);
    org.myelin.io.AtomicOutput.onLeftoverRemoved(p -> {
      err.println("myelin: removed " + p + ", left by a run that was stopped before it could clean up");
      err.flush();
    });
    cl.setExecutionExceptionHandler(new Failures());
    cl.setParameterExceptionHandler(Failures::onUsageError);
    return cl;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code;
    // The Vector API kernels compiled while the input is read, before a step needs them.
    org.myelin.core.matrix.KernelWarmUp.start();
    try {
      code = commandLine(out, err).execute(args);
    } catch (OutOfMemoryError e) {
      reserve = null;
      err.println(outOfMemory(StepRunner.activity(), Runtime.getRuntime().maxMemory()));
      code = EXIT_OUT_OF_MEMORY;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The one line an out-of-memory run prints: what it was doing, the heap it had, what to do. */
  static String outOfMemory(String activity, long maxHeap) {
    String heap = maxHeap >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GB", maxHeap / (double) (1L << 30))
        : (maxHeap >> 20) + " MB";
    return "myelin: error: out of memory" + (activity == null ? "" : " while " + activity) + " with a " + heap
        + " heap; give it more with --memory (or MYELIN_MEMORY), or use --backed where the command has it";
  }

  /** Reads the version Maven wrote into the jar. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {version()};
    }

    public static String version() {
      try (InputStream in = Main.class.getResourceAsStream("/myelin-version.properties")) {
        Properties p = new Properties();
        if (in != null) {
          p.load(in);
        }
        return p.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }
  }
}
