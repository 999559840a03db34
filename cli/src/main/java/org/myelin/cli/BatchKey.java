package org.myelin.cli;

import picocli.CommandLine.Option;

/**
 * The obs column of batches that highly variable genes and Harmony share: one option, declared
 * once per command.
 */
final class BatchKey {

  @Option(names = "--batch-key", paramLabel = "COLUMN",
      description = "obs column of the batches (samples, donors, runs): highly variable genes are ranked in each batch and those chosen in most batches kept, and Harmony corrects "
          + "the PCA for them (obsm['X_pca_harmony'], which the neighbour graph then searches).")
  String column;
}
