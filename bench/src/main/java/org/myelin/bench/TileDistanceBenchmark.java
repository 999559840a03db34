package org.myelin.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.myelin.core.matrix.SquaredDistance;
import org.myelin.core.matrix.TileDistance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One cell's local join in NN-descent: every pair among {@code candidates} rows of 50 float32
 * principal components, drawn from 100,000 rows. Through the tile (copied once, then eight
 * distances per vector; {@link TileDistance}) against a distance per pair read from the rows
 * ({@link SquaredDistance}, eight dimensions per vector) and the pair function's scalar loop. Run
 * with {@code bench/jmh.sh TileDistanceBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TileDistanceBenchmark {

  private static final int ROWS = 100_000;
  private static final int DIMS = 50;
  private static final int ROW_LENGTH = 56;

  @Param({"20", "80"})
  public int candidates;

  private float[] data;
  private int[] ids;
  private float[] tile;
  private float[] rows;
  private float[] out;

  @Setup
  public void setup() {
    Random rnd = new Random(1);
    data = new float[ROWS * ROW_LENGTH];
    for (int i = 0; i < ROWS; i++) {
      for (int c = 0; c < DIMS; c++) {
        data[i * ROW_LENGTH + c] = (float) rnd.nextGaussian();
      }
    }
    ids = new int[candidates];
    for (int j = 0; j < candidates; j++) {
      ids[j] = rnd.nextInt(ROWS);
    }
    int stride = TileDistance.stride(candidates);
    tile = new float[stride * DIMS];
    rows = new float[candidates * ROW_LENGTH];
    out = new float[stride];
  }

  @Benchmark
  public float tile() {
    int stride = TileDistance.stride(candidates);
    TileDistance.fill(data, ROW_LENGTH, DIMS, ids, candidates, 0, tile, stride, rows);
    float sum = 0;
    for (int a = 0; a + 1 < candidates; a++) {
      TileDistance.distances(data, ids[a] * ROW_LENGTH, tile, stride, DIMS, a + 1, candidates, out);
      for (int b = a + 1; b < candidates; b++) {
        sum += out[b];
      }
    }
    return sum;
  }

  @Benchmark
  public float perPair() {
    float sum = 0;
    for (int a = 0; a < candidates; a++) {
      for (int b = a + 1; b < candidates; b++) {
        sum += SquaredDistance.of(data, ids[a] * ROW_LENGTH, data, ids[b] * ROW_LENGTH, ROW_LENGTH);
      }
    }
    return sum;
  }

  @Benchmark
  public float pairScalar() {
    float sum = 0;
    for (int a = 0; a < candidates; a++) {
      for (int b = a + 1; b < candidates; b++) {
        sum += TileDistance.pair(data, ids[a] * ROW_LENGTH, data, ids[b] * ROW_LENGTH, DIMS);
      }
    }
    return sum;
  }
}
