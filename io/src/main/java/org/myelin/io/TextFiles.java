package org.myelin.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/** Opening plain or gzip text files, telling them apart by their magic bytes, not their names. */
public final class TextFiles {

  private TextFiles() {}

  /** Opens a file for reading, transparently un-gzipping it when it starts with gzip's magic. */
  public static InputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new MalformedFileException(file, null, "no such file");
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }

  /** A reader over {@link #open}. */
  public static BufferedReader reader(Path file) throws IOException {
    return new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8), 1 << 16);
  }

  /** Opens a file for writing, gzip-compressed when its name ends in .gz. */
  public static OutputStream create(Path file, Path nameForCompression) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    if (nameForCompression.getFileName().toString().endsWith(".gz")) {
      return new GZIPOutputStream(out, 1 << 16);
    }
    return new java.io.BufferedOutputStream(out, 1 << 16);
  }

  /** Reads all lines, turning gzip and I/O failures into a message naming the file. */
  public static List<String> readLines(Path file) {
    try (BufferedReader r = reader(file)) {
      List<String> lines = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
      return lines;
    } catch (IOException e) {
      throw readFailure(file, e);
    }
  }

  /** A read failure as a {@link MalformedFileException}, naming truncated gzip streams plainly. */
  public static MalformedFileException readFailure(Path file, IOException e) {
    if (e instanceof EOFException || e instanceof ZipException) {
      return new MalformedFileException(file, null, "truncated or corrupt gzip stream: " + e.getMessage(), e);
    }
    return new MalformedFileException(file, null, "cannot read: " + e.getMessage(), e);
  }

  /** The first of the candidate names that exists in {@code dir}, or null. */
  public static Path firstExisting(Path dir, String... names) {
    for (String n : names) {
      Path p = dir.resolve(n);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }
}
