package org.myelin.core.matrix;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel behind {@link ScaledRowSum}: four vectors of acc held in registers while
 * the entries pass, then the next four; columns past the last whole vector one by one. Loaded only
 * when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorScaledRowSum implements ScaledRowSum.Kernel {

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int L = SPECIES.length();

  @Override
  public void add(double[] acc, int accOff, int k, double[] w, int[] rows, double[] v, int n) {
    int c = 0;
    for (; c + 4 * L <= k; c += 4 * L) {
      DoubleVector a0 = DoubleVector.fromArray(SPECIES, acc, accOff + c);
      DoubleVector a1 = DoubleVector.fromArray(SPECIES, acc, accOff + c + L);
      DoubleVector a2 = DoubleVector.fromArray(SPECIES, acc, accOff + c + 2 * L);
      DoubleVector a3 = DoubleVector.fromArray(SPECIES, acc, accOff + c + 3 * L);
      for (int t = 0; t < n; t++) {
        int base = rows[t] * k + c;
        DoubleVector vt = DoubleVector.broadcast(SPECIES, v[t]);
        a0 = a0.add(vt.mul(DoubleVector.fromArray(SPECIES, w, base)));
        a1 = a1.add(vt.mul(DoubleVector.fromArray(SPECIES, w, base + L)));
        a2 = a2.add(vt.mul(DoubleVector.fromArray(SPECIES, w, base + 2 * L)));
        a3 = a3.add(vt.mul(DoubleVector.fromArray(SPECIES, w, base + 3 * L)));
      }
      a0.intoArray(acc, accOff + c);
      a1.intoArray(acc, accOff + c + L);
      a2.intoArray(acc, accOff + c + 2 * L);
      a3.intoArray(acc, accOff + c + 3 * L);
    }
    for (; c + L <= k; c += L) {
      DoubleVector a0 = DoubleVector.fromArray(SPECIES, acc, accOff + c);
      for (int t = 0; t < n; t++) {
        a0 = a0.add(DoubleVector.broadcast(SPECIES, v[t]).mul(DoubleVector.fromArray(SPECIES, w, rows[t] * k + c)));
      }
      a0.intoArray(acc, accOff + c);
    }
    for (; c < k; c++) {
      double a = acc[accOff + c];
      for (int t = 0; t < n; t++) {
        a += v[t] * w[rows[t] * k + c];
      }
      acc[accOff + c] = a;
    }
  }
}
