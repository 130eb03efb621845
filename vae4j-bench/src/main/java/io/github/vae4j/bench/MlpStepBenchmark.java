package io.github.vae4j.bench;

import io.github.vae4j.tensor.kernel.Gemms;
import java.util.concurrent.TimeUnit;
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
 * JMH: one full training step of the 784-400-20 MLP at batch 128 (forward, backward, Adam), on
 * each matrix-product backend. {@link MlpStepReport} sets it beside the sum of its GEMM times.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
public class MlpStepBenchmark {

  @Param({"openblas", "java"})
  public String backend;

  private MlpStep step;

  @Setup
  public void setup() {
    System.setProperty(Gemms.BACKEND_PROPERTY, backend);
    step = new MlpStep(1);
  }

  @Benchmark
  public float trainingStep() {
    return step.step();
  }
}
