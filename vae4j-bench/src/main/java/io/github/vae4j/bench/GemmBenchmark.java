package io.github.vae4j.bench;

import io.github.vae4j.tensor.kernel.Gemm;
import io.github.vae4j.tensor.kernel.Gemms;
import io.github.vae4j.tensor.kernel.OpenBlasGemm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The products of a 784-400-20 MLP at batch 128 ({@link GemmShape}), per backend.
 *
 * <p>Scores are products per second, and beside each the secondary score {@code sgemm:gflop}, in
 * GFLOP/s (JMH prints it as "ops/s": it counts one per 10^9 floating-point operations).
 * {@link GemmReport} prints the same against OpenBLAS called from C. Run with
 * {@code java --enable-native-access=ALL-UNNAMED -jar vae4j-bench/target/benchmarks.jar Gemm}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
public class GemmBenchmark {

  @Param({"openblas", "java"})
  public String backend;

  @Param({"fc1.forward", "fc1.dW", "fc1.dX", "fc2.forward", "fc2.dW", "fc2.dX"})
  public String shape;

  private Gemm gemm;
  private GemmShape.Operands operands;
  private double gflopPerProduct;

  /** Floating-point operations done, in units of 10^9; JMH reports the count per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Flops {
    public double gflop;

    @Setup(Level.Iteration)
    public void clear() {
      gflop = 0;
    }
  }

  @Setup
  public void setUp() {
    gemm = switch (backend) {
      case "openblas" -> OpenBlasGemm.load();
      case "java" -> Gemms.java();
      default -> throw new IllegalArgumentException(
          "backend must be openblas or java, got '" + backend + "'");
    };
    GemmShape product = GemmShape.of(shape);
    operands = product.operands(42);
    gflopPerProduct = product.flops() / 1e9;
  }

  @Benchmark
  public float[] sgemm(Flops flops) {
    flops.gflop += gflopPerProduct;
    return operands.run(gemm);
  }
}
