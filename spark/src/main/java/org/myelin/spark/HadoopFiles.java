package org.myelin.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files on any file system Hadoop reads (local, HDFS, S3 through the cluster's configuration).
 * myelin's readers need a local file they can seek in: a file on the local file system is used where
 * it lies, any other is copied to local scratch first.
 */
final class HadoopFiles {

  private final Configuration conf;

  HadoopFiles(Configuration conf) {
    this.conf = conf;
  }

  FileSystem fs(Path p) {
    try {
      FileSystem fs = p.getFileSystem(conf);
      // Outputs on a local disk carry no .crc file beside each file, as myelin's own outputs do not.
      if (fs instanceof org.apache.hadoop.fs.LocalFileSystem) {
        fs.setWriteChecksum(false);
      }
      return fs;
    } catch (IOException e) {
      throw new IllegalArgumentException(p + ": no file system for this path (" + e.getMessage() + ")", e);
    }
  }

  /** A path made absolute and qualified with its file system. */
  Path qualify(String path) {
    Path p = new Path(path);
    return fs(p).makeQualified(p);
  }

  boolean exists(Path p) {
    try {
      return fs(p).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("checking " + p, e);
    }
  }

  boolean isFile(Path p) {
    try {
      return fs(p).getFileStatus(p).isFile();
    } catch (java.io.FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("checking " + p, e);
    }
  }

  static boolean isLocal(Path p) {
    return "file".equals(p.toUri().getScheme());
  }

  /** The file as a local path: itself when local, else a copy in {@code scratch} under its own name. */
  java.nio.file.Path local(Path p, java.nio.file.Path scratch) {
    if (isLocal(p)) {
      return java.nio.file.Path.of(p.toUri());
    }
    java.nio.file.Path copy = scratch.resolve(p.getName());
    try {
      fs(p).copyToLocalFile(false, p, new Path(copy.toUri()), true);
    } catch (IOException e) {
      throw new UncheckedIOException("copying " + p + " to " + copy, e);
    }
    return copy;
  }

  /** Copies a local file to {@code to}, replacing it. */
  void upload(java.nio.file.Path from, Path to) {
    try {
      fs(to).copyFromLocalFile(false, true, new Path(from.toUri()), to);
    } catch (IOException e) {
      throw new UncheckedIOException("copying " + from + " to " + to, e);
    }
  }

  void mkdirs(Path p) {
    try {
      fs(p).mkdirs(p);
    } catch (IOException e) {
      throw new UncheckedIOException("making " + p, e);
    }
  }

  void delete(Path p) {
    try {
      fs(p).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + p, e);
    }
  }

  /** Writes an output's contents into a folder given to it; returns what the writing says of itself. */
  interface Writing {
    String into(Path folder) throws Exception;
  }

  /**
   * Writes an output so that it appears only when complete: into {@code .NAME.tmp-ID} beside it,
   * then renamed (the old output removed first when replacing it); the temporary folder is removed
   * whatever happens.
   */
  String writeAtomically(Path out, String id, boolean force, Writing writing) throws Exception {
    Path tmp = new Path(out.getParent(), "." + out.getName() + ".tmp-" + id);
    try {
      String said = writing.into(tmp);
      FileSystem fs = fs(out);
      if (fs.exists(out)) {
        if (!force) {
          throw new IllegalArgumentException(out + " exists; use --force to replace it");
        }
        fs.delete(out, true);
      }
      if (!fs.rename(tmp, out)) {
        throw new UncheckedIOException(new IOException("could not move " + tmp + " to " + out));
      }
      return said;
    } finally {
      if (exists(tmp)) {
        delete(tmp);
      }
    }
  }

  /** Refuses an output that exists unless it may be replaced. */
  void checkWritable(Path out, boolean force) {
    if (exists(out) && !force) {
      throw new IllegalArgumentException(out + " exists; use --force to replace it");
    }
  }
}
