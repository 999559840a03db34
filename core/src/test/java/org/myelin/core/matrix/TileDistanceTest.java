package org.myelin.core.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tile kernel, its scalar twin and the pair distance give one set of bits for every pair. */
class TileDistanceTest {

  @Test
  void vectorScalarAndPairAgreeBitForBit() {
    Random rnd = new Random(21);
    int rowLength = 56;
    int rows = 90;
    float[] data = new float[rows * rowLength];
    for (int i = 0; i < data.length; i++) {
      // Mixed magnitudes, so that any change in the order of additions would show in the bits.
      data[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
    }
    for (int dims : new int[] {1, 7, 8, 50, 56}) {
      for (int count : new int[] {1, 5, 8, 9, 31, 32, 33, 41, 80}) {
        int[] ids = new int[count];
        for (int j = 0; j < count; j++) {
          ids[j] = rnd.nextInt(rows);
        }
        int stride = TileDistance.stride(count + 3);
        float[] tile = new float[stride * dims];
        // Rows from 3 on: the first three of the tile stay as they were (zeros).
        TileDistance.fill(data, rowLength, dims, ids, count, 3, tile, stride, new float[count * rowLength]);
        int query = rnd.nextInt(rows);
        for (int from = 0; from <= count + 3; from += 1 + from / 4) {
          float[] v = new float[stride];
          float[] s = new float[stride];
          TileDistance.vector(data, query * rowLength, tile, stride, dims, from, count + 3, v);
          TileDistance.scalar(data, query * rowLength, tile, stride, dims, from, count + 3, s);
          for (int j = from; j < count + 3; j++) {
            String where = "dims " + dims + ", tile row " + j + " of " + (count + 3) + " from " + from;
            assertEquals(Float.floatToRawIntBits(s[j]), Float.floatToRawIntBits(v[j]), where);
            if (j >= 3) {
              int other = ids[j - 3] * rowLength;
              float pair = TileDistance.pair(data, query * rowLength, data, other, dims);
              assertEquals(Float.floatToRawIntBits(pair), Float.floatToRawIntBits(s[j]), where);
              // Symmetric to the bit, so a pair has one distance whichever cell asks.
              assertEquals(Float.floatToRawIntBits(pair),
                  Float.floatToRawIntBits(TileDistance.pair(data, other, data, query * rowLength, dims)), where);
              double exact = 0;
              for (int c = 0; c < dims; c++) {
                double diff = (double) data[query * rowLength + c] - data[other + c];
                exact += diff * diff;
              }
              assertEquals(exact, pair, 1e-7 * (dims + 1) * exact + 1e-30, where);
            }
          }
        }
      }
    }
    assertTrue(TileDistance.vectorised(), "the tests run with jdk.incubator.vector: the Vector API kernel is chosen");
  }
}
