package io.github.vae4j.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits an index range across the common fork-join pool when it is large enough to pay for it.
 *
 * <p>Elementwise kernels call {@link #range} with the element count; below {@link #GRAIN} elements
 * per task the work runs on the calling thread, since handing off costs more than it saves.
 */
final class Parallel {

  /**
   * Minimum elements per task: below this a kernel runs on the caller. It is high because the
   * other cores are usually OpenBLAS's: its workers spin for a while after each product, and a
   * task handed to the pool waits for them (measured: MNIST VAE epochs 7% faster serial).
   */
  static final int GRAIN = 1 << 19;

  private static final int THREADS = Math.max(1, ForkJoinPool.getCommonPoolParallelism() + 1);

  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  private Parallel() {
  }

  static void range(int n, RangeBody body) {
    range(n, GRAIN, body);
  }

  static void range(int n, int grain, RangeBody body) {
    int tasks = Math.min(THREADS, n / Math.max(1, grain));
    if (tasks <= 1) {
      body.run(0, n);
      return;
    }
    ForkJoinPool.commonPool().invoke(new Split(body, 0, n, Math.ceilDiv(n, tasks)));
  }

  private static final class Split extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient RangeBody body;
    private final int from;
    private final int to;
    private final int chunk;

    Split(RangeBody body, int from, int to, int chunk) {
      this.body = body;
      this.from = from;
      this.to = to;
      this.chunk = chunk;
    }

    @Override
    protected void compute() {
      if (to - from <= chunk) {
        body.run(from, to);
        return;
      }
      int mid = from + chunk;
      Split right = new Split(body, mid, to, chunk);
      right.fork();
      body.run(from, mid);
      right.join();
    }
  }
}
