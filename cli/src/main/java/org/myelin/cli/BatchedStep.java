package org.myelin.cli;

/** A step that reads the shared batch column (--batch-key), which the command declares once. */
interface BatchedStep extends Step {

  /** Gives the step the command's batch column. */
  void batchKey(BatchKey batches);
}
