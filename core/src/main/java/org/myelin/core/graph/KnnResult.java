package org.myelin.core.graph;

/**
 * The k nearest neighbours of every cell, the cell itself first (as scanpy counts it), then by
 * increasing distance.
 *
 * @param indices n x k, row-major
 * @param distances n x k, row-major, in the metric's units
 * @param k neighbours per cell, the cell itself included
 */
public record KnnResult(int[] indices, double[] distances, int k) {

  public int nCells() {
    return indices.length / k;
  }
}
