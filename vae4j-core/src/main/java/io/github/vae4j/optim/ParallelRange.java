package io.github.vae4j.optim;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Runs an update loop over [0, n) on the calling thread, or splits it across the common fork-join
 * pool when n is large enough to repay the hand-off. Optimizer updates are elementwise, so the
 * result does not depend on the split.
 */
final class ParallelRange {

  /** Elements per task below which the loop stays on the caller (~0.1 ms of Adam). */
  // high, as in the tensor kernels: OpenBLAS's spinning workers hold the other cores after a product
  static final int GRAIN = 1 << 19;

  private static final int THREADS = Math.max(1, ForkJoinPool.getCommonPoolParallelism() + 1);

  @FunctionalInterface
  interface Body {
    void run(int from, int to);
  }

  private ParallelRange() {
  }

  static void run(int n, Body body) {
    int tasks = Math.min(THREADS, n / GRAIN);
    if (tasks <= 1) {
      body.run(0, n);
      return;
    }
    ForkJoinPool.commonPool().invoke(new Split(body, 0, n, Math.ceilDiv(n, tasks)));
  }

  private static final class Split extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient Body body;
    private final int from;
    private final int to;
    private final int chunk;

    Split(Body body, int from, int to, int chunk) {
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
      Split right = new Split(body, from + chunk, to, chunk);
      right.fork();
      body.run(from, from + chunk);
      right.join();
    }
  }
}
