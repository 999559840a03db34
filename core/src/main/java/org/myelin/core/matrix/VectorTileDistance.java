package org.myelin.core.matrix;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel behind {@link TileDistance}: four vectors of the tile (32 rows) at a time,
 * four independent chains of fused multiply-adds, so that the adder's latency is hidden; then one
 * vector at a time. Each lane is its row's sum in the documented order, so the bits are the scalar
 * twin's. Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorTileDistance implements TileDistance.Kernel {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int L = TileDistance.LANES;

  @Override
  public void distances(float[] x, int xOff, float[] tile, int stride, int dims, int from, int to, float[] out) {
    int j = from / L * L;
    for (; j + 3 * L < to && j + 4 * L <= stride; j += 4 * L) {
      FloatVector s0 = FloatVector.zero(SPECIES);
      FloatVector s1 = s0;
      FloatVector s2 = s0;
      FloatVector s3 = s0;
      for (int c = 0, t = j; c < dims; c++, t += stride) {
        FloatVector q = FloatVector.broadcast(SPECIES, x[xOff + c]);
        FloatVector d0 = q.sub(FloatVector.fromArray(SPECIES, tile, t));
        FloatVector d1 = q.sub(FloatVector.fromArray(SPECIES, tile, t + L));
        FloatVector d2 = q.sub(FloatVector.fromArray(SPECIES, tile, t + 2 * L));
        FloatVector d3 = q.sub(FloatVector.fromArray(SPECIES, tile, t + 3 * L));
        s0 = d0.fma(d0, s0);
        s1 = d1.fma(d1, s1);
        s2 = d2.fma(d2, s2);
        s3 = d3.fma(d3, s3);
      }
      s0.intoArray(out, j);
      s1.intoArray(out, j + L);
      s2.intoArray(out, j + 2 * L);
      s3.intoArray(out, j + 3 * L);
    }
    for (; j < to; j += L) {
      FloatVector s = FloatVector.zero(SPECIES);
      for (int c = 0, t = j; c < dims; c++, t += stride) {
        FloatVector d = FloatVector.broadcast(SPECIES, x[xOff + c]).sub(FloatVector.fromArray(SPECIES, tile, t));
        s = d.fma(d, s);
      }
      s.intoArray(out, j);
    }
  }
}
