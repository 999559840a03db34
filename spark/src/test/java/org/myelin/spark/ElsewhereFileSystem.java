package org.myelin.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under a scheme of its own ({@code elsewhere:}), so that the tests take the path of
 * a file system that is not the local one (HDFS, S3): inputs copied to scratch, outputs copied back.
 */
public class ElsewhereFileSystem extends RawLocalFileSystem {

  @Override
  public URI getUri() {
    return URI.create("elsewhere:///");
  }

  @Override
  public String getScheme() {
    return "elsewhere";
  }
}
