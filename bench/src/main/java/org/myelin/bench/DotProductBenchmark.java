package org.myelin.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.myelin.core.matrix.DotProduct;
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
 * The dot product at the heart of PCA's Lanczos iteration (a 2,000-gene covariance times a vector
 * is 2,000 of them): the Vector API kernel against its scalar twin (same additions, same order) and
 * the plain loop the JIT compiles by itself. Run with {@code bench/jmh.sh DotProductBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DotProductBenchmark {

  @Param({"50", "2000"})
  public int length;

  private double[] a;
  private double[] b;

  @Setup
  public void setup() {
    Random rnd = new Random(1);
    a = new double[length];
    b = new double[length];
    for (int i = 0; i < length; i++) {
      a[i] = rnd.nextGaussian();
      b[i] = rnd.nextGaussian();
    }
  }

  @Benchmark
  public double vectorApi() {
    return DotProduct.dot(a, 0, b, 0, length);
  }

  @Benchmark
  public double scalarTwin() {
    return DotProduct.dotScalar(a, 0, b, 0, length);
  }

  @Benchmark
  public double plainLoop() {
    double s = 0;
    for (int i = 0; i < length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
