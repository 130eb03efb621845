package io.github.vae4j.tensor;

import io.github.vae4j.tensor.kernel.Workers;

/**
 * Splits an index range into equal parts run on the engine's {@link Workers} when it is large
 * enough to pay for the hand-off.
 *
 * <p>Elementwise kernels call {@link #range} with the element count; below {@link #GRAIN} elements
 * per part the work runs on the calling thread. Every caller computes each index independently of
 * the others, so results do not depend on the split.
 */
final class Parallel {

  /**
   * Minimum elements per part. A helper that is spinning takes a part within a microsecond; 32k
   * elements take 5-20 us in the vector kernels.
   */
  static final int GRAIN = 1 << 15;

  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  private Parallel() {
  }

  static void range(int n, RangeBody body) {
    range(n, GRAIN, body);
  }

  /** Runs {@code body} over [0, n) in parts of at least {@code grain} indices. */
  static void range(int n, int grain, RangeBody body) {
    int parts = Math.min(Workers.threads(), n / Math.max(1, grain));
    if (parts <= 1) {
      body.run(0, n);
      return;
    }
    Workers.run(parts, p -> body.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
  }
}
