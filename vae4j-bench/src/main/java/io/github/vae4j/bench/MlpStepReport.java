package io.github.vae4j.bench;

import io.github.vae4j.tensor.kernel.Gemm;
import io.github.vae4j.tensor.kernel.Gemms;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Prints the time of one training step of the 784-400-20 MLP at batch 128 beside the sum of the
 * times of the matrix products that step runs, on the backend chosen by {@code -Dvae4j.backend}
 * (default: OpenBLAS when it loads). The ratio is the engine's own overhead: everything that is not
 * a product (elementwise kernels, autodiff bookkeeping, Adam, allocation).
 *
 * <p>The products are timed two ways, and both ratios printed: alone, each shape repeated on the
 * same operands (warm caches: the fastest a product runs), and inside the training steps, by a
 * wrapper around the backend that times every call (operands as the step leaves them: inputs
 * rotating through 64 batches, weights just rewritten by Adam).
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp vae4j-bench/target/benchmarks.jar \
 *       io.github.vae4j.bench.MlpStepReport [seconds]
 * </pre>
 */
public final class MlpStepReport {

  /** The products of one step: every shape but fc1.dX, whose input needs no gradient. */
  static final Set<GemmShape> STEP_PRODUCTS = EnumSet.complementOf(EnumSet.of(GemmShape.FC1_INPUT_GRADIENT));

  private MlpStepReport() {
  }

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
    PrintStream out = System.out;
    Gemm gemm = Gemms.get();
    TimedGemm timed = new TimedGemm(gemm);
    MlpStep step = new MlpStep(1);
    for (int round = 0; round < 3; round++) {
      // alternate step and product timing so that both see the same machine state
      Gemms.use(timed);
      double[] stepAndProducts = timeSteps(step, timed, seconds / 2, seconds);
      Gemms.use(gemm);
      double stepMs = stepAndProducts[0];
      double inStepMs = stepAndProducts[1];
      double gemmMs = 0;
      StringBuilder parts = new StringBuilder();
      for (GemmShape shape : STEP_PRODUCTS) {
        double gflops = GemmReport.measure(gemm, shape.operands(7), 0.2, seconds / 5);
        double ms = shape.flops() / gflops / 1e6;
        gemmMs += ms;
        parts.append(String.format(Locale.ROOT, " %s %.3f ms (%.1f GFLOP/s);", shape.label(), ms, gflops));
      }
      out.printf(Locale.ROOT, "round %d, backend %s:%s%n", round + 1, gemm.name(), parts);
      out.printf(Locale.ROOT, "  training step %.3f ms; its products %.3f ms timed alone, ratio %.3f; %.3f ms timed"
          + " inside the step, ratio %.3f (target <= 1.25)%n", stepMs, gemmMs, stepMs / gemmMs, inStepMs,
          stepMs / inStepMs);
    }
  }

  /** Mean milliseconds per step and per step's products, over {@code seconds} after a warm-up. */
  private static double[] timeSteps(MlpStep step, TimedGemm timed, double warmup, double seconds) {
    long end = System.nanoTime() + (long) (warmup * 1e9);
    while (System.nanoTime() < end) {
      step.step();
    }
    long start = System.nanoTime();
    long productsBefore = timed.nanos();
    long steps = 0;
    long elapsed;
    do {
      step.step();
      steps++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < seconds * 1e9);
    return new double[] {elapsed / 1e6 / steps, (timed.nanos() - productsBefore) / 1e6 / steps};
  }

  /** A backend that adds up the wall time of the calls made to it (from one thread at a time). */
  static final class TimedGemm implements Gemm {
    private final Gemm inner;
    private long nanos;

    TimedGemm(Gemm inner) {
      this.inner = inner;
    }

    long nanos() {
      return nanos;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
        int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
      long t = System.nanoTime();
      inner.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
      nanos += System.nanoTime() - t;
    }

    @Override
    public String name() {
      return inner.name();
    }
  }
}
