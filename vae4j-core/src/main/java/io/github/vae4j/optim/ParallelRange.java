package io.github.vae4j.optim;

import io.github.vae4j.tensor.kernel.Workers;
import java.util.List;

/**
 * Runs update loops on the calling thread, or splits them into equal parts on the engine's
 * {@link Workers} when they are large enough to repay the hand-off. Optimizer updates are
 * elementwise, so the result does not depend on the split.
 */
final class ParallelRange {

  /** Elements per part below which the loops stay on the caller. */
  static final int GRAIN = 1 << 15;

  @FunctionalInterface
  interface Body {
    /** Updates [from, to); returns whether every value it wrote is finite. */
    boolean run(int from, int to);
  }

  private ParallelRange() {
  }

  /** A loop over [0, n). */
  record Work(int n, Body body) {
  }

  /**
   * Runs every loop over its whole range, splitting their concatenation into equal parts when it
   * is long enough. Returns whether every value written is finite.
   */
  static boolean runAll(List<Work> work) {
    long total = 0;
    for (Work w : work) {
      total += w.n();
    }
    int parts = (int) Math.min(Workers.threads(), total / GRAIN);
    if (parts <= 1) {
      return runSpan(work, 0, total);
    }
    long all = total;
    boolean[] finite = new boolean[parts];
    Workers.run(parts, p -> finite[p] = runSpan(work, all * p / parts, all * (p + 1) / parts));
    boolean ok = true;
    for (boolean f : finite) {
      ok &= f;
    }
    return ok;
  }

  /** Runs the part of the concatenated loops that lies in [from, to). */
  private static boolean runSpan(List<Work> work, long from, long to) {
    boolean finite = true;
    long start = 0;
    for (Work w : work) {
      long end = start + w.n();
      long a = Math.max(from, start);
      long b = Math.min(to, end);
      if (a < b) {
        finite &= w.body().run((int) (a - start), (int) (b - start));
      }
      start = end;
    }
    return finite;
  }
}
