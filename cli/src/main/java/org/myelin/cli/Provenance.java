package org.myelin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.myelin.io.AtomicOutput;
import picocli.CommandLine;

/**
 * The provenance record written beside every output ({@code OUT.provenance.json}): the command
 * line, myelin's and Java's versions, every parameter with its value (defaults included), and each
 * input's size and SHA-256, so a result can be traced and re-made.
 */
final class Provenance {

  private Provenance() {}

  /** The record's path for an output file or folder: a sibling named after it. */
  static Path pathFor(Path output) {
    Path abs = output.toAbsolutePath();
    return abs.resolveSibling(abs.getFileName() + ".provenance.json");
  }

  static void write(CommandLine.Model.CommandSpec spec, List<Path> inputs, List<Path> outputs, long startNanos,
      boolean overwrite) {
    Map<String, Object> record = record(spec, inputs, outputs, startNanos);
    Path target = pathFor(outputs.get(0));
    AtomicOutput.write(target, true, tmp -> Files.writeString(tmp, Json.write(record) + "\n", StandardCharsets.UTF_8));
  }

  /** The record: versions, the command and every parameter, inputs with size and SHA-256, outputs, time. */
  static Map<String, Object> record(CommandLine.Model.CommandSpec spec, List<Path> inputs, List<Path> outputs,
      long startNanos) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("myelin_version", Main.Version.version());
    record.put("java_version", Runtime.version().toString());
    // The processors the JVM saw (a container's CPU quota included): what --threads 0 uses.
    record.put("processors", Runtime.getRuntime().availableProcessors());
    record.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    List<Object> command = new ArrayList<>();
    command.add("myelin");
    command.addAll(spec.commandLine().getParseResult() == null ? List.of() : commandLine(spec));
    record.put("command", command);
    record.put("subcommand", spec.qualifiedName().replaceFirst("^myelin ", ""));
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      parameters.put(o.longestName(), text(o.getValue()));
    }
    for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
      parameters.put(p.paramLabel(), String.valueOf((Object) p.getValue()));
    }
    record.put("parameters", parameters);
    List<Object> in = new ArrayList<>();
    for (Path p : inputs) {
      in.addAll(describe(p));
    }
    record.put("inputs", in);
    List<Object> out = new ArrayList<>();
    for (Path p : outputs) {
      out.add(p.toString());
    }
    record.put("outputs", out);
    record.put("finished", Instant.now().toString());
    record.put("seconds", (System.nanoTime() - startNanos) / 1e9);
    return record;
  }

  /** An option's value as text; arrays and lists element by element ("50,100"), never an object's identity. */
  static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v.getClass().isArray()) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
        sb.append(i == 0 ? "" : ",").append(java.lang.reflect.Array.get(v, i));
      }
      return sb.toString();
    }
    if (v instanceof java.util.Collection<?> c) {
      return String.join(",", c.stream().map(String::valueOf).toList());
    }
    return String.valueOf(v);
  }

  /** The arguments as given on the command line, the subcommand's name first. */
  private static List<String> commandLine(CommandLine.Model.CommandSpec spec) {
    return new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
  }

  /** Size and SHA-256 of a file, or of every file of a folder. */
  private static List<Object> describe(Path p) {
    List<Object> out = new ArrayList<>();
    try {
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.walk(p)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
            out.add(entry(f));
          }
        }
      } else if (Files.isRegularFile(p)) {
        out.add(entry(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + " for its checksum: " + e.getMessage(), e);
    }
    return out;
  }

  private static Map<String, Object> entry(Path f) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", f.toString());
    m.put("bytes", Files.size(f));
    m.put("sha256", sha256(f));
    return m;
  }

  static String sha256(Path f) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(f)) {
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
